"""Running a timeline by timestamps: catching up, pausing, skipping, going back, hurting."""

from datetime import timedelta

import pytest

from stretching import catalogue
from stretching.result import Expected, routine_plans
from stretching.session import RepPhase, ResultError, SessionRun, parse_result, rep_phase, whole
from stretching.timeline import compile_timeline

CAT = catalogue.default()
PLANS = routine_plans(CAT)


def _expected(result):
    """What the server would know had the result just arrived from a person who began then."""
    return Expected(PLANS, first_use=result.started_at, now=result.ended_at)


def _run(routine="relief-sequence"):
    return SessionRun(compile_timeline(CAT, routine), started=1000.0)


def test_a_late_update_lands_on_the_step_the_schedule_says():
    run = _run()
    target = run.timeline.steps[7]
    assert run.update(1000.0 + target.start + 1).index == 7


def test_pausing_stops_the_clock():
    run = _run()
    run.update(1005.0)
    run.pause(1005.0)
    run.resume(1065.0)
    assert run.elapsed(1070.0) == pytest.approx(10.0)


def test_next_skips_the_rest_of_a_work_step_and_marks_it_skipped():
    run = _run("supine-butterfly" if "supine-butterfly" in CAT.routines else "relief-sequence")
    first_work = next(s for s in run.timeline.steps if s.kind in ("hold", "reps"))
    run.update(1000.0 + first_work.start + 2)
    run.next(1000.0 + first_work.start + 2)
    assert run.index == first_work.index + 1
    result = run.result(1000.0 + first_work.start + 3)
    assert result.exercises[0].outcome == "skipped"


def test_back_restarts_the_step_or_goes_one_back():
    run = _run()
    step = run.timeline.steps[3]
    run.update(1000.0 + step.start + 5)
    run.back(1000.0 + step.start + 5)
    assert run.index == 3 and run.elapsed(1000.0 + step.start + 5) == step.start
    run.back(1000.0 + step.start + 6)
    assert run.index == 2


def test_hurt_ends_the_exercise_at_once_and_records_how_long_it_was_held():
    run = _run()
    twist = next(
        s for s in run.timeline.steps if s.exercise_id == "bedside-knee-twist" and s.kind == "hold"
    )
    now = 1000.0 + twist.start + 12
    assert run.hurt(now) == "bedside-knee-twist"
    assert run.step.exercise_id == "supine-butterfly"
    end = 1000.0 + run.timeline.total_seconds + 100
    result = run.result(end)
    hurt = [e for e in result.exercises if e.outcome == "hurt"]
    assert [(e.exercise_id, e.held_seconds, e.side) for e in hurt] == [
        ("bedside-knee-twist", 12, "left")
    ]
    assert result.count("done") == 4 and result.completed


def test_a_finished_run_reports_every_exercise_done():
    run = _run()
    result = run.result(1000.0 + run.timeline.total_seconds + 1)
    assert result.completed and result.count("done") == 5
    assert result.practised_seconds == result.planned_seconds


def test_parse_result_round_trips_and_names_bad_fields():
    run = _run()
    result = run.result(1000.0 + run.timeline.total_seconds + 1)
    assert parse_result(result.to_dict(), _expected(result)) == result
    bad = result.to_dict() | {"practised_seconds": -3}
    with pytest.raises(ResultError, match="practised_seconds must be a whole number"):
        parse_result(bad, _expected(result))
    bad = result.to_dict()
    bad["exercises"][0]["outcome"] = "great"
    with pytest.raises(ResultError, match=r"exercises\[0\].outcome must be one of"):
        parse_result(bad, _expected(result))
    with pytest.raises(ResultError, match="must be a stretch in relief-sequence"):
        parse_result(
            result.to_dict()
            | {
                "exercises": [
                    {
                        "exercise_id": "nope",
                        "outcome": "done",
                        "held_seconds": 1,
                        "planned_seconds": 1,
                    }
                ]
            },
            _expected(result),
        )


