"""Custom routines: a clinician's routine composed from the catalogue, checked against the dose
bounds of the clinical brief, and compiled by the same timeline compiler as the built-in ones.

A custom routine arrives as plain data (from a form, or kept as JSON)::

    {"name": "Morning set", "times_per_day": 2, "time_of_day": "any",
     "exercises": [{"exercise_id": "supine-piriformis", "sides": "each",
                    "hold_seconds": 20, "repetitions": 3, "rest_seconds": 10,
                    "note": "Keep the ankle relaxed"}]}

`read_custom` checks all of it at once and names every problem by field, the way the
catalogue's reader does (`exercises[2].hold_seconds: must be between 10 and 60 s (clinical
brief section 4)`); unknown exercise ids suggest the close ones. Dose numbers left out take
the catalogue's own dose.

The routine then takes part in everything a built-in one does:

- `with_routines(catalogue, customs)`: the person's view of the catalogue, with their custom
  routines beside the built-in ones and nothing else changed; the rules' plan
  (`stretching.rules.plan` / `plan_from_state`) reads it, so what is due, skip what hurt and
  the daily counts cover the custom routine too.
- `compile_custom(catalogue, custom, plan_adjustments)`: the timeline, from
  `stretching.timeline.compile_timeline` over a catalogue whose members carry the clinician's
  doses (`routine_catalogue`), with the plan's adjustments for the routine on top
  (`merged_adjustments`): what the rules left out stays out, and while the rules build a hold
  up (or bring a stretch back at a lower dose) the lower of the two doses is played. The
  clinician's dose is the routine's full dose, never exceeded by the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from .catalogue import Catalogue, Dose, Exercise, Frequency, Routine
from .datafile import Problem, Reader, suggest
from .screening import forbidden_phrases_in
from .timeline import Adjustments, ExerciseAdjustment, Timeline, compile_timeline

CustomSides = Literal["each", "alternate", "both"]
SIDES: dict[str, str] = {
    "each": "one side, then the other",
    "alternate": "left and right in turn",
    "both": "both legs together",
}
TIMES_OF_DAY = ("any", "morning", "evening")


@dataclass(frozen=True)
class Bound:
    """A range a clinician's number must fall in, and where the range comes from."""

    low: int
    high: int
    unit: str
    source: str

    def check(self, value: int) -> str:
        """The problem with `value`, or '' when it is within the range."""
        if self.low <= value <= self.high:
            return ""
        unit = f" {self.unit}" if self.unit else ""
        return f"must be between {self.low} and {self.high}{unit} ({self.source})"


@dataclass(frozen=True)
class CustomBounds:
    """Every number a custom routine is held to. [design] marks the project's own reasoned
    defaults (clinical brief: keep them named and editable, in one place)."""

    hold_seconds: Bound = Bound(10, 60, "s", "clinical brief section 4")
    """Static holds of 10-30 s (ACSM); 30 s works as well as 60 s; the catalogue's longest
    hold (the butterfly) is 60 s."""
    hold_repetitions: Bound = Bound(1, 4, "", "clinical brief section 4")
    """About 60 s per stretch per session, in 2-4 repetitions."""
    hold_total_per_side: int = 120
    """[design] Seconds of holding per side in one session: twice the brief's "about 60 s"."""
    reps_repetitions: Bound = Bound(5, 15, "", "clinical brief section 4")
    """Mobility and activation: 8-10 slow repetitions; nerve sliders 10-15 [design: from 5]."""
    rest_seconds: Bound = Bound(0, 60, "s", "clinical brief section 4 [design]")
    times_per_day: Bound = Bound(1, 3, "", "clinical brief section 4")
    """1-2 sessions a day, sessions a day being the last thing to rise [design: up to 3]."""
    exercises: Bound = Bound(1, 12, "", "[design]")
    name_chars: int = 80
    summary_chars: int = 300
    note_chars: int = 280


BOUNDS = CustomBounds()
ROUTINE_KEYS = {"name", "summary", "times_per_day", "time_of_day", "exercises"}
EXERCISE_KEYS = {"exercise_id", "sides", "hold_seconds", "repetitions", "rest_seconds", "note"}
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


