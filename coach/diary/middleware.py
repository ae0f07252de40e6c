"""Hangs the person's plan on every request as `request.plan`, worked out on first read, so
practice views read it the way they read `request.user` without importing the diary."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from coach.practice.plans import RequestPlan

from .plans import today_for


class PlanMiddleware:
    """Listed after AuthenticationMiddleware: the plan is the signed-in person's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.plan = RequestPlan(lambda: today_for(request.user))  # type: ignore[attr-defined]
        return self.get_response(request)
