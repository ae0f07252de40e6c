"""The replay's state: where a person's history has brought each stretch and the plan.

Plain frozen values: the replay (stretching.rules.replay.apply) turns a state and one event
into the next state, so a state can be kept and brought up to date one event at a time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from ..catalogue import Catalogue, Exercise
from ..symptoms import CheckIn
from .history import SessionRecord
from .settings import RuleSettings

Mode = Literal["relief", "warm-up"]
Status = Literal["active", "paused", "off"]


@dataclass(frozen=True)
class DoseChange:
    """The last change to a stretch's dose, kept for the sentence that explains it."""

    kind: Literal["step", "reduced", "resume", "reset"]
    at: datetime
    hold_before: int = 0
    reps_before: int = 0
    green_days: tuple[datetime, ...] = ()
    """For a step up: the starts of the green sessions that earned it."""
    what: Literal["hold", "reps"] = "hold"


@dataclass(frozen=True)
class StretchState:
    """Where the history has brought one stretch."""

    exercise_id: str
    hold: int
    """Seconds per hold today (0 for a stretch that is not held)."""
    reps: int
    status: Status = "active"
    active_since: datetime | None = None
    """When it last came back from a pause; sessions before then do not count toward build-up."""
    provoked_at: datetime | None = None
    provoked_by: Literal["hurt", "spread"] = "hurt"
    clean: int = 0
    """Sessions in a row with nothing hurting since it was paused."""
    clean_done_at: datetime | None = None
    """When the last of the clean sessions it waits for ended."""
    times_paused: int = 0
    provoking_returns: int = 0
    green_run: tuple[datetime, ...] = ()
    """Starts of the green sessions in a row since the last step up."""
    last_change: DoseChange | None = None


@dataclass(frozen=True)
class PendingSession:
    """A session waiting for the next check-in to be judged green, with the check-in before it."""

    session: SessionRecord
    before: CheckIn | None


@dataclass(frozen=True)
class ModeChange:
    """The last switch between relief and warm-up: the zero check-ins that graduated (first,
    last) or the check-in whose pain brought relief back (last)."""

    rule: Literal["graduation", "relapse"]
    first: CheckIn | None
    last: CheckIn


@dataclass(frozen=True)
class SpreadWatch:
    """Symptoms spread at `since`; the next check-in tells whether it lasted past `base`."""

    since: datetime
    base: int


@dataclass(frozen=True)
class Shortened:
    """Spreading that lasted: it spread at `spread_at` and still reached further than `base`
    at `checkin`."""

    spread_at: datetime
    checkin: CheckIn
    base: int


@dataclass(frozen=True)
class State:
    """Everything the replay carries from one event to the next."""

    stretches: Mapping[str, StretchState]
    checkins: tuple[CheckIn, ...] = ()
    pending: tuple[PendingSession, ...] = ()
    mode: Mode = "relief"
    zero_since: CheckIn | None = None
    """The first check-in of the current run with leg and back pain both 0."""
    mode_change: ModeChange | None = None
    spread_watch: SpreadWatch | None = None
    shortened: Shortened | None = None

    def with_stretches(self, changed: Mapping[str, StretchState]) -> State:
        """This state with some stretches replaced."""
        if not changed:
            return self
        return replace(self, stretches={**self.stretches, **changed})

    def last_checkin(self, at: datetime) -> CheckIn | None:
        """The latest check-in at or before `at`."""
        return next((c for c in reversed(self.checkins) if c.at <= at), None)


def page_hold(ex: Exercise) -> int:
    return ex.dose.hold_seconds if ex.dose.kind == "hold" else 0


def at_page_dose(st: StretchState, ex: Exercise) -> bool:
    return st.hold == page_hold(ex) and st.reps == ex.dose.repetitions


def initial_state(catalogue: Catalogue, settings: RuleSettings) -> State:
    """Before any history: every stretch active, holds at the start of their build-up."""
    return State(
        stretches={
            eid: StretchState(
                eid,
                hold=min(settings.start_hold_seconds, ex.dose.hold_seconds)
                if ex.dose.kind == "hold"
                else 0,
                reps=ex.dose.repetitions,
            )
            for eid, ex in catalogue.exercises.items()
        }
    )
