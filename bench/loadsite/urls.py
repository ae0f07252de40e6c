from django.contrib.auth import get_user_model
from django.http import HttpRequest, JsonResponse
from django.urls import include, path


def bare(request: HttpRequest) -> JsonResponse:
    """One ORM read and a tiny JSON answer: what Django itself costs on this machine."""
    found = get_user_model().objects.filter(pk=1).values_list("id", flat=True).first()
    return JsonResponse({"id": found})


def signed_in(request: HttpRequest) -> JsonResponse:
    """The bare view's answer for a signed-in person: the session and the user read first, as
    every personal page does before its own work."""
    return JsonResponse({"id": request.user.pk})


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/signed-in/", signed_in),
    path("", include("coach.urls")),
]
