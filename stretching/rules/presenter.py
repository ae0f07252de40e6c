"""Today's plan in the words every door shows: the Today page, the routine page, `sciatica plan`.

The rules write one sentence for every change they make; this module puts them together with
the few short lines around them: which routine the plan is built around and why, how long a
stretch stays paused, a dose as "15 s today, building to 30 s", the build-up rule, what each
override button does, and which sentences stay as notes (those no paused or dose line says).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from ..catalogue import Catalogue
from ..symptoms import Trend
from .history import RESET_DOSE, RESUME, OverrideChoice
from .replay import in_language
from .settings import DEFAULT_SETTINGS, RuleSettings
from .state import Mode
from .today import DoseItem, Explanation, PausedItem, Plan
from .words import ENGLISH, Days, Words, for_language

MODE_RULES = ("graduation", "relapse")
"""Sentences said in `why` rather than as notes."""
ASK_A_CLINICIAN = ENGLISH.ask_a_clinician


@dataclass(frozen=True)
class PausedLine:
    """A stretch left out for now: 'Paused until Sunday', why, and the button to bring it back."""

    exercise_id: str
    name: str
    status: str
    until: datetime | None
    sessions_needed: int
    reason: str
    override: OverrideChoice = RESUME
    override_help: str = ""

    @property
    def stays_off(self) -> bool:
        return self.until is None


@dataclass(frozen=True)
class DoseLine:
    """A dose below the page's: '15 s today, building to 30 s', why, and the button to reset."""

    exercise_id: str
    name: str
    hold_seconds: int | None
    repetitions: int
    page_hold_seconds: int | None
    page_repetitions: int
    text: str
    rule: str
    reason: str
    full: str
    """The page's dose: '30 s'."""
    at_start: bool
    """Just where every stretch starts, with nothing of the person's own history."""
    override: OverrideChoice = RESET_DOSE
    override_help: str = ""


@dataclass(frozen=True)
class Presentation:
    """Today's plan in words."""

    mode: Mode
    headline: str
    """The routine the plan is built around today: 'Relief sequence'."""
    why: str
    notes: tuple[Explanation, ...]
    """The sentences no paused or dose line says, nor `why`."""
    paused: tuple[PausedLine, ...]
    doses: tuple[DoseLine, ...]
    build_up_rule: str
    trend: Trend
    other_doses: tuple[DoseLine, ...] = field(default=())
    """Doses listed apart: just starting, in routines not shown first (see `present`)."""
    lang: str = "en"

    @property
    def trend_line(self) -> str:
        return for_language(self.lang).trend_line(self.trend.verdict, self.trend.reason)


def present(
    plan: Plan,
    catalogue: Catalogue,
    *,
    first: Iterable[str] | None = None,
    lang: str | None = None,
) -> Presentation:
    """The plan in words, in `lang` ('en', 'es'; None: the plan's own). A plan made in another
    language is said again in this one (`in_language`), names from the catalogue in `lang`.
    `first`: routine ids whose stretches' doses come first; the usual build-up from the start
    of every other stretch goes to `other_doses`. None: all in `doses`."""
    words = for_language(lang or plan.lang)
    plan = in_language(plan, words.lang)
    lines = [dose_line(d, catalogue, plan.settings, words) for d in plan.doses]
    shown = {eid for rid in first or () for eid in plan.routine_exercises.get(rid, ())}

    def apart(d: DoseLine) -> bool:
        return first is not None and d.at_start and d.exercise_id not in shown

    covered = {p.exercise_id for p in plan.paused} | {d.exercise_id for d in plan.doses}
    return Presentation(
        mode=plan.mode,
        headline=mode_headline(plan, catalogue, words),
        why=mode_why(plan, catalogue, words),
        notes=tuple(
            e
            for e in plan.explanations
            if e.rule not in MODE_RULES and e.exercise_id not in covered
        ),
        paused=tuple(paused_line(p, plan, catalogue, words) for p in plan.paused),
        doses=tuple(d for d in lines if not apart(d)),
        build_up_rule=build_up_rule(plan.settings, words),
        trend=plan.trend,
        other_doses=tuple(d for d in lines if apart(d)),
        lang=words.lang,
    )


def mode_headline(plan: Plan, catalogue: Catalogue, words: Words = ENGLISH) -> str:
    """'Relief sequence' or 'Daily warm-up': the routine the plan is built around today."""
    kind = "warm-up" if plan.mode == "warm-up" else "relief"
    return words.routine_name(catalogue, kind, words.headline_fallback(kind))


