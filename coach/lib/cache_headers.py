"""No shared or stored copies of a page that shows a person's data."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

PRIVATE = "private, no-store"


def _personal(request: HttpRequest) -> bool:
    """Signed in, or a browser session (a guest's safety answers and played sessions)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    return session is not None and not session.is_empty()


class PrivatePagesMiddleware:
    """Cache-Control: private, no-store on every answer to a signed-in person or a browser with
    a session, unless the view chose its own (public drawings, downloads). Pages for a visitor
    without a session stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and _personal(request):
            response["Cache-Control"] = PRIVATE
        return response
