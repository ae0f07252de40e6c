"""The read commands of `sciatica`, run as a person would (a real process for exit codes)."""

import io
import json
import subprocess
import sys

import pytest

from stretching.cli import build_parser, main


def run(*args):
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


def test_routines_lists_every_routine_with_time_and_frequency():
    code, text = run("routines")
    assert code == 0
    line = next(ln for ln in text.splitlines() if ln.startswith("relief-sequence"))
    assert "Relief sequence" in line and "1 to 10 times a day" in line and "8:07" in line
    assert len(text.strip().splitlines()) == 2 + 8


def test_routines_json_has_the_totals():
    code, text = run("routines", "--json")
    rows = {r["id"]: r for r in json.loads(text)}
    assert code == 0 and rows["relief-sequence"]["total_seconds"] == 487
    # the resting add-on is told at its usual length, not its 30-minute-a-side cap
    assert rows["resting-add-on"]["usual_seconds"] < rows["resting-add-on"]["total_seconds"]


def test_exercises_table_shows_dose_and_sources():
    _, text = run("exercises")
    line = next(ln for ln in text.splitlines() if ln.startswith("hip-flexor-chair-lunge"))
    assert "3 x 20 s per side" in line and "000" in line


def test_exercise_card_shows_instructions_cautions_and_origin():
    code, text = run("exercise", "supine-butterfly")
    assert code == 0
    assert "How to do it:" in text and "Take care:" in text
    assert "from the page: hold_seconds" in text


def test_show_prints_the_compiled_timeline():
    _, text = run("show", "relief-sequence", "--json")
    data = json.loads(text)
    assert data["total_seconds"] == sum(s["duration"] for s in data["steps"])


def test_an_unknown_id_exits_2_and_suggests_close_matches():
    proc = subprocess.run(
        [sys.executable, "-m", "stretching.cli", "exercise", "buterfly"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "No exercise called 'buterfly'" in proc.stderr
    assert "supine-butterfly" in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "stretching.cli", "show", "relief"], capture_output=True, text=True
    )
    assert proc.returncode == 2 and "relief-sequence" in proc.stderr


def test_the_command_line_never_imports_django():
    code = "import sys, stretching.cli, coach.cli; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


@pytest.mark.parametrize("name", ["routines", "exercises", "exercise", "show", "play", "figure"])
def test_every_command_is_documented_with_an_example(name):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    helptext = sub.choices[name].format_help()
    assert "Example: sciatica " + name in helptext
