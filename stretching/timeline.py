"""The timeline compiler: a routine and a person's adjustments become timed steps.

The timeline is what both players (the terminal and the browser) run: each step has a start
offset and a duration in whole seconds, what to say aloud and what to show. Pure and
deterministic: the same routine and adjustments always compile to the same steps.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any, Literal

from .adjustments import NO_ADJUSTMENTS as NO_ADJUSTMENTS
from .adjustments import Adjustments as Adjustments
from .adjustments import ExerciseAdjustment as ExerciseAdjustment
from .catalogue import Catalogue, Exercise, Routine
from .positions import Words, phrases_for, ready_seconds, where_to_go

StepKind = Literal["ready", "hold", "switch", "reps", "rest", "open", "done"]
STRETCHING: frozenset[StepKind] = frozenset({"hold", "reps", "open"})
"""The steps that are the stretches themselves (`Timeline.stretching_seconds`)."""
Side = Literal["left", "right", "both"]

SWITCH_SECONDS = 5
"""Time to change sides within one exercise: the position stays, one leg changes (a change of
position takes longer: stretching/positions.py)."""
DONE_SECONDS = 5
"""The closing step: a moment to notice how the legs and back feel."""
DONE_SAY = "That is the end of the routine. Notice how your back and legs feel."
"""The closing step's words. They never call the session done: it may have ended because
something hurt (the players say how it ended)."""
USUAL_REST_SECONDS = 300
"""How long one side of a resting position usually lasts, for telling a person how long the
routine takes: page 004 gives the whole resting add-on (two sides) about ten minutes. The step
itself lasts until the Thigh Test says "top", or its cap (the exercise's open_ended.max_seconds)."""
THIGH_CHECK_SAY = (
    "Thigh check. Tighten your thigh for a moment and let go. Where did you feel it most?"
)
"""The Thigh Test question, asked every `check_every` seconds of a resting step."""
THIGH_ANSWERS = ("knee", "middle", "top")
"""Where the person felt the thigh tighten, from the knee up."""
THIGH_ENDS_ON = "top"
"""The answer that ends a resting side: the long leg has let go. The side then counts as done."""
SIDE_ROLES = {"hold": "stretched", "reps": "working", "open": "straight"}
"""What the named leg is doing, by the kind of exercise: a side is always the leg stretched (in
the hip flexor lunge the back leg, in the figure four the crossed one), the leg working, or in
the resting position the leg lying straight whose thigh the Thigh Test checks."""
FIRST_SIDE = {
    "hold": "Stretch the {leg} first",
    "reps": "Work the {leg} first",
    "open": "Start with the {leg} straight",
}


@dataclass(frozen=True)
class Step:
    index: int
    kind: StepKind
    start: int
    duration: int
    say: str
    show: str
    cue: str | None = None
    """What to show as the cue when it is shorter than what is said (the name is on screen)."""
    usual: int | None = None
    """A resting step's usual length, to tell the time left by (its duration is the cap)."""
    exercise_id: str | None = None
    exercise_name: str | None = None
    side: Side | None = None
    side_label: str | None = None
    """Which leg and what it does, to show: "Left leg stretched"."""
    position: str | None = None
    """The exercise's position (stretching/catalogue.py's POSITIONS)."""
    repetition: int | None = None
    repetitions: int | None = None
    set_number: int | None = None
    sets: int | None = None
    variant: str | None = None
    reps: int | None = None
    tempo_on: int | None = None
    tempo_off: int | None = None
    check_every: int | None = None
    check_say: str | None = None
    check_ends_on: str | None = None

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
    def usual_seconds(self) -> int:
        """How long the routine usually takes: a resting step counted at its usual length
        rather than its cap (the Thigh Test usually ends it well before)."""
        return sum(s.usual or s.duration for s in self.steps)

    @property
    def stretching_seconds(self) -> int:
        """The part of `usual_seconds` spent holding, repeating or resting in a position; the
        rest is getting into position, changing sides and short rests between sets."""
        return sum(s.usual or s.duration for s in self.steps if s.kind in STRETCHING)

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
            "usual_seconds": self.usual_seconds,
            "steps": [step.to_dict() for step in self.steps],
        }


class _Builder:
    def __init__(self, lang: str = "en") -> None:
        self.steps: list[Step] = []
        self.clock = 0
        self.lang = lang
        self.t: Words = phrases_for(lang)
        """The timeline's phrases in the catalogue's language, called with the English."""

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


