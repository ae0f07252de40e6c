"""Graduation and relapse: the relief sequence until pain has been gone a full day, then the
daily warm-up until pain comes back.

Leg and back pain both 0 at two check-ins at least `graduation_hours` apart, with nothing but
zeros between them, moves the plan to the warm-up; in warm-up, leg or back pain of
`relapse_pain` or more brings the relief sequence back.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from ..catalogue import Catalogue
from ..symptoms import CheckIn
from . import words
from .settings import RuleSettings
from .state import ModeChange, State
from .today import Explanation


def follow_mode(state: State, c: CheckIn, s: RuleSettings) -> State:
    """The mode after check-in `c`."""
    if state.mode == "relief":
        if not c.pain_free:
            return replace(state, zero_since=None)
        if state.zero_since is None:
            return replace(state, zero_since=c)
        if c.at - state.zero_since.at >= timedelta(hours=s.graduation_hours):
            change = ModeChange("graduation", state.zero_since, c)
            return replace(state, mode="warm-up", mode_change=change)
        return state
    if max(c.leg_pain, c.back_pain) >= s.relapse_pain:
        change = ModeChange("relapse", None, c)
        return replace(state, mode="relief", mode_change=change, zero_since=None)
    return state


def routine_name(catalogue: Catalogue, kind: str, fallback: str) -> str:
    """The name of the catalogue's routine of this kind (relief, warm-up), or `fallback`."""
    routine = next((r for r in catalogue.routines.values() if r.kind == kind), None)
    return routine.name if routine else fallback


def mode_explanation(
    state: State, catalogue: Catalogue, s: RuleSettings, days: words.Days
) -> Explanation | None:
    """Why the plan moved on to the warm-up, or back to relief, if it did."""
    ch = state.mode_change
    if ch is None:
        return None
    if ch.rule == "graduation" and state.mode == "warm-up" and ch.first is not None:
        warm = days.words.routine_name(catalogue, "warm-up", "daily warm-up")
        text = words.graduated(ch.first, ch.last, s.graduation_hours, warm, days)
        return Explanation("graduation", None, text)
    if ch.rule == "relapse" and state.mode == "relief":
        relief = days.words.routine_name(catalogue, "relief", "relief sequence")
        return Explanation("relapse", None, words.relapsed(ch.last, relief, days))
    return None
