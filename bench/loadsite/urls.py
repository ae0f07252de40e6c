from django.contrib.auth import get_user_model
from django.http import HttpRequest, JsonResponse
from django.urls import include, path


def bare(request: HttpRequest) -> JsonResponse:
    """One ORM read and a tiny JSON answer: what Django itself costs on this machine."""
    found = get_user_model().objects.filter(pk=1).values_list("id", flat=True).first()
    return JsonResponse({"id": found})


urlpatterns = [path("bench/bare/", bare), path("", include("coach.urls"))]
