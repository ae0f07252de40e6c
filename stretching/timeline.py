"""The timeline compiler: a routine and a person's adjustments become timed steps.

The timeline is what both players (the terminal and the browser) run: each step has a start
offset and a duration in whole seconds, what to say aloud and what to show. Pure and
deterministic: the same routine and adjustments always compile to the same steps.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from .catalogue import Catalogue, Exercise, Routine

StepKind = Literal["ready", "hold", "switch", "reps", "rest", "open", "done"]
Side = Literal["left", "right", "both"]

READY_SECONDS = 10
"""Time to get into position before each exercise (moving to the floor, finding the chair)."""
SWITCH_SECONDS = 5
"""Time to change sides between the left and right holds of one exercise."""
DONE_SECONDS = 5
"""The closing step: a moment to notice how the legs and back feel."""
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


@dataclass(frozen=True)
class Step:
    index: int
    kind: StepKind
    start: int
    duration: int
    say: str
    show: str
    exercise_id: str | None = None
    exercise_name: str | None = None
    side: Side | None = None
    repetition: int | None = None
    repetitions: int | None = None
    set_number: int | None = None
    sets: int | None = None
    variant: str | None = None
    reps: int | None = None
    tempo_on: int | None = None
    tempo_off: int | None = None
    check_every: int | None = None

    @property
    def end(self) -> int:
        return self.start + self.duration

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class Timeline:
    routine_id: str
    routine_name: str
    steps: tuple[Step, ...]

    @property
    def total_seconds(self) -> int:
        return sum(step.duration for step in self.steps)

    @property
    def exercise_ids(self) -> list[str]:
        seen: list[str] = []
        for step in self.steps:
            if step.exercise_id and step.exercise_id not in seen:
                seen.append(step.exercise_id)
        return seen

    def step_at(self, elapsed: float) -> Step:
        """The step running `elapsed` seconds after the start (the last one past the end)."""
        for step in self.steps:
            if elapsed < step.end:
                return step
        return self.steps[-1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "routine_id": self.routine_id,
            "routine_name": self.routine_name,
            "total_seconds": self.total_seconds,
            "steps": [step.to_dict() for step in self.steps],
        }


SIDE_WORDS = {"left": "left leg", "right": "right leg", "both": ""}


class _Builder:
    def __init__(self) -> None:
        self.steps: list[Step] = []
        self.clock = 0

    def add(self, kind: StepKind, duration: int, say: str, show: str, **fields: Any) -> None:
        assert duration > 0, f"{kind} step needs a positive duration"
        self.steps.append(
            Step(
                index=len(self.steps),
                kind=kind,
                start=self.clock,
                duration=duration,
                say=say,
                show=show,
                **fields,
            )
        )
        self.clock += duration


def _sides(exercise: Exercise) -> list[Side]:
    return ["left", "right"] if exercise.dose.per_side else ["both"]


def _side_phrase(side: Side) -> str:
    return f" {SIDE_WORDS[side]}" if side != "both" else ""


def _hold_sequence(exercise: Exercise, reps: int) -> Iterator[tuple[Side, int]]:
    """(side, repetition number) pairs in the order the page asks for."""
    sides = _sides(exercise)
    if exercise.dose.side_order == "alternate":
        for rep in range(1, reps + 1):
            for side in sides:
                yield side, rep
    else:
        for side in sides:
            for rep in range(1, reps + 1):
                yield side, rep


def _switch(b: _Builder, ex: Exercise, side: Side) -> None:
    b.add("switch", SWITCH_SECONDS, ex.cues.switch or "Change sides.", "Switch sides",
          side=side, exercise_id=ex.id, exercise_name=ex.name)


def _compile_exercise(b: _Builder, ex: Exercise, adj: Adjustments, first: bool) -> None:
    dose = ex.dose
    common: dict[str, Any] = {"exercise_id": ex.id, "exercise_name": ex.name}
    sides = _sides(ex)
    lead = "First" if first else "Next"
    side_hint = f", starting with the {SIDE_WORDS[sides[0]]}" if sides[0] != "both" else ""
    b.add(
        "ready",
        READY_SECONDS,
        f"{lead}: {ex.short_name}. {ex.cues.start}{side_hint}",
        f"Get ready: {ex.name}",
        side=sides[0],
        **common,
    )

    if dose.kind == "open":
        assert ex.open_ended is not None
        for i, side in enumerate(sides):
            if i:
                _switch(b, ex, side)
            b.add(
                "open",
                ex.open_ended.max_seconds,
                f"{ex.cues.hold or 'Rest in position.'}{_side_phrase(side)} straight. "
                f"I will ask about your thigh every {ex.open_ended.check_every_seconds // 60} "
                "minutes.",
                f"Rest,{_side_phrase(side)} straight",
                side=side,
                check_every=ex.open_ended.check_every_seconds,
                **common,
            )
        return

    if dose.kind == "reps":
        reps = adj.repetitions_for(ex)
        for side_i, side in enumerate(sides):
            if side_i:
                _switch(b, ex, side)
            for set_no in range(1, dose.sets + 1):
                if set_no > 1:
                    b.add(
                        "rest",
                        max(dose.rest_seconds, SWITCH_SECONDS),
                        "Relax. Next set coming.",
                        "Rest",
                        side=side,
                        **common,
                    )
                variant = dose.variants[set_no - 1] if dose.variants else None
                intro = f"{variant.capitalize()}. " if variant else ""
                b.add(
                    "reps",
                    reps * (dose.tempo_on + dose.tempo_off),
                    f"{intro}{ex.cues.hold or 'Squeeze and release.'}",
                    f"{reps} reps, {dose.tempo_on} s on / {dose.tempo_off} s off"
                    + (f", {variant}" if variant else ""),
                    side=side,
                    set_number=set_no,
                    sets=dose.sets,
                    variant=variant,
                    reps=reps,
                    tempo_on=dose.tempo_on,
                    tempo_off=dose.tempo_off,
                    **common,
                )
        return

    hold = adj.hold_for(ex)
    reps = adj.repetitions_for(ex)
    previous: Side | None = None
    for side, rep in _hold_sequence(ex, reps):
        if previous is not None:
            if side != previous:
                _switch(b, ex, side)
            elif dose.rest_seconds:
                b.add(
                    "rest",
                    dose.rest_seconds,
                    ex.cues.release or "Relax for a moment.",
                    "Rest",
                    side=side,
                    **common,
                )
        count = f" {rep} of {reps}." if reps > 1 else ""
        b.add(
            "hold",
            hold,
            f"Hold{_side_phrase(side)}.{count} {ex.cues.hold}".strip(),
            f"Hold {hold} s" + (f", {SIDE_WORDS[side]}" if side != "both" else ""),
            side=side,
            repetition=rep,
            repetitions=reps,
            **common,
        )
        previous = side


def compile_timeline(
    catalogue: Catalogue, routine: Routine | str, adjustments: Adjustments = NO_ADJUSTMENTS
) -> Timeline:
    """Compile a routine (or its id) with a person's adjustments into a Timeline."""
    if isinstance(routine, str):
        routine = catalogue.routine(routine)
    b = _Builder()
    exercises = [
        catalogue.exercise(eid) for eid in routine.exercise_ids if eid not in adjustments.skip
    ]
    for i, exercise in enumerate(exercises):
        _compile_exercise(b, exercise, adjustments, first=(i == 0))
    if exercises:
        b.add(
            "done",
            DONE_SECONDS,
            "That is the routine done. Notice how your back and legs feel.",
            "Done",
        )
    return Timeline(routine_id=routine.id, routine_name=routine.name, steps=tuple(b.steps))


def format_duration(seconds: int) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"
