"""A person's changes to a routine's doses: what to leave out, holds scaled or set, repetitions.

The rules (stretching/rules/) decide them; the timeline compiler applies them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .catalogue import Exercise

MIN_HOLD_SECONDS = 5
"""A scaled hold never drops below this."""


@dataclass(frozen=True)
class ExerciseAdjustment:
    """A person's change to one exercise's dose; None keeps the page's (or project's) dose."""

    hold_seconds: int | None = None
    repetitions: int | None = None
    hold_scale: float | None = None
    note: str = ""


@dataclass(frozen=True)
class Adjustments:
    skip: frozenset[str] = frozenset()
    hold_scale: float = 1.0
    per_exercise: Mapping[str, ExerciseAdjustment] = field(default_factory=dict)

    def hold_for(self, exercise: Exercise) -> int:
        adj = self.per_exercise.get(exercise.id, ExerciseAdjustment())
        if adj.hold_seconds is not None:
            return max(1, adj.hold_seconds)
        scale = adj.hold_scale if adj.hold_scale is not None else self.hold_scale
        base = exercise.dose.hold_seconds
        if scale == 1.0:
            return base
        return max(min(MIN_HOLD_SECONDS, base), round(base * scale))

    def repetitions_for(self, exercise: Exercise) -> int:
        adj = self.per_exercise.get(exercise.id, ExerciseAdjustment())
        if adj.repetitions is not None:
            return max(1, adj.repetitions)
        return exercise.dose.repetitions


NO_ADJUSTMENTS = Adjustments()