@dataclass(frozen=True)
class CustomExercise:
    """One stretch of a custom routine with the clinician's dose. `hold_seconds` is None for
    a stretch that is not held; `repetitions` None for a resting position."""

    exercise_id: str
    sides: CustomSides
    hold_seconds: int | None
    repetitions: int | None
    rest_seconds: int
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"exercise_id": self.exercise_id, "sides": self.sides}
        if self.hold_seconds is not None:
            out["hold_seconds"] = self.hold_seconds
        if self.repetitions is not None:
            out["repetitions"] = self.repetitions
        out["rest_seconds"] = self.rest_seconds
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class CustomRoutine:
    id: str
    name: str
    summary: str
    exercises: tuple[CustomExercise, ...]
    times_per_day: int = 1
    time_of_day: str = "any"

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        return tuple(item.exercise_id for item in self.exercises)

    def routine(self) -> Routine:
        """The routine as the catalogue holds one: played in the clinician's order."""
        return Routine(
            id=self.id,
            name=self.name,
            summary=self.summary,
            exercise_ids=self.exercise_ids,
            fixed_order=True,
            frequency=Frequency(
                times_per_day_min=self.times_per_day,
                times_per_day_max=self.times_per_day,
                time_of_day=self.time_of_day,  # type: ignore[arg-type]
            ),
            sources=(),
            kind="practice",
        )

    def notes(self) -> dict[str, str]:
        """The clinician's note per stretch (those with one)."""
        return {item.exercise_id: item.note for item in self.exercises if item.note}

    def to_json(self) -> dict[str, Any]:
        """The routine as data that `read_custom` reads back to the same routine."""
        return {
            "name": self.name,
            "summary": self.summary,
            "times_per_day": self.times_per_day,
            "time_of_day": self.time_of_day,
            "exercises": [item.to_json() for item in self.exercises],
        }


