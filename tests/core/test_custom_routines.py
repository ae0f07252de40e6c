"""Custom routines: a clinician's routine read within the brief's dose bounds, every problem named
by field, compiled as the built-in ones are, and followed by the routine's own rules."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from stretching import catalogue, custom
from stretching.custom import CustomRoutineError, compile_custom, read_custom, with_routines
from stretching.rules import ExerciseOutcome, SessionRecord, plan
from stretching.symptoms import CheckIn
from stretching.timeline import compile_timeline

CAT = catalogue.default()
TZ = ZoneInfo("Europe/London")
MON = datetime(2025, 11, 10, 8, 0, tzinfo=TZ)
PIRIFORMIS = "supine-piriformis"  # hold 20 s x 2 per side, rest 5
TOWEL = "towel-hamstring"  # hold 30 s x 1 per side
SQUEEZE = "supine-pillow-squeeze"  # 10 reps, both legs
REST = "supine-leg-on-chair-rest"  # open-ended


def routine_data(**changes):
    data = {
        "name": "Morning set",
        "summary": "Three stretches before breakfast.",
        "times_per_day": 2,
        "exercises": [
            {"exercise_id": PIRIFORMIS, "hold_seconds": 25, "repetitions": 3, "rest_seconds": 10},
            {"exercise_id": SQUEEZE, "repetitions": 12, "note": "Slowly"},
            {"exercise_id": TOWEL, "sides": "alternate", "hold_seconds": 20, "repetitions": 2},
        ],
    }
    data.update(changes)
    return data


def problems(data) -> list[str]:
    with pytest.raises(CustomRoutineError) as caught:
        read_custom(data, CAT, "clinic-1")
    return str(caught.value).splitlines()


def test_it_reads_a_routine_in_the_clinicians_order_with_their_doses():
    r = read_custom(routine_data(), CAT, "clinic-1")
    assert r.exercise_ids == (PIRIFORMIS, SQUEEZE, TOWEL)
    assert [(i.hold_seconds, i.repetitions, i.rest_seconds) for i in r.exercises] == [
        (25, 3, 10),
        (None, 12, 0),
        (20, 2, 0),
    ]
    assert r.exercises[1].note == "Slowly"
    assert r.routine().frequency.describe() == "2 times a day"
    assert read_custom(r.to_json(), CAT, "clinic-1") == r


def test_a_dose_left_out_is_the_catalogues_own():
    r = read_custom({"name": "Just one", "exercises": [{"exercise_id": PIRIFORMIS}]}, CAT, "c-2")
    item = r.exercises[0]
    assert (item.sides, item.hold_seconds, item.repetitions, item.rest_seconds) == (
        "each",
        20,
        2,
        5,
    )


def test_a_hold_outside_the_brief_names_the_field_and_the_bound():
    data = routine_data()
    data["exercises"][2]["hold_seconds"] = 90
    assert problems(data) == [
        "exercises[2].hold_seconds: must be between 10 and 60 s (clinical brief section 4)"
    ]


def test_every_problem_is_named_at_once():
    data = routine_data(times_per_day=6, colour="red")
    data["exercises"][0]["repetitions"] = 0
    data["exercises"][1]["hold_seconds"] = 20
    data["exercises"][2]["rest_seconds"] = "long"
    found = problems(data)
    assert "colour: is not a known field" in found
    assert "times_per_day: must be between 1 and 3 (clinical brief section 4)" in found
    assert "exercises[0].repetitions: must be between 1 and 4 (clinical brief section 4)" in found
    assert any(p.startswith("exercises[1].hold_seconds: does not apply") for p in found)
    assert "exercises[2].rest_seconds: must be a whole number, not 'long'" in found
    assert len(found) == 5


def test_an_unknown_exercise_suggests_close_ones():
    data = routine_data()
    data["exercises"][0]["exercise_id"] = "supine-piriformiss"
    assert problems(data) == [
        "exercises[0].exercise_id: no exercise called 'supine-piriformiss' "
        "(did you mean supine-piriformis?)"
    ]


def test_a_long_hold_repeated_too_often_is_refused():
    data = routine_data()
    data["exercises"][0].update(hold_seconds=60, repetitions=4)
    (found,) = problems(data)
    assert found.startswith("exercises[0].repetitions: 4 x 60 s is 240 s of holding per side")


def test_sides_follow_the_stretch():
    data = routine_data()
    data["exercises"][1]["sides"] = "each"
    data["exercises"][0]["sides"] = "both"
    assert problems(data) == [
        f"exercises[0].sides: must be each or alternate for {CAT.exercise(PIRIFORMIS).name}, "
        "not 'both'",
        f"exercises[1].sides: must be both for {CAT.exercise(SQUEEZE).name}, not 'each'",
    ]


def test_a_resting_position_takes_no_hold_and_repeats_are_refused():
    data = routine_data()
    data["exercises"].append({"exercise_id": REST, "hold_seconds": 30})
    data["exercises"].append({"exercise_id": PIRIFORMIS})
    found = problems(data)
    assert found[0].startswith("exercises[3].hold_seconds: does not apply")
    assert found[1] == "exercises[4].exercise_id: 'supine-piriformis' is already in it"


def test_words_the_product_never_says_are_refused_in_notes_and_names():
    data = routine_data(name="Cure for sciatica")
    data["exercises"][0]["note"] = "This will heal the nerve"
    found = problems(data)
    assert found == [
        "name: uses words the product never says (cure): clinical brief 5",
        "exercises[0].note: uses words the product never says (heal): clinical brief 5",
    ]


def test_an_empty_routine_and_a_built_in_id_are_refused():
    with pytest.raises(CustomRoutineError) as caught:
        read_custom({"name": "Nothing", "exercises": []}, CAT, "hamstring-trio")
    assert caught.value.by_field() == {
        "id": ["'hamstring-trio' must be a new lower-case id, not a built-in routine's"],
        "exercises": ["must hold between 1 and 12 ([design])"],
    }


def test_written_with_the_catalogues_doses_it_compiles_exactly_as_the_built_in_routine():
    trio = CAT.routine("hamstring-trio")
    data = {"name": "Trio", "exercises": [{"exercise_id": e} for e in trio.exercise_ids]}
    mine = compile_custom(CAT, read_custom(data, CAT, "clinic-trio"))
    theirs = compile_timeline(CAT, trio)
    assert [s.to_dict() for s in mine.steps] == [s.to_dict() for s in theirs.steps]
    assert (mine.routine_id, mine.routine_name) == ("clinic-trio", "Trio")


def test_the_timeline_plays_the_clinicians_doses():
    tl = compile_custom(CAT, read_custom(routine_data(), CAT, "clinic-1"))
    piriformis = [s for s in tl.steps if s.exercise_id == PIRIFORMIS]
    holds = [s for s in piriformis if s.kind == "hold"]
    assert [s.duration for s in holds] == [25] * 6
    assert [s.duration for s in piriformis if s.kind == "rest"] == [10] * 4
    (squeeze,) = [s for s in tl.steps if s.exercise_id == SQUEEZE and s.kind == "reps"]
    assert squeeze.reps == 12
    towel = [
        (s.side, s.repetition) for s in tl.steps if s.exercise_id == TOWEL and s.kind == "hold"
    ]
    assert towel == [("left", 1), ("right", 1), ("left", 2), ("right", 2)]
    assert tl.exercise_ids == [PIRIFORMIS, SQUEEZE, TOWEL]


# --- the routine's rules apply to it -----------------------------------------------------


def day(n: int, hour: int = 9) -> datetime:
    return MON + timedelta(days=n, hours=hour - 8)


class Person:
    def __init__(self, routine) -> None:
        self.routine = routine
        self.catalogue = with_routines(CAT, [routine])
        self.sessions: list[SessionRecord] = []
        self.checkins: list[CheckIn] = []

    def plan(self, now):
        return plan(self.catalogue, self.sessions, self.checkins, now, tz=TZ)

    def timeline(self, now):
        return compile_custom(CAT, self.routine, self.plan(now).adjustments_for(self.routine.id))

    def play(self, start, hurt=()):
        played = self.timeline(start).exercise_ids
        outcomes = tuple(ExerciseOutcome(e, "hurt" if e in hurt else "done", 20) for e in played)
        self.sessions.append(
            SessionRecord(len(self.sessions) + 1, self.routine.id, start, start, outcomes)
        )

    def check_in(self, at, leg=3):
        self.checkins.append(CheckIn(at=at, leg_pain=leg, back_pain=2, extent_left=3))


def test_the_persons_catalogue_adds_the_routine_and_leaves_the_built_in_plan_alone():
    r = read_custom(routine_data(), CAT, "clinic-1")
    viewed = with_routines(CAT, [r])
    assert set(viewed.routines) == {*CAT.routines, "clinic-1"}
    assert viewed.exercises is CAT.exercises
    assert with_routines(CAT, []) is CAT
    base, mine = plan(CAT, [], [], day(0), tz=TZ), plan(viewed, [], [], day(0), tz=TZ)
    for rid in CAT.routines:
        assert mine.adjustments_for(rid) == base.adjustments_for(rid)
        assert mine.due_for(rid) == base.due_for(rid)
    due = mine.due_for("clinic-1")
    assert (due.minimum, due.text) == (2, "0 of 2")
    assert mine.can_start("clinic-1") == (True, "This is session 1 of up to 2 today.")


def test_a_stretch_that_hurt_is_left_out_of_the_custom_routine_and_the_built_in_ones():
    person = Person(read_custom(routine_data(), CAT, "clinic-1"))
    person.play(day(0), hurt=[PIRIFORMIS])
    later = day(0, hour=15)
    assert PIRIFORMIS not in person.timeline(later).exercise_ids
    assert person.timeline(later).exercise_ids == [SQUEEZE, TOWEL]
    assert PIRIFORMIS in person.plan(later).adjustments_for("back-and-hip").skip
    assert person.plan(later).due_for("clinic-1").text == "1 of 2"


def test_holds_build_up_to_the_clinicians_dose_and_never_beyond():
    data = {"name": "Towel", "exercises": [{"exercise_id": TOWEL, "hold_seconds": 25}]}
    person = Person(read_custom(data, CAT, "clinic-towel"))
    played = []
    for n in range(8):
        start = day(n)
        person.check_in(start - timedelta(minutes=30))
        played.append(next(s.duration for s in person.timeline(start).steps if s.kind == "hold"))
        person.play(start)
        person.check_in(start + timedelta(hours=1))
    assert played == [15, 15, 20, 20, 25, 25, 25, 25]


def test_a_hold_shorter_than_where_the_rules_start_is_played_as_written():
    data = {"name": "Short", "exercises": [{"exercise_id": TOWEL, "hold_seconds": 10}]}
    person = Person(read_custom(data, CAT, "clinic-short"))
    holds = [s.duration for s in person.timeline(day(0)).steps if s.kind == "hold"]
    assert holds == [10, 10]


def test_bounds_are_named_once_with_their_source():
    assert custom.BOUNDS.hold_seconds.check(61) == (
        "must be between 10 and 60 s (clinical brief section 4)"
    )
    assert custom.BOUNDS.hold_seconds.check(30) == ""
