"""The timeline compiler: properties over any routine and any adjustments."""

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretching import catalogue
from stretching.positions import FLOOR, FLOOR_SECONDS, NEW_POSITION_SECONDS, READY_SECONDS
from stretching.timeline import (
    SWITCH_SECONDS,
    USUAL_REST_SECONDS,
    Adjustments,
    ExerciseAdjustment,
    compile_timeline,
    sentences,
)

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


def test_the_relief_sequence_takes_the_pages_seven_minutes_and_the_time_to_get_down_and_up():
    tl = compile_timeline(CAT, "relief-sequence")
    getting_ready = sum(s.duration for s in tl.steps if s.kind == "ready")
    assert 5 * 60 <= tl.total_seconds - getting_ready <= 7 * 60
    assert tl.total_seconds <= 9 * 60  # down to the floor and up again twice each


def _ready_before(tl, exercise_id):
    return next(s for s in tl.steps if s.exercise_id == exercise_id and s.kind == "ready")


def test_the_relief_sequence_gives_20_s_or_more_to_lie_down_and_to_sit_up_on_the_bed():
    tl = compile_timeline(CAT, "relief-sequence")
    pillow = _ready_before(tl, "supine-pillow-squeeze")
    twist = _ready_before(tl, "bedside-knee-twist")
    assert pillow.duration >= 20 and twist.duration >= 20
    assert pillow.say == (
        "Next: Pillow squeeze. Get down to the floor slowly. "
        "Lie on your back, calves on the chair, pillow between the knees."
    )
    assert twist.say == (
        "Next: Bedside twist. Roll onto your side and come up slowly. "
        "Sit on the side of the bed, one knee up on it. Stretch the left leg first."
    )


@settings(max_examples=200, deadline=None)
@given(routine_and_adjustments())
def test_a_change_of_position_gets_longer_to_get_ready_than_a_change_of_side(case):
    rid, adj = case
    tl = compile_timeline(CAT, rid, adj)
    before = "standing"  # Start is pressed upright, phone in hand
    for step in (s for s in tl.steps if s.kind == "ready"):
        after = step.position
        if (before in FLOOR) != (after in FLOOR):
            assert step.duration == FLOOR_SECONDS, step
        elif before != after:
            assert step.duration == NEW_POSITION_SECONDS, step
        else:
            assert step.duration == READY_SECONDS, step
        before = after
    assert SWITCH_SECONDS < READY_SECONDS < 20 <= NEW_POSITION_SECONDS < FLOOR_SECONDS
    assert all(s.duration == SWITCH_SECONDS for s in tl.steps if s.kind == "switch")


def test_the_same_position_says_stay_and_the_first_exercise_says_where_to_go():
    tl = compile_timeline(CAT, "daily-warm-up")
    assert tl.steps[0].say == "First: Ankle pumps. Lie on your back, legs long, feet relaxed."
    assert _ready_before(tl, "knees-to-chest").say == (
        "Next: Knees to chest. Stay on your back, knees bent, feet flat."
    )
    assert _ready_before(tl, "knees-to-chest").duration == READY_SECONDS


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


BAD_JOINS = re.compile(r"[.,;:!?]\s*[.,;:]|\s[.,;:!?]|\s\s|\.\s+[a-z]")


def _every_compiled_step():
    for rid in ROUTINES:
        for adj in (Adjustments(), Adjustments(per_exercise=_one_rep_each(rid))):
            yield from compile_timeline(CAT, rid, adj).steps


def _one_rep_each(rid):
    return {eid: ExerciseAdjustment(repetitions=1) for eid in CAT.routines[rid].exercise_ids}


def test_every_spoken_cue_of_every_routine_reads_as_written_sentences():
    for step in _every_compiled_step():
        for text in (step.say, step.check_say or "Fine."):
            assert not BAD_JOINS.search(text), f"{step.exercise_id} {step.kind}: {text!r}"
            assert text[0].isupper() and text.endswith((".", "?", "!")), text
        assert not BAD_JOINS.search(step.show), f"{step.exercise_id} {step.kind}: {step.show!r}"


def test_the_get_ready_cue_names_the_first_side_in_its_own_sentence():
    ready = compile_timeline(CAT, "hip-flexor").steps[0]
    assert ready.say == (
        "First: Hip flexor lunge. Stand tall between the chairs, front foot on the seat, the "
        "stretched leg behind you, a hand on the side chair. Stretch the left leg first."
    )


def test_each_hold_and_switch_says_which_leg_is_stretched():
    tl = compile_timeline(CAT, "hip-flexor")
    hold, switch = tl.steps[1], next(s for s in tl.steps if s.kind == "switch")
    assert hold.say == "Hold, left leg stretched. 1 of 3. Hips forward, chest tall, breathe."
    assert hold.show == "Hold 20 s, left leg stretched"
    assert hold.side_label == "Left leg stretched"
    assert switch.say == (
        "Change legs: the other foot goes on the chair. Right leg stretched next."
    )
    reps = [s for s in compile_timeline(CAT, "legs").steps if s.kind == "reps" and s.side]
    assert {s.side_label for s in reps if s.side != "both"} == {
        "Left leg working",
        "Right leg working",
    }


def test_sentences_mends_the_punctuation_each_phrase_brings():
    assert sentences("Hold left leg", "", "1 of 3.", "breathe,") == (
        "Hold left leg. 1 of 3. Breathe."
    )


def test_the_resting_step_carries_the_thigh_test_and_the_answer_that_ends_a_side():
    opens = [s for s in compile_timeline(CAT, "resting-add-on").steps if s.kind == "open"]
    assert opens[0].say == (
        "Left leg straight. Let the long leg go heavy. I will ask about your thigh every 3 minutes."
    )
    assert all(s.check_ends_on == "top" and "Thigh check" in (s.check_say or "") for s in opens)
    assert opens[0].to_dict()["check_ends_on"] == "top"


def test_a_resting_side_lasts_until_the_thigh_test_ends_it_with_a_30_minute_cap():
    tl = compile_timeline(CAT, "resting-add-on")
    opens = [s for s in tl.steps if s.kind == "open"]
    assert all(s.duration == 30 * 60 for s in opens)  # the cap, far past six minutes
    assert all(s.check_every == 180 for s in opens)  # page 004: every 3 minutes
    # told as the page's ten minutes or so, not as the cap
    usual = tl.total_seconds - sum(s.duration - USUAL_REST_SECONDS for s in opens)
    assert tl.usual_seconds == usual and 9 * 60 <= usual <= 12 * 60
    assert tl.to_dict()["usual_seconds"] == usual


@pytest.mark.parametrize("routine_id", sorted(CAT.routines))
def test_the_stretching_time_is_the_holds_and_repetitions_and_the_rest_is_moving_between(
    routine_id,
):
    tl = compile_timeline(CAT, routine_id)
    between = sum(s.duration for s in tl.steps if s.kind in ("ready", "switch", "rest", "done"))
    assert tl.stretching_seconds + between == tl.usual_seconds
    assert 0 < tl.stretching_seconds < tl.usual_seconds


def test_the_relief_sequence_is_five_and_a_half_minutes_of_stretching_in_about_eight():
    tl = compile_timeline(CAT, "relief-sequence")
    assert (tl.stretching_seconds, tl.usual_seconds) == (332, 487)
