from django.urls import include, path

urlpatterns = [
    path("", include("coach.practice.urls")),
]
