"""What the rules read: sessions with what happened in each stretch, and the person's own
overrides (check-ins are stretching.symptoms.CheckIn).

The two overrides are defined once here, with the words every door shows for them: "resume"
brings a paused stretch (or one that stays off) back at once at the reduced dose; "reset-dose"
sets a stretch back to the page's full dose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from ..symptoms import CheckIn

Outcome = Literal["done", "skipped", "hurt"]
OverrideAction = Literal["resume", "reset-dose"]


@dataclass(frozen=True)
class ExerciseOutcome:
    """What happened in one stretch of a session. `spread`: symptoms went further down the leg."""

    exercise_id: str
    outcome: Outcome
    held_seconds: int = 0
    spread: bool = False

    @property
    def provoking(self) -> bool:
        return self.outcome == "hurt" or self.spread


@dataclass(frozen=True)
class SessionRecord:
    id: str | int
    routine_id: str
    started_at: datetime
    ended_at: datetime | None
    outcomes: tuple[ExerciseOutcome, ...] = ()
    completed: bool = True

    @property
    def end(self) -> datetime:
        return self.ended_at or self.started_at

    @property
    def provoking(self) -> bool:
        return any(o.provoking for o in self.outcomes)

    def done(self, exercise_id: str) -> bool:
        return any(o.exercise_id == exercise_id and o.outcome == "done" for o in self.outcomes)


@dataclass(frozen=True)
class Override:
    """The person's own choice: bring a paused stretch back, or reset a stretch's dose."""

    at: datetime
    exercise_id: str
    action: OverrideAction


Event = SessionRecord | CheckIn | Override
"""One thing that happened, in the order the replay takes them (stretching.rules.replay)."""


@dataclass(frozen=True)
class OverrideChoice:
    """One override as people meet it: its action, a short label, the button, what the
    button does, and the line that confirms it."""

    action: OverrideAction
    label: str
    button: str
    help: str
    """What happens next; `{full}` stands for the stretch's full dose."""
    done: str

    def message(self, name: str) -> str:
        """'Seated knee twist on the bed is back in your routine.'"""
        return f"{name} {self.done}."


RESUME = OverrideChoice(
    "resume",
    label="Bring back",
    button="Bring it back now",
    help=(
        "It comes back in your next session at a gentler dose. If it hurts again, the plan "
        "leaves it out again."
    ),
    done="is back in your routine",
)
RESET_DOSE = OverrideChoice(
    "reset-dose",
    label="Reset the dose",
    button="Reset to the full dose",
    help=(
        "Your next session holds the full {full} instead of building up to it. If it then "
        "hurts, the plan pauses it, as it does any stretch."
    ),
    done="is back to its full dose",
)
OVERRIDES: Mapping[str, OverrideChoice] = {c.action: c for c in (RESUME, RESET_DOSE)}
"""Every override a person may make, by action."""
