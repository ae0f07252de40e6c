"""The bounds a session result is checked against (stretching/result.py), each with its reason.

[design] marks the project's own reasoned choices; the rest come from the database columns or
from the routine itself. Every door (the web, the terminal, the offline queue, the quarantine
of stored rows) checks against these same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from .catalogue import Catalogue
from .timeline import Timeline, compile_timeline


@dataclass(frozen=True)
class ResultLimits:
    """Every number a result is held to."""

    clock_skew: timedelta = timedelta(minutes=5)
    """[design] A result may end at most this long after the server's clock says now: a phone's
    clock runs a little fast or slow; a session that ends later than that has not happened."""
    before_first_use: timedelta = timedelta(days=7)
    """[design] A result may start at most this long before the person's first use (their
    account's creation; for a guest, the moment it arrives): a phone's clock may be off, and
    the offline queue may hold a session played before signing up for some days."""
    pause_seconds: int = 3 * 60 * 60
    """[design] A session may last (ended_at - started_at) its planned time plus this: pauses,
    a phone call, waiting to get into position. A 30-hour session is not a session."""
    extra_practised_seconds: int = 60 * 60
    """[design] Practised time (pauses out) may exceed the planned time by this: going back
    restarts a step, and a get-ready step may wait for "I'm in position". An hour beyond the
    plan is more than any real session needs."""
    rounding_seconds: int = 2
    """Both players round practised time to whole seconds and stamp ended_at from the same
    clock to the millisecond: the two may differ by a second, so practised time may exceed
    ended_at - started_at by this."""
    planned_slack: float = 0.25
    """[design] Planned seconds (the session's and each stretch's) may exceed the routine at its
    full dose by this share: timings change between versions of the app (get-ready steps were
    lengthened once) and a result queued offline may come from another version. There is no
    lower bound: the plan leaves out stretches and starts holds short."""
    max_seconds: int = 2**31 - 1
    """Seconds and counts are kept in integer columns (PositiveIntegerField) whose range on
    SQLite and PostgreSQL ends here."""
    max_id_length: int = 64
    """Routine and exercise ids are kept in 64-character columns."""
    max_time_length: int = 40
    """An ISO 8601 date and time with microseconds and an offset is 32 characters."""
    max_entries: int = 200
    """Exercises and Thigh Test answers per result: a routine has at most a handful of
    stretches, and the Thigh Test is asked at most every few seconds of a 30-minute side."""
    max_depth: int = 8
    """Nesting of the posted JSON: a result is an object of lists of objects (3 deep); a little
    room for fields a newer player may add, none for a body built to exhaust the parser."""
    max_bytes: int = 64 * 1024
    """Size of a posted result: 200 entries of about 150 bytes each, with room to spare."""
    max_digits: int = 18
    """Digits of one JSON number: more cannot fit a column, and reading is cheap below it."""


RESULT_LIMITS = ResultLimits()


@dataclass(frozen=True)
class RoutinePlan:
    """What a routine plans at its full dose: the bounds a result of it is checked against."""

    routine_id: str
    planned_seconds: int
    exercises: Mapping[str, int] = field(default_factory=dict)
    """Each stretch's planned seconds (its holds, repetitions or resting time)."""


def plan_of(timeline: Timeline) -> RoutinePlan:
    """The bounds of a compiled routine (built-in or a clinician's), at the dose it was
    compiled with: compile it without the person's adjustments for its full dose."""
    from .session import SessionRun  # the engine imports the result types, so not at the top

    tallies = SessionRun(timeline, started=0.0).tallies  # what the engine reports as planned
    exercises = {eid: tally.planned for eid, tally in tallies.items()}
    return RoutinePlan(timeline.routine_id, timeline.total_seconds, exercises)


def routine_plans(catalogue: Catalogue) -> dict[str, RoutinePlan]:
    """Every routine in the catalogue at its full dose (the rules only ever lower a dose)."""
    return {rid: plan_of(compile_timeline(catalogue, rid)) for rid in catalogue.routines}
