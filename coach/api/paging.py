"""Cursor pagination: a page is the rows after the last one seen, by (time, id), newest first,
so a page costs the same however long the history (an index on (user, time) finds it)."""

import base64
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from .problems import ApiProblem

MAX_LIMIT = 100


def cursor_of(when: datetime, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{when.isoformat()}|{pk}".encode()).decode().rstrip("=")


def _read(cursor: str) -> tuple[datetime, int]:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        when, pk = text.split("|")
        at = datetime.fromisoformat(when)
        if at.tzinfo is None:
            raise ValueError
        return at, int(pk)
    except (ValueError, UnicodeDecodeError):
        raise ApiProblem(
            422, "Invalid request", "Pass a cursor exactly as the last page gave it.", "cursor"
        ) from None


def page(
    rows: QuerySet[Any], field: str, cursor: str | None, limit: int
) -> tuple[list[Any], str | None]:
    """Up to `limit` rows ordered by `field` then id, newest first, after `cursor`."""
    if cursor:
        at, pk = _read(cursor)
        rows = rows.filter(Q(**{f"{field}__lt": at}) | Q(**{field: at, "pk__lt": pk}))
    found = list(rows.order_by(f"-{field}", "-pk")[: limit + 1])
    more = len(found) > limit
    found = found[:limit]
    last = found[-1] if more else None
    return found, cursor_of(getattr(last, field), last.pk) if last is not None else None