def test_spreading_symptoms_end_the_exercise_and_mark_it_for_the_rules():
    run = _run()
    butterfly = next(
        s for s in run.timeline.steps if s.exercise_id == "supine-butterfly" and s.kind == "hold"
    )
    assert run.hurt(1000.0 + butterfly.start + 20, spread=True) == "supine-butterfly"
    result = run.result(1000.0 + run.timeline.total_seconds + 100)
    entry = next(e for e in result.exercises if e.exercise_id == "supine-butterfly")
    assert (entry.outcome, entry.spread, entry.held_seconds) == ("skipped", True, 20)
    assert parse_result(result.to_dict(), _expected(result)) == result


def test_this_hurts_counts_only_the_time_spent_not_the_time_jumped_over():
    run = _run("hip-flexor")
    run.hurt(1000.0 + 10 + 16)  # 10 s getting ready, 16 s into the first hold
    result = run.result(1000.0 + 400)
    assert result.completed
    # 26 s before "this hurts", then the 5 s closing step: never the 2:38 jumped over
    assert result.practised_seconds == 26 + 5
    assert [(e.outcome, e.held_seconds) for e in result.exercises] == [("hurt", 16)]


def test_clicking_through_counts_the_seconds_spent_and_pauses_do_not_count():
    run = _run()
    t = 1000.0
    for _ in range(len(run.timeline.steps)):
        t += 2
        run.next(t)
    assert run.finished
    result = run.result(t + 500)
    assert result.practised_seconds == 2 * len(run.timeline.steps)
    assert result.count("skipped") == 5

    run = _run("hip-flexor")
    run.pause(1005.0)
    run.resume(1065.0)
    run.stop(1070.0)
    assert run.result(1100.0).practised_seconds == 10


def test_stop_ends_early_keeping_what_was_done():
    run = _run("hamstring-trio")
    second = next(s for s in run.timeline.steps if s.exercise_id == "chair-edge-hamstring")
    run.stop(1000.0 + second.start + 3)
    run.next(1000.0 + second.start + 4)  # nothing moves once it has ended
    result = run.result(1000.0 + 900)
    assert not result.completed and run.stopped
    assert result.practised_seconds == second.start + 3
    assert [(e.exercise_id, e.outcome) for e in result.exercises] == [
        ("supine-hamstring-straight-leg", "done"),
        ("chair-edge-hamstring", "skipped"),
    ]
    assert result.ended_at == result.started_at + timedelta(seconds=second.start + 3)


def test_top_of_the_thigh_ends_a_resting_side_and_counts_it_as_rested():
    run = _run("resting-add-on")
    left, _switch, right = run.timeline.steps[1:4]
    assert run.thigh(1000.0 + left.start + 180, "knee")
    assert run.index == left.index  # keeps resting
    assert run.thigh(1000.0 + left.start + 200, "top")
    assert run.index == left.index + 1  # on to the switch
    at_right = 1000.0 + left.start + 200 + 5  # after the switch, the right side starts
    assert run.step.kind == "switch" and run.update(at_right).side == "right"
    assert run.thigh(at_right + 190, "top")
    assert not run.thigh(at_right + 191, "middle")  # the closing step has no thigh test
    result = run.result(at_right + 300)
    assert [c.to_dict() for c in result.checks] == [
        {"side": "left", "at": 180, "answer": "knee"},
        {"side": "left", "at": 200, "answer": "top"},
        {"side": "right", "at": 190, "answer": "top"},
    ]
    entry = result.exercises[0]
    assert (entry.outcome, entry.held_seconds, entry.planned_seconds) == ("done", 390, 3600)
    assert result.practised_seconds == left.start + 200 + 5 + 190 + 5
    assert parse_result(result.to_dict(), _expected(result)) == result


