"""Hold build-up: holds start short and rise one step after every pair of green sessions.

Decisions where the issue leaves room (all numbers live in `RuleSettings`):

- Holds start at `start_hold_seconds` (or the page's hold if shorter) and rise by
  `hold_step_seconds` up to the page's hold; then repetitions rise one at a time up to the
  page's. One thing changes at a time.
- "Green" is judged per stretch: `green_sessions_to_progress` sessions in a row in which it was
  done, nothing hurt or spread, and the next check-in after each was not worse than the last
  one before it (`symptoms.change`). A session is only judged once that next check-in exists;
  sessions before a stretch came back from a pause do not count for it.
- "reset-dose" sets a stretch back to the page's full dose at once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Literal

from ..catalogue import Catalogue, Exercise
from ..symptoms import CheckIn, change
from . import words
from .settings import RuleSettings
from .state import DoseChange, PendingSession, State, StretchState, page_hold
from .today import DoseItem


def is_green(pending: PendingSession, after: CheckIn) -> bool:
    s, before = pending.session, pending.before
    return s.completed and not s.provoking and (before is None or change(before, after) != "worse")


def judge_pending(state: State, c: CheckIn, catalogue: Catalogue, s: RuleSettings) -> State:
    """Check-in `c` is the next after the pending sessions: judge each, step up on a green pair."""
    stretches = dict(state.stretches)
    for pending in state.pending:
        green, started = is_green(pending, c), pending.session.started_at
        for o in pending.session.outcomes:
            st = stretches.get(o.exercise_id)
            if st is None or st.status != "active" or o.outcome != "done":
                continue
            if st.active_since is not None and started < st.active_since:
                continue
            run = (*st.green_run, started) if green else ()
            if green and len(run) >= s.green_sessions_to_progress:
                st, run = step_up(st, catalogue.exercise(o.exercise_id), c.at, run, s), ()
            stretches[o.exercise_id] = replace(st, green_run=run)
    return replace(state, stretches=stretches, pending=())


def step_up(
    st: StretchState, ex: Exercise, at: datetime, days: tuple[datetime, ...], s: RuleSettings
) -> StretchState:
    """One step toward the page's dose: the hold first, then the repetitions."""
    what: Literal["hold", "reps"] = "hold"
    hold, reps = st.hold, st.reps
    if st.hold < page_hold(ex):
        hold = min(st.hold + s.hold_step_seconds, page_hold(ex))
    elif st.reps < ex.dose.repetitions:
        reps, what = st.reps + 1, "reps"
    else:
        return st
    step = DoseChange("step", at, st.hold, st.reps, days, what)
    return replace(st, hold=hold, reps=reps, last_change=step)


def reset_dose(state: State, exercise_id: str, at: datetime, catalogue: Catalogue) -> State:
    """The person sets the stretch back to the page's full dose."""
    st, ex = state.stretches[exercise_id], catalogue.exercise(exercise_id)
    full = replace(
        st,
        hold=page_hold(ex),
        reps=ex.dose.repetitions,
        green_run=(),
        last_change=DoseChange("reset", at, hold_before=st.hold, reps_before=st.reps),
    )
    return state.with_stretches({exercise_id: full})


def dose_item(st: StretchState, ex: Exercise, s: RuleSettings, days: words.Days) -> DoseItem:
    """The stretch's dose today, below the page's, and the sentence that says why."""
    ch = st.last_change
    if ch is None:
        rule = "build-up"
        text = words.starts_short(st, ex, s.hold_step_seconds, s.green_sessions_to_progress, days)
    elif ch.kind == "step":
        rule, text = "build-up", words.stepped_up(st, ex, ch, s.hold_step_seconds, days)
    elif ch.kind in ("resume", "reset"):
        rule, text = "override", words.overridden(st, ex, days)
    else:
        rule, text = "reduced-dose", words.came_back(st, ex, ch, days)
    held = ex.dose.kind == "hold"
    return DoseItem(
        ex.id,
        st.hold if held else None,
        st.reps,
        page_hold(ex) if held else None,
        ex.dose.repetitions,
        rule,
        text,
    )
