"""Who a person's commands act for: the planner and store the entry point (coach/cli.py)
supplies, so this package never imports Django."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from .. import catalogue as cat
from .. import gate, rules
from ..session import SessionResult


@dataclass(frozen=True)
class Saved:
    """What the store did with a played session: its number, or why it was not kept."""

    number: int | None = None
    problem: str = ""


Store = Callable[[SessionResult], Saved]
"""Saves a result against the person and says what became of it."""

QuickCheckRecorder = Callable[[Sequence[str]], gate.Facts]
"""Keeps the quick check's answers (the ids of the signs ticked, none for "none of these")
the way the web app keeps them, and returns the safety facts as they are then."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class PersonPlan:
    """Today's plan for one person, as the entry point found it in the app's database."""

    person: str
    plan: rules.Plan
    catalogue: cat.Catalogue
    store: Store | None = None
    """Saves a session played now against this person."""
    safety: gate.Facts | None = None
    """What the safety gate looks at for this person (consent, answers, latest session)."""
    quick_check: QuickCheckRecorder | None = None
    clock: Callable[[], datetime] = _utc_now


Planner = Callable[[str | None], PersonPlan]
"""Finds the person with this email (or the only person, given None) and plans their today;
raises PersonError when there is no such person."""


class PersonError(LookupError):
    """No person to plan for; the message says what to type instead."""


EXIT_UNKNOWN = 2
EXIT_NOT_NOW = 3
