"""The safety screen: each warning sign locks routines with the right message."""

from __future__ import annotations

from datetime import date

import pytest

from stretching.screening import (
    CLEAR_HEADLINE,
    CLINICIAN_HEADLINE,
    EMERGENCY_HEADLINE,
    EMERGENCY_MESSAGE,
    FORBIDDEN_PHRASES,
    QUESTIONS,
    SCREEN_VERSION,
    TIER_A,
    TIER_B,
    ScreenResult,
    evaluate,
    forbidden_phrases_in,
    recheck,
    unanswered,
    with_none_of,
)

TIER_A_ALONE_IDS = [q.id for q in TIER_A if q.id != "a9"]
TIER_B_IDS = [q.id for q in TIER_B]


def answers(*yes: str) -> dict[str, bool]:
    return {q.id: q.id in yes for q in QUESTIONS}


def assert_emergency(result: ScreenResult) -> None:
    assert result.status == "emergency"
    assert result.locked
    assert result.headline == EMERGENCY_HEADLINE
    assert "emergency department" in result.message
    assert "call your local emergency number" in result.message


def test_it_has_nine_tier_a_and_ten_tier_b_questions() -> None:
    assert [q.id for q in TIER_A] == [f"a{i}" for i in range(1, 10)]
    assert [q.id for q in TIER_B] == [f"b{i}" for i in range(1, 11)]
    assert {q.tier for q in TIER_A} == {"A"} and {q.tier for q in TIER_B} == {"B"}
    assert SCREEN_VERSION == "2026-11"


@pytest.mark.parametrize("qid", TIER_A_ALONE_IDS)
def test_it_locks_with_the_emergency_message_for_each_tier_a_sign(qid: str) -> None:
    result = evaluate(answers(qid))
    assert_emergency(result)
    assert [q.id for q in result.reasons] == [qid]


@pytest.mark.parametrize("qid", TIER_A_ALONE_IDS)
def test_it_keeps_tier_a_locked_even_with_a_clinician_clearance(qid: str) -> None:
    result = evaluate(answers(qid, "b1"), cleared_on=date(2026, 11, 2))
    assert_emergency(result)


@pytest.mark.parametrize("qid", TIER_B_IDS)
def test_it_locks_each_tier_b_sign_until_a_clinician_clears(qid: str) -> None:
    result = evaluate(answers(qid))
    assert result.status == "see-clinician"
    assert result.locked
    assert result.headline == CLINICIAN_HEADLINE
    assert "until you confirm that a clinician has cleared you" in result.message
    assert [q.id for q in result.reasons] == [qid]


@pytest.mark.parametrize("qid", TIER_B_IDS)
def test_it_unlocks_each_tier_b_sign_once_cleared(qid: str) -> None:
    result = evaluate(answers(qid), cleared_on=date(2026, 11, 2))
    assert result.status == "cleared-by-clinician"
    assert not result.locked
    assert "2 November 2026" in result.message
    assert [q.id for q in result.reasons] == [qid]


def test_it_counts_a9_alone_as_tier_b() -> None:
    result = evaluate(answers("a9"))
    assert result.status == "see-clinician"
    assert result.locked
    assert [q.id for q in result.reasons] == ["a9"]
    cleared = evaluate(answers("a9"), cleared_on=date(2026, 11, 2))
    assert cleared.status == "cleared-by-clinician"


@pytest.mark.parametrize("other", TIER_A_ALONE_IDS)
def test_it_counts_a9_with_another_tier_a_sign_as_emergency(other: str) -> None:
    result = evaluate(answers("a9", other))
    assert_emergency(result)
    assert {q.id for q in result.reasons} == {"a9", other}


def test_it_is_clear_and_unlocked_when_every_answer_is_no() -> None:
    result = evaluate(answers())
    assert result == ScreenResult("clear", (), CLEAR_HEADLINE, result.message, locked=False)
    assert "seek care" in result.message


def test_it_ignores_a_clearance_when_nothing_needed_one() -> None:
    assert evaluate(answers(), cleared_on=date(2026, 11, 2)).status == "clear"


def test_it_names_the_unanswered_questions() -> None:
    partial = answers()
    del partial["a3"], partial["b10"]
    with pytest.raises(ValueError, match=r"Unanswered questions: a3, b10$"):
        evaluate(partial)


