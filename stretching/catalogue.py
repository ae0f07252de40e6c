"""The catalogue: exercises and routines loaded from data files and validated.

The reading and the reporting of problems live in `datafile`, shared with the tips.

Every problem found while loading is collected and reported together, each naming the
file, the field and what is wrong, so a reviewer fixes a data file in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from .datafile import CatalogueError as CatalogueError
from .datafile import Problem as Problem
from .datafile import Reader, parse_toml
from .datafile import UnknownId as UnknownId
from .datafile import suggest as suggest

DATA_DIR = Path(__file__).parent / "data"

Position = Literal["standing", "seated", "seated-floor", "supine", "prone", "quadruped"]
POSITIONS: tuple[str, ...] = ("standing", "seated", "seated-floor", "supine", "prone", "quadruped")
DoseKind = Literal["hold", "reps", "open"]
Sides = Literal["each", "both"]
SideOrder = Literal["block", "alternate"]
Origin = Literal["page", "project"]
TimeOfDay = Literal["any", "morning", "evening", "rest"]


@dataclass(frozen=True)
class Dose:
    """How much of an exercise one session asks for.

    kind "hold": hold `hold_seconds` (up to `hold_seconds_max` where the page gives a range),
    `repetitions` times per side, `sets` times. kind "reps": squeeze `tempo_on` seconds and
    release `tempo_off` seconds, `repetitions` times per set. kind "open": an open-ended rest
    whose length the person decides (see OpenEnded).
    """

    kind: DoseKind
    sides: Sides = "both"
    side_order: SideOrder = "block"
    hold_seconds: int = 0
    hold_seconds_max: int | None = None
    repetitions: int = 1
    sets: int = 1
    rest_seconds: int = 0
    tempo_on: int = 0
    tempo_off: int = 0
    variants: tuple[str, ...] = ()
    origin: Mapping[str, Origin] = field(default_factory=dict)

    @property
    def per_side(self) -> bool:
        return self.sides == "each"

    def describe(self) -> str:
        """A short human summary such as '3 x 20 s per side'."""
        per = " per side" if self.per_side else ""
        if self.kind == "open":
            return "open-ended" + per
        if self.kind == "reps":
            sets = f"{self.sets} sets of " if self.sets > 1 else ""
            return (
                f"{sets}{self.repetitions} reps, {self.tempo_on} s on / {self.tempo_off} s off{per}"
            )
        hold = f"{self.hold_seconds}"
        if self.hold_seconds_max:
            hold += f"-{self.hold_seconds_max}"
        reps = f"{self.repetitions} x " if self.repetitions > 1 else ""
        sets = f"{self.sets} sets of " if self.sets > 1 else ""
        return f"{sets}{reps}{hold} s{per}"


@dataclass(frozen=True)
class OpenEnded:
    """An open-ended resting position, timed by a check the person answers (the Thigh Test)."""

    check_every_seconds: int
    max_seconds: int
    prompt: Literal["thigh-test"]


@dataclass(frozen=True)
class Cues:
    """Short phrases to speak aloud: the voice says them while the person cannot look."""

    start: str
    hold: str = ""
    switch: str = ""
    release: str = ""


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    short_name: str
    position: Position
    equipment: tuple[str, ...]
    targets: tuple[str, ...]
    summary: str
    instructions: tuple[str, ...]
    cautions: tuple[str, ...]
    cues: Cues
    dose: Dose
    sources: tuple[str, ...]
    open_ended: OpenEnded | None = None
    gentle: bool = False
    gentler_variant: str = ""


@dataclass(frozen=True)
class Frequency:
    times_per_day_min: int | None = None
    times_per_day_max: int | None = None
    time_of_day: TimeOfDay = "any"
    note: str = ""

    def describe(self) -> str:
        lo, hi = self.times_per_day_min, self.times_per_day_max
        if lo and hi and lo != hi:
            text = f"{lo} to {hi} times a day"
        elif lo:
            text = "once a day" if lo == 1 else f"{lo} times a day"
        elif hi:
            text = f"up to {hi} times a day"
        else:
            text = "as you like"
        if self.time_of_day == "morning":
            text += ", in the morning"
        elif self.time_of_day == "rest":
            text += ", when resting"
        return text


@dataclass(frozen=True)
class Routine:
    id: str
    name: str
    summary: str
    exercise_ids: tuple[str, ...]
    fixed_order: bool
    frequency: Frequency
    sources: tuple[str, ...]
    page_total_minutes: int | None = None
    kind: Literal["relief", "warm-up", "add-on", "practice"] = "practice"


@dataclass(frozen=True)
class Catalogue:
    exercises: Mapping[str, Exercise]
    routines: Mapping[str, Routine]
    lang: str = "en"
    """The language its words are in (stretching.i18n.translate sets it); the timeline it
    compiles to speaks the same one."""

    def exercise(self, exercise_id: str) -> Exercise:
        try:
            return self.exercises[exercise_id]
        except KeyError:
            raise UnknownId("exercise", exercise_id, self.exercises) from None

    def routine(self, routine_id: str) -> Routine:
        try:
            return self.routines[routine_id]
        except KeyError:
            raise UnknownId("routine", routine_id, self.routines) from None

    def routine_exercises(self, routine: Routine) -> list[Exercise]:
        return [self.exercises[eid] for eid in routine.exercise_ids]


EXERCISE_KEYS = {
    "id",
    "name",
    "short_name",
    "position",
    "equipment",
    "targets",
    "summary",
    "instructions",
    "cautions",
    "cues",
    "dose",
    "sources",
    "open_ended",
    "gentle",
    "gentler_variant",
}
DOSE_NUMBERS = (
    "hold_seconds",
    "hold_seconds_max",
    "repetitions",
    "sets",
    "rest_seconds",
    "tempo_on",
    "tempo_off",
)
DOSE_KEYS = {"kind", "sides", "side_order", "variants", "origin", *DOSE_NUMBERS}
ROUTINE_KEYS = {
    "id",
    "name",
    "summary",
    "exercises",
    "fixed_order",
    "frequency",
    "sources",
    "page_total_minutes",
    "kind",
}
SOURCE_PAGES = ("000", "001", "002", "003", "004")


def _read_dose(r: Reader) -> Dose:
    r.unknown_keys("dose", DOSE_KEYS)
    kind = r.choice("dose.kind", ("hold", "reps", "open"))
    sides = r.choice("dose.sides", ("each", "both"), default="both")
    numbers = {name: r.seconds(f"dose.{name}", minimum=0) for name in DOSE_NUMBERS}
    for name in ("repetitions", "sets"):
        if numbers[name] == 0:
            r.problem(f"dose.{name}", "must be at least 1")
    if kind == "hold" and not numbers["hold_seconds"]:
        r.problem("dose.hold_seconds", "is required and must be above 0 for a hold")
    if kind == "reps":
        for name in ("tempo_on", "tempo_off", "repetitions"):
            if not numbers[name]:
                r.problem(f"dose.{name}", "is required and must be above 0 for repetitions")
    hold_max = numbers["hold_seconds_max"]
    if hold_max is not None and hold_max < (numbers["hold_seconds"] or 0):
        r.problem("dose.hold_seconds_max", "must not be below dose.hold_seconds")
    sets = numbers["sets"] or 1
    variants = r.texts("dose.variants", required=False)
    if variants and len(variants) != sets:
        r.problem("dose.variants", f"has {len(variants)} entries but dose.sets is {sets}")
    origin_raw = r._get("dose.origin", True) or {}
    origin: dict[str, Origin] = {}
    if isinstance(origin_raw, Mapping):
        for key, value in origin_raw.items():
            if key not in DOSE_KEYS - {"origin"}:
                r.problem(f"dose.origin.{key}", "names no dose field")
            elif value not in ("page", "project"):
                r.problem(f"dose.origin.{key}", f"must be 'page' or 'project', not {value!r}")
            else:
                origin[key] = value
        for name in DOSE_NUMBERS:
            if numbers[name] is not None and name not in origin:
                r.problem(
                    f"dose.origin.{name}",
                    "is missing: say whether the page or the project chose this number",
                )
    return Dose(
        kind=kind,  # type: ignore[arg-type]
        sides=sides,  # type: ignore[arg-type]
        side_order=r.choice("dose.side_order", ("block", "alternate"), default="block"),  # type: ignore[arg-type]
        hold_seconds=numbers["hold_seconds"] or 0,
        hold_seconds_max=hold_max,
        repetitions=numbers["repetitions"] or 1,
        sets=sets,
        rest_seconds=numbers["rest_seconds"] or 0,
        tempo_on=numbers["tempo_on"] or 0,
        tempo_off=numbers["tempo_off"] or 0,
        variants=variants,
        origin=origin,
    )


def _read_exercise(r: Reader, expected_id: str) -> Exercise:
    r.unknown_keys("", EXERCISE_KEYS)
    ex_id = r.text("id")
    if ex_id and ex_id != expected_id:
        r.problem("id", f"is '{ex_id}' but the file is named '{expected_id}.toml'")
    dose = _read_dose(r)
    open_ended = None
    if dose.kind == "open":
        r.unknown_keys("open_ended", {"check_every_seconds", "max_seconds", "prompt"})
        every = r.seconds("open_ended.check_every_seconds", required=True, minimum=1)
        most = r.seconds("open_ended.max_seconds", required=True, minimum=1)
        if every and most and every > most:
            r.problem("open_ended.max_seconds", "must not be below check_every_seconds")
        r.choice("open_ended.prompt", ("thigh-test",))
        open_ended = OpenEnded(every or 1, most or 1, "thigh-test")
    elif r._get("open_ended", False) is not None:
        r.problem("open_ended", "only belongs to an exercise whose dose.kind is 'open'")
    sources = r.texts("sources")
    for source in sources:
        if source not in SOURCE_PAGES:
            r.problem("sources", f"'{source}' is not a source page ({', '.join(SOURCE_PAGES)})")
    r.unknown_keys("cues", {"start", "hold", "switch", "release"})
    gentle = r._get("gentle", False)
    if gentle is not None and not isinstance(gentle, bool):
        r.problem("gentle", "must be true or false")
    return Exercise(
        id=expected_id,
        name=r.text("name"),
        short_name=r.text("short_name"),
        position=r.choice("position", POSITIONS),  # type: ignore[arg-type]
        equipment=r.texts("equipment", required=False),
        targets=r.texts("targets"),
        summary=r.text("summary"),
        instructions=r.texts("instructions"),
        cautions=r.texts("cautions"),
        cues=Cues(
            start=r.text("cues.start"),
            hold=r.text("cues.hold", required=False),
            switch=r.text("cues.switch", required=dose.per_side),
            release=r.text("cues.release", required=False),
        ),
        dose=dose,
        sources=sources,
        open_ended=open_ended,
        gentle=bool(gentle),
        gentler_variant=r.text("gentler_variant", required=False),
    )


def _read_routine(r: Reader, expected_id: str, exercise_ids: Iterable[str]) -> Routine:
    r.unknown_keys("", ROUTINE_KEYS)
    r.unknown_keys("frequency", {"times_per_day_min", "times_per_day_max", "time_of_day", "note"})
    rid = r.text("id")
    if rid and rid != expected_id:
        r.problem("id", f"is '{rid}' but the file is named '{expected_id}.toml'")
    ids = r.texts("exercises")
    known = list(exercise_ids)
    for eid in ids:
        if eid not in known:
            hint = suggest(eid, known)
            extra = f" (did you mean {hint[0]}?)" if hint else ""
            r.problem("exercises", f"unknown exercise id '{eid}'{extra}")
    lo = r.seconds("frequency.times_per_day_min", minimum=1)
    hi = r.seconds("frequency.times_per_day_max", minimum=1)
    if lo and hi and hi < lo:
        r.problem("frequency.times_per_day_max", "must not be below times_per_day_min")
    fixed = r._get("fixed_order", True)
    if fixed is not None and not isinstance(fixed, bool):
        r.problem("fixed_order", "must be true or false")
    return Routine(
        id=expected_id,
        name=r.text("name"),
        summary=r.text("summary"),
        exercise_ids=ids,
        fixed_order=bool(fixed),
        frequency=Frequency(
            times_per_day_min=lo,
            times_per_day_max=hi,
            time_of_day=r.choice(
                "frequency.time_of_day",
                ("any", "morning", "evening", "rest"),  # type: ignore[arg-type]
                default="any",
            ),
            note=r.text("frequency.note", required=False),
        ),
        sources=r.texts("sources"),
        page_total_minutes=r.seconds("page_total_minutes", minimum=1),
        kind=r.choice("kind", ("relief", "warm-up", "add-on", "practice"), default="practice"),  # type: ignore[arg-type]
    )


def load(data_dir: Path | str = DATA_DIR) -> Catalogue:
    """Read and validate every data file; raise CatalogueError listing every problem."""
    root = Path(data_dir)
    problems: list[Problem] = []
    exercises: dict[str, Exercise] = {}
    for path in sorted((root / "exercises").glob("*.toml")):
        data = parse_toml(path, problems)
        if data is not None:
            reader = Reader(f"exercises/{path.name}", data, problems)
            exercises[path.stem] = _read_exercise(reader, path.stem)
    routines: dict[str, Routine] = {}
    for path in sorted((root / "routines").glob("*.toml")):
        data = parse_toml(path, problems)
        if data is not None:
            reader = Reader(f"routines/{path.name}", data, problems)
            routines[path.stem] = _read_routine(reader, path.stem, exercises)
    if not exercises:
        problems.append(Problem("exercises/", "(folder)", "holds no exercise files"))
    if problems:
        raise CatalogueError(problems)
    return Catalogue(exercises=exercises, routines=routines)


@cache
def default() -> Catalogue:
    """The shipped catalogue, loaded once per process."""
    return load(DATA_DIR)
