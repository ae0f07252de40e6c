"""Plain words for a plan (stretching.rules.Plan), shared by the Today page and `sciatica plan`.

The rules write one sentence for every change they make; this module adds the few short lines
around them: which routine the plan is in and why, how long a stretch stays paused, and a
dose as "15 s today, building to 30 s".
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from .catalogue import Catalogue
from .rules import DEFAULT_SETTINGS, DoseItem, PausedItem, Plan, RuleSettings, dose_text


def _routine_name(catalogue: Catalogue, kind: str, fallback: str) -> str:
    routine = next((r for r in catalogue.routines.values() if r.kind == kind), None)
    return routine.name if routine else fallback


def mode_headline(plan: Plan, catalogue: Catalogue) -> str:
    """'Relief sequence' or 'Daily warm-up': the routine the plan is built around today."""
    if plan.mode == "warm-up":
        return _routine_name(catalogue, "warm-up", "Daily warm-up")
    return _routine_name(catalogue, "relief", "Relief sequence")


def mode_why(plan: Plan, catalogue: Catalogue, settings: RuleSettings = DEFAULT_SETTINGS) -> str:
    """Why the plan is in its mode, and what would change it, in one or two sentences."""
    relief = _routine_name(catalogue, "relief", "relief sequence").lower()
    warm = _routine_name(catalogue, "warm-up", "daily warm-up").lower()
    changed = next((e.text for e in plan.explanations if e.rule in ("graduation", "relapse")), "")
    if plan.mode == "warm-up":
        back = (
            f"If leg or back pain comes back at {settings.relapse_pain} or more, the plan goes "
            f"back to the {relief}."
        )
        return f"{changed} {back}".strip()
    item = next((d for d in plan.due if d.kind == "relief"), None)
    most = item.maximum if item and item.maximum else settings.max_relief_per_day
    rule = (
        f"Do the {relief} at least once a day, and up to {most} times if you like, always in "
        f"its order, until your leg and back pain have both been 0 for a full "
        f"{settings.graduation_hours} hours; then the plan moves on to the {warm}."
    )
    return f"{changed} {rule}".strip()


def day_name(when: datetime, now: datetime, tz: tzinfo | None = None) -> str:
    """'later today', 'Monday', or 'Monday 30 Nov' a week or more away."""
    zone = tz or now.tzinfo
    day, today = when.astimezone(zone).date(), now.astimezone(zone).date()
    if day == today:
        return "later today"
    if abs((day - today).days) > 6:
        return f"{day:%A} {day.day} {day:%b}"
    return f"{day:%A}"


def paused_status(item: PausedItem, now: datetime, tz: tzinfo | None = None) -> str:
    """'Paused until Monday', 'Paused until 1 more session with nothing hurting', 'Stays off'."""
    if item.until is None:
        return "Stays off"
    if item.until > now:
        return f"Paused until {day_name(item.until, now, tz)}"
    n = item.sessions_needed
    return f"Paused until {n} more session{'s' if n != 1 else ''} with nothing hurting"


def dose_line(item: DoseItem, catalogue: Catalogue) -> str:
    """'15 s today, building to 30 s' (or '2 x 10 s today, building to 3 x 30 s')."""
    ex = catalogue.exercise(item.exercise_id)
    today = dose_text(ex, item.hold_seconds or 0, item.repetitions)
    full = dose_text(ex, item.page_hold_seconds or 0, item.page_repetitions)
    return f"{today} today, building to {full}"


def at_start(item: DoseItem, settings: RuleSettings = DEFAULT_SETTINGS) -> bool:
    """Whether a dose is just where every stretch starts, with nothing of the person's own."""
    start = min(settings.start_hold_seconds, item.page_hold_seconds or 0)
    return (
        item.rule == "build-up"
        and item.hold_seconds == start
        and item.repetitions == item.page_repetitions
    )
