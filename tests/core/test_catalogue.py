"""The shipped catalogue loads, holds the pages' doses exactly, and bad files are named."""

import shutil
from pathlib import Path

import pytest

from stretching import catalogue
from stretching.catalogue import DATA_DIR, CatalogueError, UnknownId

PAGE_DOSES = {
    # id: (hold_seconds, hold_seconds_max, repetitions, sides)
    "hip-flexor-chair-lunge": (20, None, 3, "each"),
    "bedside-seated-hamstring": (30, 60, 3, "each"),
    "supine-hamstring-straight-leg": (30, None, 1, "each"),
    "chair-edge-hamstring": (30, None, 1, "each"),
    "towel-hamstring": (30, None, 1, "each"),
    "supine-butterfly": (60, None, 1, "both"),
    "bedside-knee-twist": (30, None, 1, "each"),
}


@pytest.fixture(scope="module")
def cat():
    return catalogue.load()


def test_it_loads_all_21_exercises_and_8_routines(cat):
    assert len(cat.exercises) == 21
    assert sorted(cat.routines) == [
        "back-and-hip",
        "daily-warm-up",
        "hamstring-trio",
        "hip-flexor",
        "legs",
        "morning-hamstring",
        "relief-sequence",
        "resting-add-on",
    ]


@pytest.mark.parametrize("eid, dose", PAGE_DOSES.items())
def test_it_keeps_the_pages_hold_doses_exactly(cat, eid, dose):
    d = cat.exercise(eid).dose
    assert (d.hold_seconds, d.hold_seconds_max, d.repetitions, d.sides) == dose
    assert d.origin["hold_seconds"] == "page"


def test_it_keeps_the_thigh_test_and_squeeze_timing(cat):
    rest = cat.exercise("supine-leg-on-chair-rest")
    assert rest.dose.kind == "open"
    assert rest.open_ended is not None and rest.open_ended.check_every_seconds == 180
    squeeze = cat.exercise("supine-pillow-squeeze").dose
    assert (squeeze.tempo_on, squeeze.tempo_off) == (2, 2)
    assert squeeze.origin["tempo_on"] == "page"
    glutes = cat.exercise("standing-glute-squeeze").dose
    assert glutes.sets == 2 and len(glutes.variants) == 2


def test_the_relief_sequence_is_in_the_pages_order_and_frequency(cat):
    r = cat.routine("relief-sequence")
    assert r.exercise_ids == (
        "standing-glute-squeeze",
        "supine-pillow-squeeze",
        "bedside-knee-twist",
        "supine-butterfly",
        "standing-quad-support",
    )
    assert r.fixed_order
    assert (r.frequency.times_per_day_min, r.frequency.times_per_day_max) == (1, 10)


def test_every_exercise_says_where_each_dose_number_came_from(cat):
    for e in cat.exercises.values():
        assert e.instructions and e.cautions and e.cues.start, e.id
        assert set(e.dose.origin.values()) <= {"page", "project"}


def test_unknown_ids_suggest_close_matches(cat):
    with pytest.raises(UnknownId) as err:
        cat.exercise("supine-buterfly")
    assert "supine-butterfly" in err.value.suggestions
    assert "Did you mean" in str(err.value)


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_a_negative_hold_names_the_file_and_field(tmp_path):
    data = _copy_data(tmp_path)
    f = data / "exercises" / "supine-butterfly.toml"
    f.write_text(f.read_text().replace("hold_seconds = 60", "hold_seconds = -5"))
    with pytest.raises(CatalogueError) as err:
        catalogue.load(data)
    assert "exercises/supine-butterfly.toml: dose.hold_seconds: must be at least 0, not -5" in str(
        err.value
    )


def test_missing_instructions_and_unknown_routine_exercise_are_both_reported(tmp_path):
    data = _copy_data(tmp_path)
    f = data / "exercises" / "cat-pose.toml"
    text = f.read_text()
    start = text.index("instructions = [")
    end = text.index("]", start)
    f.write_text(text[:start] + text[end + 1 :])
    r = data / "routines" / "hip-flexor.toml"
    r.write_text(r.read_text().replace('"hip-flexor-chair-lunge"', '"hip-flexor-chair-lunj"'))
    with pytest.raises(CatalogueError) as err:
        catalogue.load(data)
    problems = [str(p) for p in err.value.problems]
    assert "exercises/cat-pose.toml: instructions: is missing" in problems
    assert (
        "routines/hip-flexor.toml: exercises: unknown exercise id 'hip-flexor-chair-lunj' "
        "(did you mean hip-flexor-chair-lunge?)"
    ) in problems


def test_broken_toml_and_misspelt_fields_are_named(tmp_path):
    data = _copy_data(tmp_path)
    (data / "exercises" / "ankle-pumps.toml").write_text("id = \n")
    f = data / "exercises" / "towel-hamstring.toml"
    f.write_text(f.read_text().replace("summary =", "sumary ="))
    with pytest.raises(CatalogueError) as err:
        catalogue.load(data)
    text = str(err.value)
    assert "exercises/ankle-pumps.toml: (file): is not valid TOML" in text
    assert (
        "exercises/towel-hamstring.toml: sumary: is not a known field (did you mean summary?)"
        in text
    )
    assert "exercises/towel-hamstring.toml: summary: is missing" in text
