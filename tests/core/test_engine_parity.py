"""The shared event scripts (tests/parity_scripts.json) through the Python session engine.

tests/browser/test_engine_parity.py runs the same scripts through session.js's `Run` in chromium
and compares its results field by field with these.
"""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from stretching import catalogue
from stretching.result import Expected, routine_plans
from stretching.session import SessionRun, parse_result
from stretching.timeline import compile_timeline

SCRIPTS = json.loads((Path(__file__).parents[1] / "parity_scripts.json").read_text())["scripts"]
CLOCK_AT_START = 5000.25
"""The engine's clock when a script starts: any monotonic reading, here not a whole second."""
STARTED_AT = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
CAT = catalogue.default()


def play(script: dict) -> dict:
    """Run one script through SessionRun; the result as posted, plus the probes' readings."""
    timeline = compile_timeline(CAT, script["routine"])
    run = SessionRun(
        timeline,
        started=CLOCK_AT_START,
        started_at=STARTED_AT,
        wait_for_ready=script.get("wait_for_ready", False),
    )
    probes = []
    for t, action, *arg in script["events"]:
        now = CLOCK_AT_START + t
        if action == "result":
            return run.result(now).to_dict() | {"probes": probes}
        if action == "probe":
            run.update(now)
            rep = run.rep_at(now)
            probes.append([run.index, run.step.kind, rep and rep.rep, rep and rep.phase])
        elif action == "spread":
            run.hurt(now, spread=True)
        elif action == "thigh":
            run.thigh(now, arg[0])
        else:
            getattr(run, action)(now)
    raise AssertionError(f"{script['name']}: the script never asks for the result")


def time_spent_in_steps(script: dict) -> float:
    """The script's own account: from the start to when the session ended, pauses taken out."""
    end = script["expect"]["ended_after"]
    paused, since = 0.0, None
    for t, action, *_ in script["events"]:
        if t >= end:
            break
        if action == "pause" and since is None:
            since = t
        elif action == "resume" and since is not None:
            paused, since = paused + t - since, None
    return end - paused - (end - since if since is not None else 0)


def summary(result: dict) -> dict:
    """The fields a script expects, in the script's compact form."""
    ended = datetime.fromisoformat(result["ended_at"].replace("Z", "+00:00"))
    started = datetime.fromisoformat(result["started_at"].replace("Z", "+00:00"))
    return {
        "completed": result["completed"],
        "ended_after": (ended - started).total_seconds(),
        "practised_seconds": result["practised_seconds"],
        "exercises": [
            [e["exercise_id"], e["outcome"], e["held_seconds"], e["side"], e["spread"]]
            for e in result["exercises"]
        ],
        "checks": [[c["side"], c["at"], c["answer"]] for c in result["checks"]],
        "probes": result["probes"],
    }


def test_the_table_covers_what_the_engines_must_agree_on():
    assert len(SCRIPTS) >= 12
    actions = {e[1] for s in SCRIPTS for e in s["events"]}
    assert actions >= {
        "pause",
        "resume",
        "next",
        "back",
        "hurt",
        "spread",
        "stop",
        "thigh",
        "ready",
    }
    # the setting that waits for "I'm in position" is played, with "ready" and without it
    waiting = [s for s in SCRIPTS if s.get("wait_for_ready")]
    assert waiting and any(e[1] == "ready" for s in waiting for e in s["events"])
    assert any(e[1] == "ready" for s in SCRIPTS if s not in waiting for e in s["events"])
    # the resting add-on's side runs past six minutes while the answer is "knee"
    assert any(
        c[0] == "left" and c[1] >= 360 and c[2] == "knee"
        for s in SCRIPTS
        if s["routine"] == "resting-add-on"
        for c in s["expect"]["checks"]
    )
    answers = {e[2] for s in SCRIPTS for e in s["events"] if e[1] == "thigh"}
    assert answers == {"knee", "middle", "top"}
    # every routine is played, and every rep-count step is probed or every Thigh Test answered
    assert {s["routine"] for s in SCRIPTS} == set(CAT.routines)
    for rid in CAT.routines:
        kinds = {s.kind for s in compile_timeline(CAT, rid).steps}
        mine = [s for s in SCRIPTS if s["routine"] == rid]
        if "reps" in kinds:
            assert any(s["expect"].get("probes") for s in mine), rid
        if "open" in kinds:
            assert any(s["expect"]["checks"] for s in mine), rid


@pytest.mark.parametrize("script", SCRIPTS, ids=[s["name"] for s in SCRIPTS])
def test_the_python_engine_plays_the_script_as_expected(script):
    result = play(script)
    got = summary(result)
    expect = script["expect"]
    assert {k: got[k] for k in expect if k != "probes"} == {
        k: v for k, v in expect.items() if k != "probes"
    }
    assert got["probes"] == expect.get("probes", [])
    assert result["practised_seconds"] == round(time_spent_in_steps(script))
    assert result["routine_id"] == script["routine"]
    started = datetime.fromisoformat(result["started_at"])
    arrived = Expected(routine_plans(CAT), first_use=started, now=started + timedelta(hours=4))
    parse_result(result | {"probes": None}, arrived)  # what the server accepts