def test_a_thigh_answer_must_be_one_the_test_knows():
    with pytest.raises(ValueError, match="knee, middle, top"):
        _run("resting-add-on").thigh(1020.0, "ankle")
    result = _run("resting-add-on").result(1020.0)
    bad = result.to_dict() | {"checks": [{"side": "left", "at": 3, "answer": "ankle"}]}
    with pytest.raises(ResultError, match=r"checks\[0\].answer must be one of"):
        parse_result(bad, _expected(result))


def test_squeeze_and_release_come_from_the_engine():
    run = _run()
    first_set = run.timeline.steps[1]  # 8 reps, 5 s squeeze / 2 s release
    phases = []
    for into in (0, 4.9, 5, 6.9, 7, 55):
        run.update(1000.0 + first_set.start + into)
        rep = run.rep_at(1000.0 + first_set.start + into)
        phases.append((rep.rep, rep.phase) if rep else None)
    assert phases == [
        (1, "squeeze"),
        (1, "squeeze"),
        (1, "release"),
        (1, "release"),
        (2, "squeeze"),
        (8, "release"),
    ]
    run = _run()
    run.update(1003.0)
    assert run.rep_at(1003.0) is None  # getting ready is not a reps step
    assert rep_phase(first_set, 6.5) == RepPhase(1, 8, False, 0.75, 0.5)


def test_halves_round_up_as_in_the_browser():
    assert [whole(x) for x in (0.5, 1.5, 2.5, 2.4999)] == [1, 2, 3, 2]


def test_a_resting_side_runs_past_six_minutes_while_the_thigh_is_near_the_knee():
    run = _run("resting-add-on")
    left = run.timeline.steps[1]
    for minutes in (3, 6, 9):
        assert run.thigh(1000.0 + left.start + minutes * 60, "knee")
        assert run.index == left.index  # still resting on the left
    assert run.update(1000.0 + left.start + 11 * 60).index == left.index
    assert run.thigh(1000.0 + left.start + 12 * 60, "top")
    assert run.step.kind == "switch"


def test_im_in_position_starts_the_next_step_at_once_and_does_nothing_elsewhere():
    run = _run("hip-flexor")
    assert run.ready(1004.0)
    assert run.step.kind == "hold" and run.remaining_in_step(1004.0) == 20
    assert not run.ready(1010.0)  # in a hold: nothing to be ready for
    assert run.step.index == 1 and run.remaining_in_step(1010.0) == 14


def test_waiting_for_im_in_position_holds_the_get_ready_until_the_tap():
    run = SessionRun(compile_timeline(CAT, "relief-sequence"), started=1000.0, wait_for_ready=True)
    first = run.timeline.steps[0]
    assert run.update(1000.0 + first.duration + 300).index == 0  # five minutes later: waiting
    assert run.waiting and run.remaining_in_step(1400.0) == 0
    assert run.ready(1400.0)
    assert run.step.kind == "reps" and run.rep_at(1400.0).rep == 1
    pillow = next(s for s in run.timeline.steps if s.exercise_id == "supine-pillow-squeeze")
    later = 1400.0 + pillow.start - first.end + 600
    assert run.update(later).index == pillow.index  # held again at the next get-ready
    run.stop(later)
    result = run.result(later + 5)
    assert result.practised_seconds == whole(later - 1000.0)  # waiting is time getting ready
    assert [e.outcome for e in result.exercises] == ["done", "skipped"]


def test_the_run_says_how_it_ended():
    run = _run("morning-hamstring")
    switch = next(s for s in run.timeline.steps if s.kind == "switch")
    run.hurt(1000.0 + switch.start + 2)  # this hurts between sides: nothing comes after it
    run.update(1000.0 + 900)
    assert run.finished and run.ending == "stopped"
    run = _run("relief-sequence")
    run.hurt(1000.0 + 20)  # the first exercise hurts; the others follow
    run.update(1000.0 + 2000)
    assert run.ending == "done"
    run = _run("relief-sequence")
    run.stop(1030.0)
    assert run.ending == "stopped early"