def mode_why(plan: Plan, catalogue: Catalogue, words: Words = ENGLISH) -> str:
    """Why the plan is in its mode, and what would change it, in one or two sentences."""
    s = plan.settings

    def name(kind: str) -> str:
        routine = next((r for r in catalogue.routines.values() if r.kind == kind), None)
        return words.in_sentence(kind, words.routine_title(routine) if routine else None)

    relief, warm = name("relief"), name("warm-up")
    changed = next((e.text for e in plan.explanations if e.rule in MODE_RULES), "")
    if plan.mode == "warm-up":
        back = words.back_to_relief(s.relapse_pain, relief)
        return f"{changed} {back}".strip()
    item = next((d for d in plan.due if d.kind == "relief"), None)
    most = item.maximum if item and item.maximum else s.max_relief_per_day
    rule = words.relief_rule(relief, most, s.graduation_hours, warm)
    return f"{changed} {rule}".strip()


def build_up_rule(s: RuleSettings = DEFAULT_SETTINGS, words: Words = ENGLISH) -> str:
    """How every hold builds up, in one sentence."""
    return words.build_up_rule(
        s.start_hold_seconds, s.hold_step_seconds, s.green_sessions_to_progress
    )


def day_name(
    when: datetime, now: datetime, tz: tzinfo | None = None, words: Words = ENGLISH
) -> str:
    """'later today', 'Monday', or 'Monday 30 Nov' a week or more away."""
    name = Days(now, tz, words).name(when)
    return words.later_today() if name == words.today_word else name


def paused_status(
    item: PausedItem, now: datetime, tz: tzinfo | None = None, words: Words = ENGLISH
) -> str:
    """'Paused until Monday', 'Paused until 1 more session with nothing hurting', 'Stays off'."""
    if item.until is None:
        return words.stays_off_status()
    if item.until > now:
        return words.paused_until(day_name(item.until, now, tz, words))
    return words.paused_for_sessions(item.sessions_needed)


def paused_line(
    item: PausedItem, plan: Plan, catalogue: Catalogue, words: Words = ENGLISH
) -> PausedLine:
    ask = words.ask_a_clinician if item.until is None else ""
    resume = words.override(RESUME)
    return PausedLine(
        item.exercise_id,
        words.name(catalogue.exercise(item.exercise_id)),
        paused_status(item, plan.now, plan.tz, words),
        item.until,
        item.sessions_needed,
        item.reason,
        override=resume,
        override_help=ask + resume.help,
    )


def dose_line(
    item: DoseItem, catalogue: Catalogue, s: RuleSettings, words: Words = ENGLISH
) -> DoseLine:
    ex = catalogue.exercise(item.exercise_id)
    today = words.dose_text(ex, item.hold_seconds or 0, item.repetitions)
    full = words.dose_text(ex, item.page_hold_seconds or 0, item.page_repetitions)
    reset = words.override(RESET_DOSE)
    return DoseLine(
        item.exercise_id,
        words.name(ex),
        item.hold_seconds,
        item.repetitions,
        item.page_hold_seconds,
        item.page_repetitions,
        words.building_to(today, full),
        item.rule,
        item.reason,
        full,
        at_start(item, s),
        override=reset,
        override_help=reset.help.format(full=full),
    )


def at_start(item: DoseItem, s: RuleSettings = DEFAULT_SETTINGS) -> bool:
    """Whether a dose is just where every stretch starts, with nothing of the person's own."""
    start = min(s.start_hold_seconds, item.page_hold_seconds or 0)
    return (
        item.rule == "build-up"
        and item.hold_seconds == start
        and item.repetitions == item.page_repetitions
    )


@dataclass(frozen=True)
class RoutineNotes:
    """What the plan says on a routine's own page: a note per stretch, and the plan-wide lines."""

    by_exercise: dict[str, str]
    plan_wide: list[str]


def routine_notes(plan: Plan, routine_id: str, lang: str | None = None) -> RoutineNotes:
    """The routine's notes, in `lang` (None: the plan's own)."""
    explained = in_language(plan, lang or plan.lang).explanations_for(routine_id)
    return RoutineNotes(
        by_exercise={e.exercise_id: e.text for e in explained if e.exercise_id},
        plan_wide=[e.text for e in explained if not e.exercise_id],
    )
