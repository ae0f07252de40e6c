"""Stored sessions that break the rules a result is checked by (stretching.result): rows
written past the check (imports, fixtures, older versions of the app, a hand-edited database)
such as one that ended before it started, one in year 10000, practised far beyond its plan or
of a routine nobody knows. They are kept and listed for the person with the reason, and the
manager `PracticeSession.objects` leaves them out of everything else (the plan, Today, History,
the routine pages and the gate), so no page can be broken by stored data.

Rows are read with their times as text, so a time no Python datetime can hold (year 10000,
years BC) is a reason to quarantine rather than an error that stops the sweep.
"""

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from stretching.result import Expected, ResultError, RoutinePlan, parse_result

from . import signals
from .models import ExerciseOutcome, PracticeSession
from .results import assigned_routines, known_routines

BATCH = 500
"""Sessions read at a time: memory stays flat however many rows there are."""
FIELDS = (
    "id",
    "user_id",
    "routine_id",
    "completed",
    "planned_seconds",
    "practised_seconds",
    "checks",
)
TIMES = ("started_at", "ended_at", "created_at")
OUTCOME_FIELDS = ("exercise_id", "outcome", "held_seconds", "planned_seconds", "side", "spread")


@dataclass(frozen=True)
class Finding:
    session_id: int
    user_id: int | None
    reason: str


def stored_time(text: Any) -> datetime | None:
    """A time as the database wrote it out (SQLite: naive UTC; PostgreSQL: with its offset),
    or None when it is no date and time Python can hold."""
    if not isinstance(text, str):
        return None
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def problem(
    row: dict[str, Any],
    outcomes: list[dict[str, Any]],
    joined: datetime | None,
    routines: Mapping[str, RoutinePlan],
) -> str:
    """Why a stored row breaks the rules ('' when it does not). It is checked as it was when
    it arrived: the person began when they joined (or the row arrived, if that was earlier:
    sessions played as a guest), nothing can end after it arrived, and its routine is one of
    `routines` (the built-in ones and the person's assigned ones)."""
    arrived = stored_time(row["created_at"]) or timezone.now()
    times = {}
    for name in ("started_at", "ended_at"):
        times[name] = stored_time(row[name])
        if times[name] is None:
            return f"{name} must be a date and time between the years 1 and 9999 in UTC"
    first_use = min(joined, arrived) if joined is not None else arrived
    data = {k: row[k] for k in FIELDS if k != "id"} | {
        "started_at": times["started_at"].isoformat(),  # type: ignore[union-attr]
        "ended_at": times["ended_at"].isoformat(),  # type: ignore[union-attr]
        "exercises": outcomes,
    }
    try:
        parse_result(data, Expected(routines, first_use=first_use, now=arrived))
    except ResultError as exc:
        return str(exc)
    return ""


def _batches() -> Iterator[list[dict[str, Any]]]:
    rows = (
        PracticeSession.every.filter(quarantined=False)
        .annotate(**{f"{t}_text": Cast(t, TextField()) for t in TIMES})
        .order_by("id")
        .values(*FIELDS, *(f"{t}_text" for t in TIMES))
    )
    after = 0
    while batch := list(rows.filter(id__gt=after)[:BATCH]):
        after = batch[-1]["id"]
        yield [r | {t: r.pop(f"{t}_text") for t in TIMES} for r in batch]


def find() -> list[Finding]:
    """Every stored session not yet quarantined that breaks the rules, with the reason."""
    joined = dict(get_user_model().objects.values_list("id", "date_joined"))
    found = []
    for batch in _batches():
        outcomes: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for o in (
            ExerciseOutcome.objects.filter(session_id__in=[r["id"] for r in batch])
            .order_by("session_id", "position")
            .values("session_id", *OUTCOME_FIELDS)
        ):
            outcomes[o.pop("session_id")].append(o)
        assigned = assigned_routines({r["user_id"] for r in batch if r["user_id"] is not None})
        for row in batch:
            routines = known_routines() | assigned.get(row["user_id"], {})
            reason = problem(row, outcomes[row["id"]], joined.get(row["user_id"]), routines)
            if reason:
                found.append(Finding(row["id"], row["user_id"], reason))
    return found


def quarantine(findings: list[Finding]) -> None:
    """Mark the sessions found; each person whose history changed has their plan rebuilt."""
    reason_field = PracticeSession._meta.get_field("quarantine_reason")
    width = reason_field.max_length or 300
    with transaction.atomic():
        for f in findings:
            PracticeSession.every.filter(id=f.session_id).update(
                quarantined=True, quarantine_reason=f.reason[:width]
            )
        people = {f.user_id for f in findings if f.user_id is not None}
        for user in get_user_model().objects.filter(id__in=people):
            signals.sessions_quarantined.send(sender=PracticeSession, user=user)


@dataclass(frozen=True)
class NotUsed:
    """A quarantined session as the person sees it (History) and takes it away (export)."""

    id: int
    routine_id: str
    started_at: datetime | None
    """None when the stored time is none Python can hold; `started_text` has it as stored."""
    started_text: str
    ended_text: str
    completed: bool
    planned_seconds: int
    practised_seconds: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "routine_id": self.routine_id,
            "started_at": self.started_text,
            "ended_at": self.ended_text,
            "completed": self.completed,
            "planned_seconds": self.planned_seconds,
            "practised_seconds": self.practised_seconds,
            "reason": self.reason,
        }


def not_used(user) -> list[NotUsed]:
    """The person's quarantined sessions, times read as text (they may be out of range)."""
    rows = (
        PracticeSession.every.filter(user=user, quarantined=True)
        .annotate(started_text=Cast("started_at", TextField()))
        .annotate(ended_text=Cast("ended_at", TextField()))
        .order_by("id")
        .values_list(
            "id",
            "routine_id",
            "started_text",
            "ended_text",
            "completed",
            "planned_seconds",
            "practised_seconds",
            "quarantine_reason",
        )
    )
    return [
        NotUsed(pk, rid, stored_time(start), str(start), str(end), done, planned, practised, why)
        for pk, rid, start, end, done, planned, practised, why in rows
    ]
