"""Template context for every page: whether the signed-in person is a clinician (for the
navigation) and, read only where a page shows them, the routines assigned to them."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from . import selectors


def clinic(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "is_clinician": SimpleLazyObject(lambda: selectors.is_clinician(user)),
        "assigned_routines": SimpleLazyObject(lambda: selectors.assigned_lines(request)),
    }