def sentences(*parts: str) -> str:
    """Join phrases into sentences that read as written: each starts with a capital and ends
    with one stop, whatever punctuation the phrase brought (empty phrases are left out)."""
    out = []
    for part in parts:
        text = part.strip().rstrip(",;:")
        if not text:
            continue
        if text[-1] not in ".!?":
            text += "."
        out.append(text[0].upper() + text[1:])
    return " ".join(out)


def _every(seconds: int, t: Words) -> str:
    if seconds % 60:
        return t("every {seconds} seconds").format(seconds=seconds)
    minutes = seconds // 60
    if minutes == 1:
        return t("every minute")
    return t("every {minutes} minutes").format(minutes=minutes)


def _sides(exercise: Exercise) -> list[Side]:
    return ["left", "right"] if exercise.dose.per_side else ["both"]


def side_label(exercise: Exercise, side: Side | None, lang: str = "en") -> str:
    """Which leg and what it does ("left leg stretched"; in Spanish "pierna izquierda
    estirada"); empty for both legs."""
    if side not in ("left", "right"):
        return ""
    t = phrases_for(lang)
    return t("{side} leg {role}").format(side=t(side), role=t(SIDE_ROLES[exercise.dose.kind]))


def _leg(side: Side, t: Words) -> str:
    """The leg alone ("left leg"), as FIRST_SIDE names it."""
    return t("{side} leg").format(side=t(side)) if side in ("left", "right") else ""


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


def _common(b: _Builder, ex: Exercise, side: Side) -> dict[str, Any]:
    label = side_label(ex, side, b.lang)
    return {
        "exercise_id": ex.id,
        "exercise_name": ex.name,
        "position": ex.position,
        "side": side,
        "side_label": label[:1].upper() + label[1:] if label else None,
    }


def _switch(b: _Builder, ex: Exercise, side: Side) -> None:
    b.add(
        "switch",
        SWITCH_SECONDS,
        sentences(
            ex.cues.switch or b.t("Change sides"),
            b.t("{label} next").format(label=side_label(ex, side, b.lang)),
        ),
        b.t("Switch sides"),
        **_common(b, ex, side),
    )


def _compile_ready(b: _Builder, ex: Exercise, before: Exercise | None) -> None:
    """Getting into position: longer for a change of position than for the same one, and
    longest for getting down to the floor or up from it (stretching/positions.py)."""
    side = _sides(ex)[0]
    where = before.position if before else None
    leg = _leg(side, b.t)
    first = b.t(FIRST_SIDE[ex.dose.kind]).format(leg=leg) if leg else ""
    go = (*where_to_go(where, ex, b.lang), first)
    b.add(
        "ready",
        ready_seconds(where, ex.position),
        sentences(
            b.t("Next: {name}" if before else "First: {name}").format(name=ex.short_name), *go
        ),
        b.t("Get ready: {name}").format(name=ex.name),
        cue=sentences(*go),
        **_common(b, ex, side),
    )


def _compile_open(b: _Builder, ex: Exercise) -> None:
    """Rest per side until the Thigh Test's answer ends it: a check every check_every seconds,
    for at most max_seconds (a cap far above the usual length)."""
    assert ex.open_ended is not None
    every = ex.open_ended.check_every_seconds
    for i, side in enumerate(_sides(ex)):
        if i:
            _switch(b, ex, side)
        b.add(
            "open",
            ex.open_ended.max_seconds,
            sentences(
                side_label(ex, side, b.lang),
                ex.cues.hold or b.t("Rest in position"),
                b.t("I will ask about your thigh {every}").format(every=_every(every, b.t)),
            ),
            b.t("Rest, {label}").format(label=side_label(ex, side, b.lang))
            if side != "both"
            else b.t("Rest"),
            cue=sentences(ex.cues.hold or b.t("Rest in position")),
            usual=min(ex.open_ended.max_seconds, USUAL_REST_SECONDS),
            check_every=every,
            check_say=b.t(THIGH_CHECK_SAY),
            check_ends_on=THIGH_ENDS_ON,
            **_common(b, ex, side),
        )


