"""The one safety gate: which step stands between a person and a session, and its words."""

from datetime import UTC, date, datetime, timedelta

import pytest

from stretching import gate
from stretching.gate import Facts, FullScreen, QuickCheck, may_start
from stretching.screening import (
    CLINICIAN_HEADLINE,
    CLINICIAN_MESSAGE,
    EMERGENCY_HEADLINE,
    EMERGENCY_MESSAGE,
    QUESTIONS,
    QUESTIONS_BY_ID,
    TIER_A,
    forbidden_phrases_in,
)

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


def screen(*yes: str, minutes_ago: float = 5, **kw) -> FullScreen:
    answers = {q.id: q.id in yes for q in QUESTIONS}
    return FullScreen(answers, NOW - timedelta(minutes=minutes_ago), **kw)


def check(*yes: str, minutes_ago: float = 2) -> QuickCheck:
    return QuickCheck({q.id: q.id in yes for q in TIER_A}, NOW - timedelta(minutes=minutes_ago))


def facts(**kw) -> Facts:
    return Facts(**({"consent": "given", "screen": screen()} | kw))


def test_a_fresh_screen_with_no_warning_sign_opens_a_session():
    answer = may_start(facts(), NOW)
    assert answer.allowed and answer.step == "start" and answer.text == ""


def test_a_guest_needs_no_consent_only_the_questions():
    assert may_start(Facts("no-account", screen()), NOW).allowed
    answer = may_start(Facts("no-account"), NOW)
    assert (answer.step, answer.where, answer.headline) == (
        "answer-screen",
        "screen",
        "Please answer the safety questions before your first session.",
    )


@pytest.mark.parametrize(
    "consent, words",
    [
        ("withdrawn", "You have withdrawn your consent to keep health data"),
        ("not-given", "Please give your consent to keep health data"),
    ],
)
def test_without_consent_in_force_the_first_step_is_to_give_it(consent, words):
    answer = may_start(facts(consent=consent), NOW)
    assert answer.step == "give-consent" and answer.where == "consent"
    assert answer.headline.startswith(words)


def test_a_tier_a_sign_locks_with_the_emergency_wording_and_its_reason():
    answer = may_start(facts(screen=screen("a4"), quick_check=check()), NOW)
    assert answer.step == "emergency" and answer.where == "screen" and answer.warn
    assert (answer.headline, answer.message) == (EMERGENCY_HEADLINE, EMERGENCY_MESSAGE)
    assert answer.reasons == (QUESTIONS_BY_ID["a4"],)


def test_a_tier_b_sign_locks_until_a_clinician_clears_it():
    answer = may_start(facts(screen=screen("b2")), NOW)
    assert answer.step == "see-clinician"
    assert (answer.headline, answer.message) == (CLINICIAN_HEADLINE, CLINICIAN_MESSAGE)
    cleared = may_start(facts(screen=screen("b2", cleared_on=date(2026, 11, 19))), NOW)
    assert cleared.allowed


def test_a_go_ahead_never_unlocks_a_tier_a_sign():
    answer = may_start(facts(screen=screen("a1", "b2", cleared_on=date(2026, 11, 19))), NOW)
    assert answer.step == "emergency"


def test_a_screen_of_an_older_version_or_with_a_gap_counts_as_missing():
    old = screen()
    old = FullScreen(old.answers, old.answered_at, version="2020-01")
    assert may_start(facts(screen=old), NOW).step == "answer-screen"
    gap = FullScreen({"a1": False}, NOW)
    assert may_start(facts(screen=gap), NOW).step == "answer-screen"


def test_a_check_over_half_an_hour_old_asks_again():
    stale = facts(screen=screen(minutes_ago=120), quick_check=check(minutes_ago=31))
    answer = may_start(stale, NOW)
    assert (answer.step, answer.where, answer.headline) == (
        "answer-quick-check",
        "quick-check",
        "Please answer the quick safety check before this session.",
    )
    assert not answer.warn
    fresh = facts(screen=screen(minutes_ago=120), quick_check=check(minutes_ago=29))
    assert may_start(fresh, NOW).allowed


def test_a_check_opens_one_session_only():
    once = facts(screen=screen(minutes_ago=120), quick_check=check(minutes_ago=10))
    assert may_start(once, NOW).allowed
    used = Facts(**(once.__dict__ | {"last_session_at": NOW - timedelta(minutes=1)}))
    assert may_start(used, NOW).step == "answer-quick-check"
    before = Facts(**(once.__dict__ | {"last_session_at": NOW - timedelta(minutes=11)}))
    assert may_start(before, NOW).allowed


@pytest.mark.parametrize("sign, headline", [("a2", EMERGENCY_HEADLINE), ("a9", CLINICIAN_HEADLINE)])
def test_a_sign_ticked_in_the_quick_check_locks_until_it_is_answered_again(sign, headline):
    answer = may_start(facts(quick_check=check(sign)), NOW)
    assert answer.headline == headline and answer.where == "quick-check" and answer.warn
    assert answer.reasons == (QUESTIONS_BY_ID[sign],)


def test_a_quick_check_older_than_the_screen_does_not_count():
    earlier = facts(screen=screen(minutes_ago=5), quick_check=check("a2", minutes_ago=60))
    assert may_start(earlier, NOW).allowed


def test_a_worrying_check_in_asks_for_the_check_again_whatever_else_is_fresh():
    asked = facts(quick_check=check(minutes_ago=3), recheck_asked_at=NOW - timedelta(minutes=1))
    answer = may_start(asked, NOW)
    assert answer.step == "answer-quick-check" and answer.warn
    assert answer.headline.startswith("Your last check-in noted new numbness")
    after = facts(quick_check=check(minutes_ago=1), recheck_asked_at=NOW - timedelta(minutes=3))
    assert may_start(after, NOW).allowed


def test_the_plans_not_now_comes_after_the_locks_and_before_the_quick_check():
    why = "You have done 10 sessions of Relief sequence today."
    stale = facts(screen=screen(minutes_ago=120))
    assert may_start(stale, NOW, not_now=why) == gate.Answer("not-now", why)
    locked = facts(screen=screen("a3"))
    assert may_start(locked, NOW, not_now=why).step == "emergency"


def test_its_own_words_never_promise_safety_or_a_diagnosis():
    words = [
        gate.NEED_CONSENT,
        gate.CONSENT_WITHDRAWN,
        gate.NEED_SCREEN,
        gate.NEED_QUICK_CHECK,
        gate.CHECKIN_ASKS_QUICK_CHECK,
        gate.QUICK_CHECK_QUESTION,
    ]
    assert [forbidden_phrases_in(w) for w in words] == [()] * len(words)
