"""The shared event scripts through session.js's `Run` (the player's engine) in chromium,
compared field by field with the Python engine's results (tests/core/test_engine_parity.py runs
the Python side)."""

from datetime import datetime

import pytest

from stretching import catalogue
from stretching.timeline import compile_timeline
from tests.core.test_engine_parity import (
    CLOCK_AT_START,
    SCRIPTS,
    STARTED_AT,
    play,
    summary,
    time_spent_in_steps,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The same dispatch as the Python runner: each event is a call on the engine at START + t.
PLAY_IN_PAGE = """async ({ scripts, timelines, start, startedAt }) => {
  const { Run } = await import('/static/practice/session.js');
  return scripts.map((script) => {
    const options = { waitForReady: Boolean(script.wait_for_ready) };
    const run = new Run(timelines[script.routine], start, new Date(startedAt), options);
    const probes = [];
    for (const [t, action, arg] of script.events) {
      const now = start + t;
      if (action === 'result') return { ...run.result(now), probes };
      if (action === 'probe') {
        run.update(now);
        const rep = run.repAt(now);
        probes.push([run.index, run.step.kind, rep && rep.rep, rep && rep.phase]);
      } else if (action === 'spread') run.hurt(now, { spread: true });
      else if (action === 'thigh') run.thigh(now, arg);
      else run[action](now);
    }
    return null;
  });
}"""


def _instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_the_browser_and_the_python_engine_agree_on_every_script(phone):
    phone.goto(f"{phone.base}/")  # a page of the app: the module is served by the live server
    cat = catalogue.default()
    timelines = {s["routine"]: compile_timeline(cat, s["routine"]).to_dict() for s in SCRIPTS}
    in_browser = phone.evaluate(
        PLAY_IN_PAGE,
        {
            "scripts": SCRIPTS,
            "timelines": timelines,
            "start": CLOCK_AT_START,
            "startedAt": STARTED_AT.isoformat(),
        },
    )
    assert len(in_browser) == len(SCRIPTS)
    differences = []
    for script, js in zip(SCRIPTS, in_browser, strict=True):
        py = play(script)
        assert js is not None, f"{script['name']}: the page never reached 'result'"
        assert set(js) == set(py), script["name"]
        for name in py:
            if name in ("started_at", "ended_at"):
                same = abs((_instant(js[name]) - _instant(py[name])).total_seconds()) < 0.001
            else:
                same = js[name] == py[name]
            if not same:
                differences.append(f"{script['name']}: {name}: js {js[name]!r}, py {py[name]!r}")
        assert js["practised_seconds"] == round(time_spent_in_steps(script)), script["name"]
        assert summary(js)["exercises"] == script["expect"]["exercises"], script["name"]
    assert not differences, "\n".join(differences)
