from django.urls import include, path

from coach.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("coach.api.urls")),
    path("account/", include("coach.accounts.urls")),
    path("learn/", include("coach.learn.urls")),
    path("reminders/", include("coach.reminders.urls")),
    path("", include("coach.clinic.urls")),
    path("", include("coach.pwa")),
    path("", include("coach.diary.urls")),
    path("", include("coach.practice.urls")),
]
