"""Check-ins and the plain-words trend (clinical brief section 3)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from stretching.screening import forbidden_phrases_in
from stretching.symptoms import CheckIn, change, max_extent, trend

NOW = datetime(2025, 11, 19, 20, 0, tzinfo=UTC)  # a Wednesday


def entry(
    days_ago: float, leg: int, back: int = 2, left: int = 0, right: int = 0, **kw: object
) -> CheckIn:
    return CheckIn(NOW - timedelta(days=days_ago), leg, back, left, right, **kw)  # type: ignore[arg-type]


def test_it_takes_the_furthest_leg():
    assert max_extent(entry(0, 3, left=2, right=4)) == 4
    assert max_extent(entry(0, 3)) == 0


@pytest.mark.parametrize(
    "field,value",
    [
        ("leg_pain", 11),
        ("leg_pain", -1),
        ("back_pain", 3.5),
        ("extent_left", 6),
        ("extent_right", -1),
        ("leg_pain", True),
        ("context", "lunch"),
    ],
)
def test_it_refuses_values_out_of_range(field, value):
    values = {"at": NOW, "leg_pain": 3, "back_pain": 3, field: value}
    with pytest.raises(ValueError, match=field):
        CheckIn(**values)


def test_it_refuses_a_naive_time():
    with pytest.raises(ValueError, match="timezone"):
        CheckIn(datetime(2025, 11, 19, 9), 3, 3)


@pytest.mark.parametrize(
    "before,after,expected",
    [
        ((6, 3), (4, 3), "better"),  # 2 points down
        ((3, 3), (2, 3), "better"),  # 1 point is 33% of 3
        ((8, 3), (7, 3), "same"),  # 1 point is 12%
        ((4, 3), (4, 2), "better"),  # symptoms retreat one level
        ((4, 3), (6, 3), "worse"),  # 2 points up
        ((0, 3), (1, 3), "same"),  # 30% of nothing: only 2 points count
        ((2, 3), (2, 4), "worse"),  # spreading one level further down
        ((6, 2), (2, 3), "worse"),  # spreading wins over less pain
    ],
)
def test_it_compares_two_check_ins(before, after, expected):
    a = entry(1, before[0], left=before[1])
    b = entry(0, after[0], left=after[1])
    assert change(a, b) == expected


def test_improving_names_the_pain_numbers_and_the_date():
    result = trend([entry(6, 6, left=3), entry(3, 5, left=3), entry(0, 3, left=3)], NOW)
    assert result.verdict == "improving"
    assert result.reason == "Leg pain went from 6 to 3 since 13 Nov."


def test_improving_when_symptoms_move_up_and_hold():
    checkins = [entry(5, 5, left=4), entry(2, 5, left=3), entry(0, 5, left=2)]
    result = trend(checkins, NOW)
    assert result.verdict == "improving"
    assert result.reason == (
        "Your leg symptoms seem to be moving up toward your back, generally a good sign: they "
        "reached below the knee on 14 Nov and no further than the thigh in your last two "
        "check-ins."
    )


def test_improving_on_both_counts_says_both():
    checkins = [entry(5, 6, left=4), entry(2, 5, left=3), entry(0, 3, left=3)]
    assert trend(checkins, NOW).reason == (
        "Leg pain went from 6 to 3 since 14 Nov, and your leg symptoms seem to be moving up "
        "toward your back, generally a good sign."
    )


def test_symptoms_moving_up_once_is_not_yet_improving():
    result = trend([entry(5, 5, left=4), entry(0, 5, left=3)], NOW)
    assert result.verdict == "about the same"
    assert result.reason == (
        "Leg pain is 5, as it was on 14 Nov, and your symptoms reach less far down the leg, "
        "which counts once it holds to your next check-in."
    )


def test_about_the_same_when_the_change_is_small():
    result = trend([entry(4, 8, left=3), entry(0, 7, left=3)], NOW)
    assert result.verdict == "about the same"
    assert result.reason == (
        "Leg pain went from 8 to 7 since 15 Nov, not yet a clear change, "
        "and your symptoms reach about as far down the leg."
    )


def test_worse_when_leg_pain_rises():
    result = trend([entry(4, 3, left=3), entry(0, 6, left=3)], NOW)
    assert result.verdict == "worse"
    assert result.reason == "Leg pain went from 3 to 6 since 15 Nov."


def test_worse_when_symptoms_spread_even_with_less_pain():
    result = trend([entry(4, 6, left=3), entry(0, 3, right=5)], NOW)
    assert result.verdict == "worse"
    assert result.reason == (
        "Your symptoms now reach further down the leg than on 15 Nov (foot instead of thigh)."
    )


def test_worse_on_both_counts_says_both():
    result = trend([entry(4, 3, left=2), entry(0, 6, left=4)], NOW)
    assert result.reason == (
        "Leg pain went from 3 to 6 since 15 Nov, and your symptoms now "
        "reach further down the leg (below the knee instead of buttock "
        "or hip)."
    )


def test_not_enough_data():
    assert trend([], NOW).reason == "There are no check-ins in the last 7 days."
    one = trend([entry(1, 5), entry(9, 2)], NOW)
    assert one.verdict == "not enough data"
    assert one.reason == ("There is only one check-in in the last 7 days, and a trend needs two.")


def test_it_ignores_check_ins_after_now():
    result = trend([entry(3, 6), entry(1, 6), entry(-1, 0)], NOW)
    assert result.verdict == "about the same"


def test_no_reason_claims_an_effect():
    reasons = [
        trend(c, NOW).reason
        for c in (
            [entry(5, 6, left=4), entry(2, 5, left=3), entry(0, 3, left=3)],
            [entry(4, 3, left=2), entry(0, 6, left=4)],
            [entry(4, 8, left=3), entry(0, 7, left=3)],
        )
    ]
    for reason in reasons:
        assert forbidden_phrases_in(reason) == ()
        for word in ("heal", "fix", "cure"):
            assert word not in reason.lower()