def test_none_of_these_answers_every_open_question_of_its_tier_no() -> None:
    filled = with_none_of({}, ["A"])
    assert [q.id for q in unanswered(filled)] == TIER_B_IDS
    assert evaluate(with_none_of(filled, ["B"])).status == "clear"
    assert evaluate(with_none_of({}, ["A", "B"])) == evaluate(answers())


def test_none_of_these_never_turns_a_yes_into_a_no() -> None:
    filled = with_none_of({"a2": True, "b4": None}, ["A", "B"])
    assert filled["a2"] is True and filled["b4"] is False
    assert_emergency(evaluate(filled))
    assert evaluate(with_none_of({"b7": True}, ["A", "B"])).status == "see-clinician"


def test_none_of_these_leaves_the_other_tier_unanswered_and_refuses_unknown_tiers() -> None:
    with pytest.raises(ValueError, match=r"Unanswered questions: b1, b2, .*b10$"):
        evaluate(with_none_of({}, ["A"]))
    with pytest.raises(ValueError, match="Unknown tiers: C"):
        with_none_of({}, ["C"])  # type: ignore[list-item]


def test_it_refuses_an_empty_set_of_answers() -> None:
    with pytest.raises(ValueError) as error:
        evaluate({})
    assert all(q.id in str(error.value) for q in QUESTIONS)


def test_it_refuses_unknown_ids_and_non_boolean_answers() -> None:
    with pytest.raises(ValueError, match="Unknown question ids: a10"):
        evaluate({**answers(), "a10": True})
    with pytest.raises(ValueError, match="yes or no.*b2"):
        evaluate({**answers(), "b2": "no"})  # type: ignore[dict-item]


@pytest.mark.parametrize("qid", TIER_A_ALONE_IDS)
def test_it_blocks_the_session_when_a_recheck_sign_is_ticked(qid: str) -> None:
    assert_emergency(recheck([qid]))


def test_it_blocks_the_session_when_only_a9_is_ticked_at_recheck() -> None:
    result = recheck(["a9"])
    assert result.locked
    assert result.status == "see-clinician"
    assert_emergency(recheck(["a9", "a4"]))


def test_it_lets_the_session_start_when_nothing_is_ticked_at_recheck() -> None:
    result = recheck([])
    assert result.status == "clear"
    assert not result.locked
    assert result.reasons == ()
    assert "seek care" in result.message


def test_it_refuses_a_tier_b_id_at_recheck() -> None:
    with pytest.raises(ValueError, match="Not a re-check question: b1"):
        recheck(["b1"])


def all_results() -> list[ScreenResult]:
    results = [evaluate(answers()), recheck([]), recheck(["a9"])]
    for q in QUESTIONS:
        results.append(evaluate(answers(q.id)))
        results.append(evaluate(answers(q.id), cleared_on=date(2026, 11, 2)))
    return results


def test_it_never_uses_a_forbidden_phrase() -> None:
    texts = [q.text for q in QUESTIONS] + [q.help for q in QUESTIONS if q.help]
    for result in all_results():
        texts += [result.headline, result.message]
    for text in texts:
        lowered = text.lower()
        assert forbidden_phrases_in(text) == (), text
        for phrase in FORBIDDEN_PHRASES:
            assert f" {phrase} " not in f" {lowered} ", (phrase, text)


def test_it_catches_forbidden_phrases_in_any_case() -> None:
    assert forbidden_phrases_in("You are SAFE, serious causes Ruled Out.") == ("safe", "ruled out")
    assert forbidden_phrases_in("Please seek care.") == ()


def test_it_only_ever_escalates_in_its_results() -> None:
    for result in all_results():
        if result.locked:
            assert "stop" in result.headline.lower()
        assert "seek" in result.message or "see a clinician" in result.message


def test_it_asks_every_question_as_a_short_question() -> None:
    for q in QUESTIONS:
        assert q.text.endswith("?"), q.id
        assert len(q.text) <= 140, q.id
        assert "you" in q.text.lower(), q.id
        assert q.help is None or (q.help.endswith(".") and q.help.count(". ") == 0), q.id


def test_it_explains_the_saddle_area() -> None:
    a1 = TIER_A[0]
    assert "saddle area" in a1.text
    assert a1.help is not None and "between your legs" in a1.help
    assert EMERGENCY_MESSAGE.startswith("Please")
