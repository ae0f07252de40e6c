"""Today's plan as the rules answer it: what is paused, the doses, what is due, and a sentence
for every change (the words people read are put together in stretching.rules.presenter)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from ..catalogue import Catalogue
from ..symptoms import Trend
from ..timeline import Adjustments
from .limits import DueItem, may_start
from .settings import DEFAULT_SETTINGS, RuleSettings
from .state import Mode, State
from .words import for_language


@dataclass(frozen=True)
class Explanation:
    """One sentence the person sees, and the rule that made the change."""

    rule: str
    exercise_id: str | None
    text: str


@dataclass(frozen=True)
class PausedItem:
    """A stretch left out of today's routines. `until`: the earliest it can come back (the
    pause's end; it may have passed while sessions with nothing hurting are still needed);
    None means it stays off until the person brings it back."""

    exercise_id: str
    until: datetime | None
    sessions_needed: int
    reason: str


@dataclass(frozen=True)
class DoseItem:
    """A stretch whose dose today differs from the page's. Holds are None for non-hold doses."""

    exercise_id: str
    hold_seconds: int | None
    repetitions: int
    page_hold_seconds: int | None
    page_repetitions: int
    rule: str
    reason: str


@dataclass(frozen=True)
class Flags:
    tier_a_recheck_needed: bool = False
    shortened: bool = False


@dataclass(frozen=True)
class Plan:
    now: datetime
    mode: Mode
    adjustments: Mapping[str, Adjustments]
    paused: tuple[PausedItem, ...]
    doses: tuple[DoseItem, ...]
    due: tuple[DueItem, ...]
    flags: Flags
    explanations: tuple[Explanation, ...]
    trend: Trend
    routine_names: Mapping[str, str] = field(default_factory=dict)
    routine_exercises: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    tz: tzinfo | None = None
    """The person's zone, which the day words follow (None: now's own)."""
    settings: RuleSettings = DEFAULT_SETTINGS
    """The numbers the plan was made with."""
    lang: str = "en"
    """The language of every sentence in the plan (stretching.rules.words)."""
    state: State | None = field(default=None, compare=False, repr=False)
    """The state the plan was read from, so it can be said again in another language
    (stretching.rules.replay.in_language)."""
    catalogue: Catalogue | None = field(default=None, compare=False, repr=False)
    """The catalogue the plan was worked out over."""

    def adjustments_for(self, routine_id: str) -> Adjustments:
        """What to compile the routine with (stretching.timeline.compile_timeline)."""
        return self.adjustments.get(routine_id, Adjustments())

    def due_for(self, routine_id: str) -> DueItem | None:
        return next((d for d in self.due if d.routine_id == routine_id), None)

    def explanations_for(self, routine_id: str) -> list[Explanation]:
        """The plan-wide sentences and those about the routine's own stretches."""
        members = self.routine_exercises.get(routine_id, ())
        return [e for e in self.explanations if e.exercise_id is None or e.exercise_id in members]

    def can_start(self, routine_id: str) -> tuple[bool, str]:
        """Whether a session of the routine may start now, and a friendly line saying why."""
        item = self.due_for(routine_id)
        if item is None:
            return False, for_language(self.lang).no_such_routine(routine_id)
        members = self.routine_exercises.get(routine_id, ())
        left_out = bool(members) and set(members) <= self.adjustments_for(routine_id).skip
        name = self.routine_names.get(routine_id, routine_id)
        return may_start(item, name, left_out, for_language(self.lang))
