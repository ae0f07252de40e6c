from django.urls import include, path

urlpatterns = [
    path("account/", include("coach.accounts.urls")),
    path("", include("coach.diary.urls")),
    path("", include("coach.practice.urls")),
]
