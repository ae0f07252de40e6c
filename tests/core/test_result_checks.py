"""One check of a session result for every door: times, durations, ids, sizes, each rejection
naming the field and what is allowed."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from stretching import catalogue
from stretching.result import (
    RESULT_LIMITS,
    Expected,
    ResultError,
    check_result,
    parse_result,
    read_json,
    routine_plans,
)
from stretching.session import SessionRun
from stretching.timeline import compile_timeline

CAT = catalogue.default()
PLANS = routine_plans(CAT)
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
JOINED = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
EXPECTED = Expected(PLANS, first_use=JOINED, now=NOW)


def _played(routine="hip-flexor", minutes_ago=30) -> dict:
    """A whole session of the routine played through, ending `minutes_ago` before NOW."""
    timeline = compile_timeline(CAT, routine)
    started_at = NOW - timedelta(minutes=minutes_ago)
    run = SessionRun(timeline, started=0.0, started_at=started_at)
    return run.result(timeline.total_seconds + 1).to_dict()


def _rejected(data, field: str, words: str, expected: Expected = EXPECTED) -> ResultError:
    with pytest.raises(ResultError, match=words) as caught:
        parse_result(data, expected)
    assert caught.value.field == field
    return caught.value


@pytest.mark.parametrize("routine", sorted(CAT.routines))
def test_a_session_played_through_is_accepted_for_every_routine(routine):
    data = _played(routine, minutes_ago=90)
    result = parse_result(data, EXPECTED)
    assert result.to_dict() == data
    assert check_result(result, EXPECTED) == result


def test_times_come_back_in_utc_whatever_offset_they_were_sent_with():
    data = _played() | {"started_at": "2026-11-20T09:30:00+01:00"}
    data["ended_at"] = "2026-11-20T09:33:00+01:00"
    result = parse_result(data, EXPECTED)
    assert result.started_at == datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
    assert result.started_at.utcoffset() == timedelta(0)


def test_year_9999_at_minus_14_hours_is_refused_not_saved():
    data = _played() | {"ended_at": "9999-12-31T23:59:59-14:00"}
    _rejected(data, "ended_at", "between the years 1 and 9999 in UTC")


def test_year_1_at_plus_14_hours_is_refused():
    data = _played() | {"started_at": "0001-01-01T00:00:00+14:00"}
    _rejected(data, "started_at", "between the years 1 and 9999 in UTC")


def test_a_time_without_its_offset_or_not_a_time_at_all_is_refused():
    _rejected(_played() | {"started_at": "2026-11-20T08:00:00"}, "started_at", "time zone")
    _rejected(_played() | {"ended_at": "yesterday"}, "ended_at", "ISO 8601")
    _rejected(_played() | {"ended_at": "2" * 500}, "ended_at", "ISO 8601")
    _rejected(_played() | {"ended_at": 20261120}, "ended_at", "must be text")


def test_ended_before_started_is_refused():
    data = _played()
    data["started_at"], data["ended_at"] = data["ended_at"], data["started_at"]
    _rejected(data, "ended_at", "must not be before started_at")


def test_a_session_in_the_future_is_refused_beyond_a_few_minutes_of_clock_skew():
    data = _played(minutes_ago=-2)  # a phone whose clock runs a few minutes fast
    assert parse_result(data, EXPECTED).ended_at > NOW
    _rejected(_played(minutes_ago=-10), "ended_at", "no later than 2026-11-20T09:05:00")


def test_a_session_long_before_the_person_began_is_refused():
    week_before = NOW - JOINED + RESULT_LIMITS.before_first_use
    assert parse_result(_played(minutes_ago=week_before // timedelta(minutes=1) - 10), EXPECTED)
    data = _played(minutes_ago=60 * 24 * 40)
    _rejected(data, "started_at", "no earlier than 2026-10-25T12:00:00")
    guest = Expected(PLANS, first_use=NOW, now=NOW)  # a guest begins when the result arrives
    _rejected(data, "started_at", "7 days before", guest)


def test_a_30_hour_session_is_refused():
    data = _played()
    started = datetime.fromisoformat(data["started_at"])
    data["started_at"] = (started - timedelta(hours=30)).isoformat()
    error = _rejected(data, "ended_at", "at most 10960 seconds after started_at")
    assert "3 hours of pauses" in str(error)


def test_practised_time_is_bounded_by_the_time_that_passed_and_by_the_plan():
    data = _played()
    wall = int(
        (
            datetime.fromisoformat(data["ended_at"]) - datetime.fromisoformat(data["started_at"])
        ).total_seconds()
    )
    assert parse_result(data | {"practised_seconds": wall + 1}, EXPECTED)
    _rejected(data | {"practised_seconds": wall + 60}, "practised_seconds", "started_at to ended")
    started = NOW - timedelta(hours=3)
    long_wait = data | {
        "started_at": started.isoformat(),
        "ended_at": (started + timedelta(hours=2)).isoformat(),
    }
    assert parse_result(long_wait | {"practised_seconds": 3760}, EXPECTED)
    _rejected(long_wait | {"practised_seconds": 3761}, "practised_seconds", "160 s plus 3600 s")


def test_planned_time_is_bounded_by_the_routine_at_its_full_dose():
    data = _played()  # the hip flexor plans 160 s at its full dose
    assert parse_result(data | {"planned_seconds": 200}, EXPECTED)
    _rejected(data | {"planned_seconds": 201}, "planned_seconds", "at most 200 .the plan.")
    assert parse_result(data | {"planned_seconds": 0, "practised_seconds": 0}, EXPECTED)


def test_integers_beyond_the_columns_are_refused():
    for big in (2**31, 2**63, 10**30):
        _rejected(_played() | {"planned_seconds": big}, "planned_seconds", "at most 2147483647")
    _rejected(_played() | {"practised_seconds": -1}, "practised_seconds", "whole number")
    _rejected(_played() | {"practised_seconds": 1.5}, "practised_seconds", "whole number")
    _rejected(_played() | {"practised_seconds": True}, "practised_seconds", "whole number")


def test_each_stretch_holds_no_longer_than_planned_and_plans_within_the_routine():
    data = _played()
    data["exercises"][0]["held_seconds"] = data["exercises"][0]["planned_seconds"] + 1
    _rejected(data, "exercises[0].held_seconds", "at most 120 .its planned_seconds.")
    data = _played()
    data["exercises"][0] |= {"planned_seconds": 10_000, "held_seconds": 10}
    _rejected(data, "exercises[0].planned_seconds", "at most 150 .this stretch's plan.")


def test_unknown_routines_and_stretches_not_in_the_routine_are_refused():
    _rejected(_played() | {"routine_id": "nope"}, "routine_id", "must be one of back-and-hip")
    _rejected(_played() | {"routine_id": "x" * 10_000}, "routine_id", "must be one of")
    data = _played()
    data["exercises"][0]["exercise_id"] = "supine-butterfly"
    _rejected(data, "exercises[0].exercise_id", "a stretch in hip-flexor .hip-flexor-chair-lunge")
    data = _played()
    data["exercises"].append(dict(data["exercises"][0]))
    _rejected(data, "exercises[1].exercise_id", "each stretch once")


def test_lists_are_bounded_and_thigh_answers_fall_within_the_session():
    data = _played()
    _rejected(data | {"checks": [{}] * 201}, "checks", "at most 200 entries")
    _rejected(data | {"exercises": "all"}, "exercises", "a list")
    late = {"side": "left", "at": 10**6, "answer": "top"}
    _rejected(data | {"checks": [late]}, "checks[0].at", "within the session")
    _rejected(data | {"checks": [[]]}, "checks[0]", "must be an object")


def test_read_json_bounds_size_nesting_digits_and_encoding():
    assert read_json(json.dumps(_played()).encode()) == _played()
    for raw, words in [
        (b"[" * 30_000 + b"]" * 30_000, "nest at most 8"),
        (b'{"a":' * 9 + b"1" + b"}" * 9, "nest at most 8"),
        (b'{"planned_seconds": ' + b"9" * 5000 + b"}", "at most 18 digits"),
        (b'{"planned_seconds": NaN}', "not a number JSON allows"),
        (b"\xff\xfe{}", "UTF-8"),
        (b"{not json", "must be JSON"),
        (b" " * (64 * 1024 + 1), "at most 65536 bytes"),
    ]:
        with pytest.raises(ResultError, match=words) as caught:
            read_json(raw)
        assert caught.value.field is None
    assert read_json(b'{"note": "[[[[[[[[[[[[[[[["}') == {"note": "[[[[[[[[[[[[[[[["}
