"""The kept state's JSON: whatever state the rules reach, it comes back from the database equal
to itself (the shell keeps it in one row and reads it on every page)."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime

from hypothesis import given, settings

from stretching.rules import DEFAULT_SETTINGS, initial_state
from stretching.rules.codec import STATE_FORMAT, state_from_json, state_to_json

from .histories import CAT, histories, states, timed


def in_utc(value):
    """The value with every time moved to UTC. The generated histories step in local wall time,
    so some moments fall in the hour the clocks skip; Python never calls such a time equal to
    one in another zone, though it is the same instant (the database gives times in UTC)."""
    if dataclasses.is_dataclass(value):
        fields = dataclasses.fields(value)
        return type(value)(**{f.name: in_utc(getattr(value, f.name)) for f in fields if f.init})
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    if isinstance(value, tuple):
        return tuple(in_utc(v) for v in value)
    if isinstance(value, dict):
        return {k: in_utc(v) for k, v in value.items()}
    return value


@settings(max_examples=150, deadline=None)
@given(histories)
def test_every_state_the_rules_reach_comes_back_equal_from_its_json(steps):
    for state in states(timed(steps)):
        stored = json.loads(json.dumps(state_to_json(state)))  # as the database gives it back
        assert in_utc(state_from_json(stored)) == in_utc(state)


def test_a_state_of_another_format_is_not_read():
    stored = state_to_json(initial_state(CAT, DEFAULT_SETTINGS))
    assert state_from_json(stored) is not None
    assert state_from_json(stored | {"format": STATE_FORMAT + 1}) is None