def _compile_reps(b: _Builder, ex: Exercise, adj: Adjustments) -> None:
    """Sets of squeeze-and-release reps, each rep tempo_on seconds on and tempo_off off."""
    dose = ex.dose
    reps = adj.repetitions_for(ex)
    for side_i, side in enumerate(_sides(ex)):
        if side_i:
            _switch(b, ex, side)
        for set_no in range(1, dose.sets + 1):
            if set_no > 1:
                b.add(
                    "rest",
                    max(dose.rest_seconds, SWITCH_SECONDS),
                    sentences(b.t("Relax"), b.t("Next set coming")),
                    b.t("Rest"),
                    **_common(b, ex, side),
                )
            variant = dose.variants[set_no - 1] if dose.variants else None
            label = side_label(ex, side, b.lang)
            b.add(
                "reps",
                reps * (dose.tempo_on + dose.tempo_off),
                sentences(variant or "", label, ex.cues.hold or b.t("Squeeze and release")),
                b.t("{reps} reps, {tempo_on} s on / {tempo_off} s off").format(
                    reps=reps, tempo_on=dose.tempo_on, tempo_off=dose.tempo_off
                )
                + (f", {variant}" if variant else "")
                + (f", {label}" if label else ""),
                set_number=set_no,
                sets=dose.sets,
                variant=variant,
                reps=reps,
                tempo_on=dose.tempo_on,
                tempo_off=dose.tempo_off,
                **_common(b, ex, side),
            )


def _compile_holds(b: _Builder, ex: Exercise, adj: Adjustments) -> None:
    """Timed holds per side in the page's order, with a rest or a switch between them."""
    hold = adj.hold_for(ex)
    reps = adj.repetitions_for(ex)
    previous: Side | None = None
    for side, rep in _hold_sequence(ex, reps):
        if previous is not None:
            if side != previous:
                _switch(b, ex, side)
            elif ex.dose.rest_seconds:
                b.add(
                    "rest",
                    ex.dose.rest_seconds,
                    sentences(ex.cues.release or b.t("Relax for a moment")),
                    b.t("Rest"),
                    **_common(b, ex, side),
                )
        label = side_label(ex, side, b.lang)
        b.add(
            "hold",
            hold,
            sentences(
                b.t("Hold, {label}").format(label=label) if label else b.t("Hold"),
                b.t("{rep} of {reps}").format(rep=rep, reps=reps) if reps > 1 else "",
                ex.cues.hold,
            ),
            b.t("Hold {seconds} s").format(seconds=hold) + (f", {label}" if label else ""),
            repetition=rep,
            repetitions=reps,
            **_common(b, ex, side),
        )
        previous = side


def _compile_exercise(b: _Builder, ex: Exercise, adj: Adjustments, before: Exercise | None) -> None:
    _compile_ready(b, ex, before)
    if ex.dose.kind == "open":
        _compile_open(b, ex)
    elif ex.dose.kind == "reps":
        _compile_reps(b, ex, adj)
    else:
        _compile_holds(b, ex, adj)


def compile_timeline(
    catalogue: Catalogue, routine: Routine | str, adjustments: Adjustments = NO_ADJUSTMENTS
) -> Timeline:
    """Compile a routine (or its id) with a person's adjustments into a Timeline. Without
    adjustments the same Timeline is handed out again (a catalogue does not change)."""
    if isinstance(routine, str):
        routine = catalogue.routine(routine)
    if adjustments == NO_ADJUSTMENTS:
        return _unadjusted(_Same(catalogue), routine, catalogue.lang)
    return _compile(catalogue, routine, adjustments)


class _Same:
    """A catalogue as a cache key, by identity (its mappings cannot be hashed); the cache
    holds it, so its id is not reused while the entry lives."""

    __slots__ = ("catalogue",)

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue

    def __hash__(self) -> int:
        return id(self.catalogue)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.catalogue is self.catalogue


@lru_cache(maxsize=256)
def _unadjusted(catalogue: _Same, routine: Routine, lang: str) -> Timeline:
    """`lang` is part of the key, so a catalogue's words in two languages never share one."""
    return _compile(catalogue.catalogue, routine, NO_ADJUSTMENTS)


def _compile(catalogue: Catalogue, routine: Routine, adjustments: Adjustments) -> Timeline:
    b = _Builder(catalogue.lang)
    exercises = [
        catalogue.exercise(eid) for eid in routine.exercise_ids if eid not in adjustments.skip
    ]
    for i, exercise in enumerate(exercises):
        _compile_exercise(b, exercise, adjustments, before=exercises[i - 1] if i else None)
    if exercises:
        b.add("done", DONE_SECONDS, b.t(DONE_SAY), b.t("Done"))
    return Timeline(routine_id=routine.id, routine_name=routine.name, steps=tuple(b.steps))


def format_duration(seconds: int) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"
