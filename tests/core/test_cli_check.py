"""`sciatica play --email` asks the safety gate before a session: the quick check in the
terminal (one key for none of these), and the same words as the web when it refuses."""

import io
from datetime import UTC, datetime, timedelta

import pytest

from stretching import catalogue, gate, rules
from stretching.cli import PersonPlan, Saved, main
from stretching.screening import EMERGENCY_HEADLINE, EMERGENCY_MESSAGE, QUESTIONS, TIER_A

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
CAT = catalogue.default()
STALE = gate.Facts(
    "given", gate.FullScreen({q.id: False for q in QUESTIONS}, NOW - timedelta(hours=2))
)


def planner(safety=STALE, recorded=None, saved=None):
    def record(ticked):
        recorded.append(list(ticked))
        answers = {q.id: q.id in ticked for q in TIER_A}
        return gate.Facts(safety.consent, safety.screen, gate.QuickCheck(answers, NOW))

    def store(result):
        saved.append(result)
        return Saved(7)

    def plan_for(email):
        return PersonPlan(
            "alice@example.org",
            rules.plan(CAT, [], [], NOW, tz=UTC),
            CAT,
            store=store,
            safety=safety,
            quick_check=record,
            clock=lambda: NOW,
        )

    return plan_for


def play(keys: str, monkeypatch, *args: str, **kw):
    monkeypatch.setattr("sys.stdin", io.StringIO(keys))
    out = io.StringIO()
    code = main(["play", "hip-flexor", *args, "--speed", "5000"], out=out, planner=planner(**kw))
    return code, out.getvalue()


def test_one_key_answers_none_of_these_and_the_session_starts(monkeypatch):
    recorded, saved = [], []
    code, text = play("\nq", monkeypatch, "--email", "a", recorded=recorded, saved=saved)
    assert code == 0
    assert text.startswith(f"{gate.NEED_QUICK_CHECK}\n\n{gate.QUICK_CHECK_QUESTION}\n")
    assert all(q.text[:40] in " ".join(text.split()) for q in TIER_A)
    assert recorded == [[]]
    assert "Saved as session 7 for alice@example.org." in text and len(saved) == 1


def test_going_through_the_questions_records_each_yes_and_a_tier_a_yes_refuses(monkeypatch, capsys):
    recorded, saved = [], []
    keys = "y" + "n" * 3 + "y" + "n" * 5  # yes to the fourth question (both legs)
    code, text = play(keys, monkeypatch, "--email", "a", recorded=recorded, saved=saved)
    assert code == 3 and recorded == [["a4"]] and saved == []
    assert f"4 of {len(TIER_A)}. {TIER_A[3].text[:30]}" in text
    err = " ".join(capsys.readouterr().err.split())
    assert err.startswith(f"sciatica: {EMERGENCY_HEADLINE} {EMERGENCY_MESSAGE}")
    assert f"You answered yes to: - {TIER_A[3].text}" in err


@pytest.mark.parametrize("keys", ["q", "", "yq"])
def test_stopping_or_no_answer_does_not_start_and_records_nothing(monkeypatch, capsys, keys):
    recorded, saved = [], []
    code, _ = play(keys, monkeypatch, "--email", "a", recorded=recorded, saved=saved)
    assert code == 3 and recorded == [] and saved == []
    assert "Not started: the quick safety check was not answered." in capsys.readouterr().err


def test_a_fresh_check_starts_without_asking_again(monkeypatch):
    fresh = gate.Facts("given", gate.FullScreen(STALE.screen.answers, NOW - timedelta(minutes=3)))
    recorded = []
    code, text = play("q", monkeypatch, "--email", "a", safety=fresh, recorded=recorded, saved=[])
    assert code == 0 and recorded == [] and gate.QUICK_CHECK_QUESTION not in text


def test_withdrawn_consent_refuses_with_the_webs_words(monkeypatch, capsys):
    withdrawn = gate.Facts("withdrawn", STALE.screen)
    code, _ = play("\n", monkeypatch, "--email", "a", safety=withdrawn, recorded=[], saved=[])
    assert code == 3
    err = capsys.readouterr().err
    assert err.startswith(f"sciatica: {gate.CONSENT_WITHDRAWN}\n")


def test_without_an_email_it_says_first_that_nothing_is_saved(monkeypatch):
    saved = []
    code, text = play("q", monkeypatch, recorded=[], saved=saved)
    assert code == 0 and saved == []
    assert text.startswith("Not saved to anyone: without --email this session is kept nowhere.")
    assert text.rstrip().endswith("Not saved.")
