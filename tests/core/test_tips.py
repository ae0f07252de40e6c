"""The ten tips load in order, stay in our own words, carry the emergency signs, and bad files
are named by file and field."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stretching import catalogue, tips
from stretching.catalogue import UnknownId
from stretching.screening import TIER_A, forbidden_phrases_in
from stretching.tips import TIPS_DIR, TipsError

ROOT = Path(__file__).resolve().parents[2]
OWN_WORDS = ROOT.parent / "shared" / "tools" / "own_words.py"
SLUGS = [
    "what-sciatica-is",
    "why-these-stretches",
    "sitting",
    "lifting",
    "out-of-bed-and-car",
    "sleeping-positions",
    "walking-and-staying-active",
    "flare-up-plan",
    "building-the-habit",
    "when-to-seek-care-urgently",
]


@pytest.fixture(scope="module")
def series():
    return tips.load()


def test_it_loads_ten_tips_in_the_series_order(series):
    assert [t.number for t in series.tips] == list(range(1, 11))
    assert [t.slug for t in series.tips] == SLUGS


def test_every_tip_is_short_with_a_summary_and_something_to_try_today(series):
    for tip in series.tips:
        assert 150 <= tip.word_count() <= 300, tip.slug
        assert tip.summary.endswith(".") and tip.try_today, tip.slug
        assert tip.as_text().rstrip().endswith(tip.try_today), tip.slug


def test_related_exercises_exist_in_the_catalogue(series):
    known = catalogue.default().exercises
    linked = [eid for tip in series.tips for eid in tip.exercise_ids]
    assert linked and all(eid in known for eid in linked)


def test_the_last_tip_lists_every_emergency_sign_of_the_safety_screen(series):
    urgent = series.tip("when-to-seek-care-urgently")
    assert series.urgent is urgent
    assert [s.question for s in urgent.warning_signs] == [q.id for q in TIER_A]
    text = urgent.as_text()
    assert "seek emergency care now" in text
    assert "emergency number" in text
    # the signs follow the sentence that introduces them, before the rest of the lesson
    assert text.index("any of these:") < text.index("- New numbness") < text.index("Don't wait")
    assert all(not t.warning_signs for t in series.tips if t is not urgent)


def test_no_tip_says_what_the_product_never_says(series):
    for tip in series.tips:
        assert forbidden_phrases_in(tip.as_text() + tip.summary) == (), tip.slug


def test_previous_and_next_walk_the_series(series):
    first, second, last = series.number(1), series.number(2), series.number(10)
    assert series.previous(first) is None and series.next(first) == second
    assert series.previous(second) == first
    assert series.next(last) is None


def test_an_unknown_slug_suggests_the_close_ones(series):
    with pytest.raises(UnknownId) as err:
        series.tip("siting")
    assert err.value.suggestions[0] == "sitting"
    assert str(err.value).startswith("No tip called 'siting'. Did you mean: sitting")


def test_the_tips_repeat_no_run_of_words_from_the_source_pages():
    result = subprocess.run(
        [sys.executable, str(OWN_WORDS), "."], cwd=ROOT, capture_output=True, text=True
    )
    assert "own words:" in result.stdout or "repeat" in result.stdout, result.stderr
    flagged = [
        line
        for line in result.stdout.splitlines()
        if line.startswith(("stretching/data/tips/", "stretching/tips.py", "coach/learn/"))
    ]
    assert flagged == []


def _copy_tips(tmp_path: Path) -> Path:
    target = tmp_path / "tips"
    shutil.copytree(TIPS_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_a_broken_tip_file_names_every_problem_by_file_and_field(tmp_path):
    data = _copy_tips(tmp_path)
    sitting = data / "03-sitting.toml"
    _edit(sitting, '"seated-figure-four"', '"seated-figure-for"')
    _edit(sitting, "summary =", "sumary =")
    _edit(sitting, "the trick is to sit well", "the cure is to sit well")
    _edit(data / "04-lifting.toml", "number = 4", "number = 3")
    _edit(data / "05-out-of-bed-and-car.toml", 'slug = "out-of-bed-and-car"', 'slug = "sitting"')
    _edit(data / "10-when-to-seek-care-urgently.toml", 'question = "a4"', 'question = "a44"')
    with pytest.raises(TipsError) as err:
        tips.load(data)
    problems = [str(p) for p in err.value.problems]
    assert (
        "tips/03-sitting.toml: exercises: unknown exercise id 'seated-figure-for' "
        "(did you mean seated-figure-four?)"
    ) in problems
    assert "tips/03-sitting.toml: sumary: is not a known field (did you mean summary?)" in problems
    assert "tips/03-sitting.toml: summary: is missing" in problems
    assert "tips/03-sitting.toml: paragraphs[0]: says what the product never says: cure" in problems
    assert "tips/04-lifting.toml: number: is 3 but the file name starts with '04'" in problems
    assert "tips/04-lifting.toml: number: 3 is also used by tips/03-sitting.toml" in problems
    assert "tips/: number: no tip has number 4" in problems
    assert (
        "tips/05-out-of-bed-and-car.toml: slug: is 'sitting' but the file is named for "
        "'out-of-bed-and-car'"
    ) in problems
    assert (
        "tips/05-out-of-bed-and-car.toml: slug: 'sitting' is also used by tips/03-sitting.toml"
        in (problems)
    )
    assert (
        "tips/10-when-to-seek-care-urgently.toml: warning_signs[3].question: 'a44' is not a "
        "Tier A question (did you mean a4?)"
    ) in problems
    assert any(
        p.startswith("tips/10-when-to-seek-care-urgently.toml: warning_signs: Tier A question a4 ")
        for p in problems
    )
    assert str(err.value).startswith(f"The tips have {len(problems)} problem(s):")


def test_a_tip_too_long_or_not_toml_is_named(tmp_path):
    data = _copy_tips(tmp_path)
    _edit(
        data / "06-sleeping-positions.toml",
        "paragraphs = [",
        'paragraphs = [\n"' + "word " * 200 + '",',
    )
    (data / "07-walking-and-staying-active.toml").write_text("number = \n")
    with pytest.raises(TipsError) as err:
        tips.load(data)
    text = str(err.value)
    assert (
        "tips/06-sleeping-positions.toml: paragraphs: the tip has 434 words; "
        "keep it between 150 and 300" in text
    )
    assert "tips/07-walking-and-staying-active.toml: (file): is not valid TOML" in text
    assert "tips/: number: no tip has number 7" in text


def test_the_emergency_signs_cannot_be_dropped(tmp_path):
    data = _copy_tips(tmp_path)
    urgent = data / "10-when-to-seek-care-urgently.toml"
    text = urgent.read_text()
    urgent.write_text(
        text[: text.index("[[warning_signs]]")].replace("signs_after_paragraph = 2\n", "")
    )
    with pytest.raises(TipsError) as err:
        tips.load(data)
    assert (
        "tips/: warning_signs: exactly one tip must carry the emergency warning signs, not 0"
        in [str(p) for p in err.value.problems]
    )
