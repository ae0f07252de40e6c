"""Running a timeline by timestamps: catching up, pausing, skipping, going back, hurting."""

import pytest

from stretching import catalogue
from stretching.session import ResultError, SessionRun, parse_result
from stretching.timeline import compile_timeline

CAT = catalogue.default()


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
    assert parse_result(result.to_dict(), set(CAT.exercises)) == result
    bad = result.to_dict() | {"practised_seconds": -3}
    with pytest.raises(ResultError, match="practised_seconds must be a whole number"):
        parse_result(bad)
    bad = result.to_dict()
    bad["exercises"][0]["outcome"] = "great"
    with pytest.raises(ResultError, match=r"exercises\[0\].outcome must be one of"):
        parse_result(bad)
    with pytest.raises(ResultError, match="not in the catalogue"):
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
            set(CAT.exercises),
        )


def test_spreading_symptoms_end_the_exercise_and_mark_it_for_the_rules():
    run = _run()
    butterfly = next(s for s in run.timeline.steps
                     if s.exercise_id == "supine-butterfly" and s.kind == "hold")
    assert run.hurt(1000.0 + butterfly.start + 20, spread=True) == "supine-butterfly"
    result = run.result(1000.0 + run.timeline.total_seconds + 100)
    entry = next(e for e in result.exercises if e.exercise_id == "supine-butterfly")
    assert (entry.outcome, entry.spread, entry.held_seconds) == ("skipped", True, 20)
    assert parse_result(result.to_dict()) == result
