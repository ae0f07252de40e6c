"""Skip what hurt, bring it back gently.

A stretch that hurt (or made symptoms spread further down the leg) is paused for
`pause_hours` and until `clean_sessions_to_return` sessions in a row pass with nothing hurting.

Decisions where the issue leaves room (all numbers live in `RuleSettings`):

- The sessions that bring a paused stretch back are the person's completed sessions of any
  routine: the rule asks whether things have settled, and a one-stretch routine whose only
  stretch is paused could otherwise never bring it back. A session in which anything hurt (or
  made symptoms spread) restarts the count; a session stopped early without trouble is ignored.
- A returning stretch comes back at `reduced_hold_factor` of the hold it had when it was
  paused, rounded down to the build-up step, and with `reduced_repetitions_less` fewer
  repetitions; from there it builds up again (stretching.rules.doses).
- Every provoking event after a stretch's first pause counts as a provoking return; after
  `provoking_returns_to_stop` of them it stays off until the person brings it back.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Literal

from ..catalogue import Catalogue, Exercise
from . import words
from .history import SessionRecord
from .settings import RuleSettings
from .state import DoseChange, State, StretchState
from .today import PausedItem


def provoke(
    st: StretchState, at: datetime, by: Literal["hurt", "spread"], s: RuleSettings
) -> StretchState:
    """It hurt (or symptoms spread) at `at`: pause it, or keep it off after too many returns."""
    status, times_paused, returns = st.status, st.times_paused, st.provoking_returns
    if st.status == "active":
        if st.times_paused:
            returns += 1
        times_paused += 1
        status = "off" if returns >= s.provoking_returns_to_stop else "paused"
    return replace(
        st,
        status=status,
        times_paused=times_paused,
        provoking_returns=returns,
        provoked_at=at,
        provoked_by=by,
        clean=0,
        clean_done_at=None,
        green_run=(),
    )


def bring_back(
    st: StretchState,
    ex: Exercise,
    at: datetime,
    kind: Literal["reduced", "resume"],
    s: RuleSettings,
) -> StretchState:
    """Active again from `at`, at the reduced dose."""
    hold, reps = st.hold, st.reps
    if ex.dose.kind == "hold":
        step = s.hold_step_seconds
        reduced = int(hold * s.reduced_hold_factor) // step * step
        hold = max(min(s.min_hold_seconds, hold), reduced)
    if ex.dose.kind != "open":
        reps = max(1, reps - s.reduced_repetitions_less)
    return replace(
        st,
        hold=hold,
        reps=reps,
        status="active",
        active_since=at,
        green_run=(),
        last_change=DoseChange(kind, at, hold_before=st.hold, reps_before=st.reps),
    )


def release(state: State, t: datetime, catalogue: Catalogue, s: RuleSettings) -> State:
    """Bring back every paused stretch whose pause is over and whose clean sessions are done
    by `t`; it comes back when the later of the two happened."""
    pause = timedelta(hours=s.pause_hours)
    back = {}
    for eid, st in state.stretches.items():
        if st.status != "paused" or st.provoked_at is None or st.clean_done_at is None:
            continue
        if st.provoked_at + pause <= t:
            at = max(st.provoked_at + pause, st.clean_done_at)
            back[eid] = bring_back(st, catalogue.exercise(eid), at, "reduced", s)
    return state.with_stretches(back)


def count_clean(st: StretchState, session: SessionRecord, s: RuleSettings) -> StretchState:
    """A session since the pause began: one more with nothing hurting, or the count restarts."""
    if st.status != "paused" or st.provoked_at is None or session.started_at < st.provoked_at:
        return st
    if session.provoking:
        return replace(st, clean=0, clean_done_at=None)
    if not session.completed:
        return st
    clean = st.clean + 1
    done_at = session.end if clean == s.clean_sessions_to_return else st.clean_done_at
    return replace(st, clean=clean, clean_done_at=done_at)


def after_session(
    state: State, session: SessionRecord, catalogue: Catalogue, s: RuleSettings
) -> State:
    """Pause what the session provoked, then count it for the stretches already paused."""
    stretches = dict(state.stretches)
    for o in session.outcomes:
        st = stretches.get(o.exercise_id)
        if st is not None and o.provoking:
            by: Literal["hurt", "spread"] = "hurt" if o.outcome == "hurt" else "spread"
            stretches[o.exercise_id] = provoke(st, session.end, by, s)
    counted = {eid: count_clean(st, session, s) for eid, st in stretches.items()}
    return replace(state, stretches=counted)


def resume(
    state: State, exercise_id: str, at: datetime, catalogue: Catalogue, s: RuleSettings
) -> State:
    """The person brings a paused stretch (or one that stays off) back now."""
    st = state.stretches[exercise_id]
    if st.status == "active":
        return state
    back = bring_back(st, catalogue.exercise(exercise_id), at, "resume", s)
    return state.with_stretches({exercise_id: back})


def paused_item(
    st: StretchState, ex: Exercise, s: RuleSettings, now: datetime, days: words.Days
) -> PausedItem:
    """The stretch as today's plan leaves it out: until when, and why."""
    assert st.provoked_at is not None
    if st.status == "off":
        return PausedItem(ex.id, None, 0, words.stays_off(st, ex, days))
    ready = st.provoked_at + timedelta(hours=s.pause_hours)
    needed = max(0, s.clean_sessions_to_return - st.clean)
    ahead = ready if ready > now else None
    text = words.paused(st, ex, days, ahead, needed, s.clean_sessions_to_return)
    return PausedItem(ex.id, ready, needed, text)
