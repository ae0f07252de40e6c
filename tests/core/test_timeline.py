"""The timeline compiler: properties over any routine and any adjustments."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from stretching import catalogue
from stretching.timeline import Adjustments, ExerciseAdjustment, compile_timeline

CAT = catalogue.default()
ROUTINES = sorted(CAT.routines)


@st.composite
def routine_and_adjustments(draw):
    rid = draw(st.sampled_from(ROUTINES))
    ids = list(CAT.routines[rid].exercise_ids)
    skip = frozenset(draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids))))
    per = {}
    for eid in draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids))):
        per[eid] = ExerciseAdjustment(
            hold_seconds=draw(st.none() | st.integers(1, 120)),
            repetitions=draw(st.none() | st.integers(1, 5)),
            hold_scale=draw(st.none() | st.floats(0.1, 2.0)),
        )
    scale = draw(st.floats(0.1, 2.0))
    return rid, Adjustments(skip=skip, hold_scale=scale, per_exercise=per)


@settings(max_examples=300, deadline=None)
@given(routine_and_adjustments())
def test_total_equals_the_sum_of_steps_and_steps_follow_each_other(case):
    rid, adj = case
    tl = compile_timeline(CAT, rid, adj)
    assert tl.total_seconds == sum(s.duration for s in tl.steps)
    clock = 0
    for i, step in enumerate(tl.steps):
        assert step.index == i
        assert step.start == clock
        assert step.duration > 0
        clock += step.duration


@settings(max_examples=300, deadline=None)
@given(routine_and_adjustments())
def test_per_side_steps_are_paired(case):
    rid, adj = case
    tl = compile_timeline(CAT, rid, adj)
    for eid in tl.exercise_ids:
        if not CAT.exercise(eid).dose.per_side:
            continue
        work = [s for s in tl.steps if s.exercise_id == eid and s.kind in ("hold", "reps", "open")]
        sides = Counter(s.side for s in work)
        assert sides["left"] == sides["right"] > 0
        assert Counter(s.duration for s in work if s.side == "left") == Counter(
            s.duration for s in work if s.side == "right"
        )


@settings(max_examples=300, deadline=None)
@given(routine_and_adjustments())
def test_skipping_removes_exactly_those_exercises(case):
    rid, adj = case
    tl = compile_timeline(CAT, rid, adj)
    expected = [e for e in CAT.routines[rid].exercise_ids if e not in adj.skip]
    assert tl.exercise_ids == expected


@settings(max_examples=100, deadline=None)
@given(routine_and_adjustments())
def test_compiling_is_deterministic(case):
    rid, adj = case
    assert compile_timeline(CAT, rid, adj) == compile_timeline(CAT, rid, adj)


def test_the_relief_sequence_takes_six_to_eight_minutes():
    total = compile_timeline(CAT, "relief-sequence").total_seconds
    assert 6 * 60 <= total <= 8 * 60


def test_hip_flexor_holds_20_seconds_three_times_a_side_then_switches():
    tl = compile_timeline(CAT, "hip-flexor")
    holds = [(s.side, s.duration, s.repetition) for s in tl.steps if s.kind == "hold"]
    assert holds == [
        ("left", 20, 1),
        ("left", 20, 2),
        ("left", 20, 3),
        ("right", 20, 1),
        ("right", 20, 2),
        ("right", 20, 3),
    ]
    assert [s.kind for s in tl.steps].count("switch") == 1


def test_bedside_hamstring_alternates_legs_three_times():
    tl = compile_timeline(CAT, "morning-hamstring")
    sides = [s.side for s in tl.steps if s.kind == "hold"]
    assert sides == ["left", "right"] * 3


def test_the_resting_position_checks_the_thigh_every_three_minutes_per_side():
    tl = compile_timeline(CAT, "resting-add-on")
    opens = [s for s in tl.steps if s.kind == "open"]
    assert [s.side for s in opens] == ["left", "right"]
    assert all(s.check_every == 180 for s in opens)


def test_glute_squeeze_sets_carry_their_variants():
    tl = compile_timeline(CAT, "relief-sequence")
    sets = [s for s in tl.steps if s.exercise_id == "standing-glute-squeeze" and s.kind == "reps"]
    assert [s.variant for s in sets] == list(CAT.exercise("standing-glute-squeeze").dose.variants)
    assert all(s.tempo_on and s.tempo_off and s.reps for s in sets)


def test_a_hold_override_and_a_scale_change_the_holds():
    adj = Adjustments(
        per_exercise={"bedside-knee-twist": ExerciseAdjustment(hold_seconds=15)}, hold_scale=0.5
    )
    tl = compile_timeline(CAT, "relief-sequence", adj)
    twist = {
        s.duration for s in tl.steps if s.exercise_id == "bedside-knee-twist" and s.kind == "hold"
    }
    butterfly = {
        s.duration for s in tl.steps if s.exercise_id == "supine-butterfly" and s.kind == "hold"
    }
    assert twist == {15} and butterfly == {30}
