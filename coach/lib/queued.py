"""Posts that a browser kept while offline and sends later (coach/static/coach/outbox.js).

Every queued post says whose it is (`X-Queued-For`: "user:<id>" or "guest") and carries an
idempotency key; it may say when it was made (`X-Made-At`). A post made for somebody other
than the person now signed in is refused with 409, so a queued item never lands in another
person's diary; the browser keeps it for its owner.
"""

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

QUEUED_FOR = "X-Queued-For"
MADE_AT = "X-Made-At"
KEY_FIELD = "idempotency_key"
KEY_PATTERN = re.compile(r"[A-Za-z0-9-]{8,64}")
MADE_AT_OLDEST = timedelta(days=7)
"""[design] A queued entry keeps the time it was made if it is at most this old."""
CLOCK_SKEW = timedelta(minutes=5)
GUEST = "guest"
NOT_YOURS = (
    "This was kept on this device for another account (or for a visit without one), so it "
    "was not saved for the person signed in now. It is sent when its owner signs in again."
)
BAD_KEY = "Send an idempotency key of 8-64 letters, digits or dashes."


def owner_of(request: HttpRequest) -> str:
    """Whose data a post from this request is: "user:<id>", or "guest" without an account."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return GUEST


def is_queued(request: HttpRequest) -> bool:
    """Sent by the browser's outbox (which wants a JSON answer), not by a plain form."""
    return QUEUED_FOR in request.headers


def checks_owner[V: Callable[..., HttpResponse]](view: V) -> V:
    """Refuse (409) a queued post made for somebody other than the requester."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        claimed = request.headers.get(QUEUED_FOR)
        if claimed is not None and claimed != owner_of(request):
            return JsonResponse({"error": NOT_YOURS, "owner": "mismatch"}, status=409)
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def idempotency_key(request: HttpRequest) -> str | None:
    """The post's key (header, else the form's hidden field): "" when none was sent, None when
    one was sent but is not 8-64 letters, digits or dashes."""
    key = request.headers.get("Idempotency-Key") or request.POST.get(KEY_FIELD, "")
    if not key:
        return ""
    return key if KEY_PATTERN.fullmatch(key) else None


def made_at(request: HttpRequest, now: datetime | None = None) -> datetime:
    """When a queued entry was made (X-Made-At, ISO 8601 with an offset) if that is plausible
    (at most a week ago, not in the future beyond clock skew), else now."""
    now = now or timezone.now()
    try:
        at = datetime.fromisoformat(request.headers.get(MADE_AT, "")[:40])
        plausible = now - MADE_AT_OLDEST <= at <= now + CLOCK_SKEW
    except (ValueError, TypeError, OverflowError):  # not a date, no offset, out of range
        return now
    return min(at, now) if plausible else now


def saved(data: dict, *, created: bool) -> JsonResponse:
    """The answer to a queued post: 201 when it was saved now, 200 when it already was."""
    return JsonResponse({**data, "created": created}, status=201 if created else 200)


def refused(error: str, status: int = 400, **extra) -> JsonResponse:
    return JsonResponse({"error": error, **extra}, status=status)
