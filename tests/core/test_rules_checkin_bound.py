"""The replay keeps only the check-ins a later plan can still read (the last two, the trend's
days and the one before them), so a kept state stays small; every plan is as it was with all of
them kept."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

from hypothesis import given, settings

from stretching.rules import DEFAULT_SETTINGS, apply, events, initial_state, plan, replay
from stretching.symptoms import TREND_DAYS

from .histories import CAT, TZ, histories, states, timed


def _all_kept(checkins):
    return checkins


@settings(max_examples=300, deadline=None)
@given(histories)
def test_plans_are_the_same_with_only_the_check_ins_still_read(steps):
    h = timed(steps)
    moments = [h.end, h.end + timedelta(hours=20), h.end + timedelta(days=TREND_DAYS + 1)]
    moments += [c.at for c in h.checkins[-3:]] + [s.end for s in h.sessions[-2:]]
    bounded = [plan(CAT, h.sessions, h.checkins, now, h.overrides, tz=TZ) for now in moments]
    with mock.patch.object(replay, "_still_asked_about", _all_kept):
        every = [plan(CAT, h.sessions, h.checkins, now, h.overrides, tz=TZ) for now in moments]
    assert bounded == every


@settings(max_examples=50, deadline=None)
@given(histories)
def test_a_kept_state_holds_few_check_ins_however_long_the_diary(steps):
    h = timed(steps)
    state = [initial_state(CAT, DEFAULT_SETTINGS), *states(h)][-1]
    if h.checkins:
        newest = h.checkins[-1].at
        older = [c for c in state.checkins if c.at < newest - timedelta(days=TREND_DAYS)]
        assert len(older) <= 1
        assert state.checkins[-1] == h.checkins[-1]
        assert len(state.checkins) >= min(2, len(h.checkins))


def test_a_session_with_check_ins_during_it_is_judged_against_the_one_before_it():
    from datetime import datetime

    from stretching.rules import ExerciseOutcome, SessionRecord
    from stretching.symptoms import CheckIn

    day0 = datetime(2025, 3, 3, 9, 0, tzinfo=TZ)
    before = CheckIn(day0, 3, 2, 2, 0)
    started = day0 + timedelta(days=10, hours=1)
    during = [CheckIn(started + timedelta(minutes=m), 4, 2, 2, 0) for m in (30, 60)]
    done = tuple(ExerciseOutcome(e, "done", 20) for e in CAT.routine("hamstring-trio").exercise_ids)
    session = SessionRecord(1, "hamstring-trio", started, started + timedelta(hours=2), done)
    state = initial_state(CAT, DEFAULT_SETTINGS)
    for event in events([session], [before, *during], [], started + timedelta(hours=3)):
        state = apply(state, event, CAT)
    assert [p.before for p in state.pending] == [before]
