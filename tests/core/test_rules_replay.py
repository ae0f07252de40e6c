"""The replay as a transition: a state kept after some events and brought up to date one event at
a time plans exactly what replaying the whole history plans."""

from __future__ import annotations

import copy
from datetime import datetime

from stretching.rules import (
    DEFAULT_SETTINGS,
    Event,
    SessionRecord,
    apply,
    events,
    initial_state,
    plan_from_state,
)

from .test_rules_scenario import CAT, TWIST, at, walk


def _when(event: Event) -> datetime:
    return event.end if isinstance(event, SessionRecord) else event.at


def test_a_kept_state_brought_up_to_date_event_by_event_plans_as_the_whole_history_does():
    w = walk()
    history = events(w.sessions, w.checkins, w.overrides, w.clock)
    state, done = initial_state(CAT, DEFAULT_SETTINGS), 0
    for label, kept in sorted(w.kept.items(), key=lambda item: item[1].now):
        while done < len(history) and _when(history[done]) <= kept.now:
            state = apply(state, history[done], CAT)
            done += 1
        assert plan_from_state(state, kept.now, CAT, w.sessions) == kept, label
    assert done >= 60  # the walk's three weeks of events, not a few


def test_apply_leaves_the_state_it_is_given_as_it_was():
    w = walk()
    state = initial_state(CAT, DEFAULT_SETTINGS)
    for event in events(w.sessions, w.checkins, w.overrides, w.clock):
        before = copy.deepcopy(state)
        after = apply(state, event, CAT)
        assert state == before
        state = after


def test_the_state_names_what_happened_to_a_stretch():
    w = walk()
    monday = events(w.sessions, w.checkins, w.overrides, at(0, 20))
    state = initial_state(CAT, DEFAULT_SETTINGS)
    for event in monday:
        state = apply(state, event, CAT)
    twist = state.stretches[TWIST]
    hurt_in = next(s for s in w.sessions if not s.done(TWIST))
    assert (twist.status, twist.provoked_by, twist.provoked_at) == ("paused", "hurt", hurt_in.end)
    assert twist.clean == 1  # the evening session went by with nothing hurting
    assert state.mode == "relief" and state.shortened is None