class CustomRoutineError(ValueError):
    """Every problem found in a custom routine, each naming its field."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(line(p) for p in problems))

    def by_field(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for p in self.problems:
            found.setdefault(p.field, []).append(p.message)
        return found


def line(problem: Problem) -> str:
    """'exercises[2].hold_seconds: must be between 10 and 60 s (clinical brief section 4)'."""
    return f"{problem.field}: {problem.message}"


class _Fields(Reader):
    """A Reader whose fields are named under a prefix ('exercises[2].')."""

    def __init__(self, prefix: str, data: Mapping[str, Any], problems: list[Problem]) -> None:
        super().__init__("custom routine", data, problems)
        self.prefix = prefix

    def problem(self, name: str, message: str) -> None:
        super().problem(f"{self.prefix}{name}", message)

    def bounded(self, name: str, bound: Bound, default: int) -> int:
        value = self.seconds(name, minimum=0)
        if value is None:
            return default if self._get(name, False) is None else bound.low
        message = bound.check(value)
        if message:
            self.problem(name, message)
        return value

    def wording(self, name: str, limit: int, required: bool) -> str:
        text = self.text(name, required=required)
        if len(text) > limit:
            self.problem(name, f"must be at most {limit} characters, not {len(text)}")
        found = forbidden_phrases_in(text)
        if found:
            words = ", ".join(dict.fromkeys(found))
            self.problem(name, f"uses words the product never says ({words}): clinical brief 5")
        return text


def read_custom(
    data: Mapping[str, Any],
    catalogue: Catalogue,
    routine_id: str,
    bounds: CustomBounds = BOUNDS,
) -> CustomRoutine:
    """The custom routine in `data`; raises CustomRoutineError naming every problem."""
    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        raise CustomRoutineError([Problem("custom routine", "(routine)", "must be an object")])
    r = _Fields("", data, problems)
    if not ID_PATTERN.fullmatch(routine_id) or routine_id in catalogue.routines:
        r.problem("id", f"'{routine_id}' must be a new lower-case id, not a built-in routine's")
    r.unknown_keys("", ROUTINE_KEYS)
    name = r.wording("name", bounds.name_chars, required=True)
    summary = r.wording("summary", bounds.summary_chars, required=False)
    times = r.bounded("times_per_day", bounds.times_per_day, default=1)
    time_of_day = r.choice("time_of_day", TIMES_OF_DAY, default="any")
    entries = data.get("exercises")
    items: list[CustomExercise] = []
    if not isinstance(entries, list):
        r.problem("exercises", "must be a list of exercises")
    else:
        count = bounds.exercises.check(len(entries))
        if count:
            r.problem("exercises", count.replace("must be", "must hold", 1))
        seen: set[str] = set()
        for i, entry in enumerate(entries):
            item = _read_item(i, entry, catalogue, bounds, problems)
            if item is None:
                continue
            if item.exercise_id in seen:
                r.problem(f"exercises[{i}].exercise_id", f"'{item.exercise_id}' is already in it")
            seen.add(item.exercise_id)
            items.append(item)
    if problems:
        raise CustomRoutineError(problems)
    return CustomRoutine(routine_id, name, summary, tuple(items), times, time_of_day)


def _read_item(
    i: int, entry: Any, catalogue: Catalogue, bounds: CustomBounds, problems: list[Problem]
) -> CustomExercise | None:
    if not isinstance(entry, Mapping):
        problems.append(Problem("custom routine", f"exercises[{i}]", "must be an object"))
        return None
    r = _Fields(f"exercises[{i}].", entry, problems)
    r.unknown_keys("", EXERCISE_KEYS)
    eid = r.text("exercise_id")
    if eid and eid not in catalogue.exercises:
        hint = suggest(eid, catalogue.exercises)
        extra = f" (did you mean {', '.join(hint)}?)" if hint else ""
        r.problem("exercise_id", f"no exercise called '{eid}'{extra}")
        return None
    if not eid:
        return None
    ex = catalogue.exercises[eid]
    dose = ex.dose
    own_sides = "both" if not dose.per_side else dose.side_order.replace("block", "each")
    sides = r.choice("sides", tuple(SIDES), default=own_sides)
    if (sides == "both") != (not dose.per_side):
        allowed = "both" if not dose.per_side else "each or alternate"
        r.problem("sides", f"must be {allowed} for {ex.name}, not {sides!r}")
    hold = reps = None
    if dose.kind == "open":
        for name in ("hold_seconds", "repetitions"):
            if r._get(name, False) is not None:
                r.problem(name, f"does not apply: {ex.name} lasts until the Thigh Test ends it")
    elif dose.kind == "hold":
        hold = r.bounded("hold_seconds", bounds.hold_seconds, dose.hold_seconds)
        reps = r.bounded("repetitions", bounds.hold_repetitions, dose.repetitions)
        in_bounds = not bounds.hold_seconds.check(hold) and not bounds.hold_repetitions.check(reps)
        if in_bounds and hold * reps > bounds.hold_total_per_side:
            r.problem(
                "repetitions",
                f"{reps} x {hold} s is {hold * reps} s of holding per side, more than "
                f"{bounds.hold_total_per_side} s (clinical brief section 4 [design])",
            )
    else:
        if r._get("hold_seconds", False) is not None:
            r.problem("hold_seconds", f"does not apply: {ex.name} is done in repetitions")
        reps = r.bounded("repetitions", bounds.reps_repetitions, dose.repetitions)
    rest = r.bounded("rest_seconds", bounds.rest_seconds, dose.rest_seconds)
    note = r.wording("note", bounds.note_chars, required=False)
    return CustomExercise(eid, sides, hold, reps, rest, note)  # type: ignore[arg-type]


def custom_dose(item: CustomExercise, exercise: Exercise) -> Dose:
    """The exercise's dose with the clinician's numbers in it."""
    dose = exercise.dose
    return replace(
        dose,
        side_order="alternate" if item.sides == "alternate" else "block",
        hold_seconds=item.hold_seconds if item.hold_seconds is not None else dose.hold_seconds,
        hold_seconds_max=None if item.hold_seconds is not None else dose.hold_seconds_max,
        repetitions=item.repetitions if item.repetitions is not None else dose.repetitions,
        rest_seconds=item.rest_seconds,
    )


def routine_catalogue(catalogue: Catalogue, custom: CustomRoutine) -> Catalogue:
    """The catalogue a custom routine compiles against: its stretches carry the clinician's
    doses, and the routine is among the routines."""
    exercises = dict(catalogue.exercises)
    for item in custom.exercises:
        ex = exercises[item.exercise_id]
        exercises[item.exercise_id] = replace(ex, dose=custom_dose(item, ex))
    return Catalogue(
        exercises=exercises,
        routines={**catalogue.routines, custom.id: custom.routine()},
        lang=catalogue.lang,
    )


def with_routines(catalogue: Catalogue, customs: Iterable[CustomRoutine]) -> Catalogue:
    """A person's view of the catalogue: the same exercises and built-in routines, and their
    custom routines beside them (a custom routine never replaces a built-in one)."""
    extra = {c.id: c.routine() for c in customs if c.id not in catalogue.routines}
    if not extra:
        return catalogue
    return Catalogue(
        exercises=catalogue.exercises,
        routines={**catalogue.routines, **extra},
        lang=catalogue.lang,
    )


def merged_adjustments(custom: CustomRoutine, plan: Adjustments) -> Adjustments:
    """The plan's adjustments for the routine, held to the clinician's doses: a lower hold or
    fewer repetitions from the rules are kept; the clinician's note goes with each stretch."""
    per: dict[str, ExerciseAdjustment] = {}
    for item in custom.exercises:
        ruled = plan.per_exercise.get(item.exercise_id, ExerciseAdjustment())
        hold = ruled.hold_seconds
        if hold is not None and item.hold_seconds is not None:
            hold = hold if hold < item.hold_seconds else None
        reps = ruled.repetitions
        if reps is not None and item.repetitions is not None:
            reps = reps if reps < item.repetitions else None
        if hold is not None or reps is not None or item.note or ruled.note:
            per[item.exercise_id] = ExerciseAdjustment(
                hold_seconds=hold, repetitions=reps, note=ruled.note or item.note
            )
    return Adjustments(skip=plan.skip, hold_scale=plan.hold_scale, per_exercise=per)


def compile_custom(
    catalogue: Catalogue, custom: CustomRoutine, plan: Adjustments | None = None
) -> Timeline:
    """The custom routine's timeline, with the plan's adjustments for it (None: as written)."""
    adjustments = merged_adjustments(custom, plan or Adjustments())
    return compile_timeline(routine_catalogue(catalogue, custom), custom.id, adjustments)
