"""The safety screen through the pages: every question, Tier A locks with the emergency
message, Tier B locks until a clinician's go-ahead, the quick check before each session."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from coach.accounts.guest import GUEST_KEY
from coach.accounts.models import ScreeningResponse
from stretching.gate import CONSENT_WITHDRAWN
from stretching.screening import (
    CLINICIAN_HEADLINE,
    EMERGENCY_HEADLINE,
    EMERGENCY_MESSAGE,
    QUESTIONS,
    SCREEN_VERSION,
    TIER_A,
    TIER_B,
    TIERS,
    forbidden_phrases_in,
)

from .factories import make_consent, make_recheck, make_screen, make_session, make_user

pytestmark = pytest.mark.django_db
PLAY = "/routines/relief-sequence/play/"


def answers(*yes: str) -> dict[str, str]:
    return {q.id: "yes" if q.id in yes else "no" for q in QUESTIONS}


def gate(client, user=None, next_url=PLAY):
    """Open the player as `client` (signed in as `user`, if given): (allowed, the message
    shown, where it sends the person)."""
    response = client.get(next_url)
    if response.status_code == 200:
        return True, "", next_url
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    return False, " ".join(shown), response["Location"]


def main_text(response) -> str:
    html = response.content.decode()
    return re.search(r"<main.*?</main>", html, re.S).group(0)


def answer_screen(client, *yes: str, **extra):
    return client.post("/account/screen/", answers(*yes) | extra, follow=True)


@pytest.mark.parametrize("question", [q for q in TIER_A if q.id != "a9"], ids=lambda q: q.id)
def test_it_locks_routines_with_the_emergency_message_for_each_tier_a_sign(client, question):
    user = make_user(screened=False)
    client.force_login(user)
    response = answer_screen(client, question.id, next=PLAY)
    text = main_text(response)
    assert EMERGENCY_HEADLINE in text and EMERGENCY_MESSAGE in text
    assert question.text in text
    assert "Go on</a>" not in text
    stored = ScreeningResponse.objects.get(user=user)
    assert stored.outcome == "emergency" and stored.answers[question.id] is True
    assert stored.screen_version == SCREEN_VERSION
    assert sum(stored.answers.values()) == 1 and len(stored.answers) == len(QUESTIONS)
    allowed, message, url = gate(client, user)
    assert not allowed and message == EMERGENCY_HEADLINE
    today = client.get("/today/").content.decode()
    assert EMERGENCY_HEADLINE in today


def test_it_treats_a_new_change_in_sex_life_alone_as_a_tier_b_sign(client):
    user = make_user(screened=False)
    client.force_login(user)
    text = main_text(answer_screen(client, "a9"))
    assert CLINICIAN_HEADLINE in text and EMERGENCY_HEADLINE not in text
    assert not gate(client, user)[0]


def test_it_treats_a_change_in_sex_life_with_another_tier_a_sign_as_an_emergency(client):
    user = make_user(screened=False)
    client.force_login(user)
    text = main_text(answer_screen(client, "a9", "a2"))
    assert EMERGENCY_HEADLINE in text


@pytest.mark.parametrize("question", TIER_B, ids=lambda q: q.id)
def test_it_locks_routines_for_each_tier_b_sign_until_a_clinician_clears(client, question):
    user = make_user(screened=False)
    client.force_login(user)
    text = main_text(answer_screen(client, question.id, next=PLAY))
    assert CLINICIAN_HEADLINE in text and question.text in text
    assert "After you have seen a clinician" in text
    assert not gate(client, user)[0]

    day = timezone.localdate() - timedelta(days=1)
    response = client.post(
        "/account/screen/cleared/",
        {"confirm": "on", "cleared_on": day.isoformat(), "next": PLAY},
        follow=True,
    )
    text = main_text(response)
    assert "Routines unlocked with your clinician" in text
    assert f"{day.day} {day:%B %Y}" in text
    assert f'href="{PLAY}"' in text
    stored = ScreeningResponse.objects.get(user=user)
    assert stored.cleared_on == day and stored.cleared_recorded_at is not None
    assert stored.outcome == "see-clinician"
    assert gate(client, user) == (True, "", PLAY)


def test_it_refuses_a_go_ahead_without_the_tick_or_with_a_future_day(client):
    user = make_user(screened=False)
    client.force_login(user)
    answer_screen(client, "b1")
    future = timezone.localdate() + timedelta(days=3)
    text = client.post(
        "/account/screen/cleared/", {"cleared_on": future.isoformat()}
    ).content.decode()
    assert "Tick this box only if a clinician has cleared you." in text
    assert "That day is in the future" in text
    assert ScreeningResponse.objects.get(user=user).cleared_on is None
    assert not gate(client, user)[0]


def test_it_never_lets_a_go_ahead_unlock_a_tier_a_sign(client):
    user = make_user(screened=False)
    client.force_login(user)
    answer_screen(client, "a1", "b1")
    response = client.post(
        "/account/screen/cleared/",
        {"confirm": "on", "cleared_on": date.today().isoformat()},
        follow=True,
    )
    assert "There is nothing for a clinician" in response.content.decode()
    assert ScreeningResponse.objects.get(user=user).cleared_on is None
    assert gate(client, user)[1] == EMERGENCY_HEADLINE


def test_it_asks_for_every_answer_and_saves_nothing_when_one_is_missing(client):
    user = make_user(screened=False)
    client.force_login(user)
    data = answers()
    del data["a3"], data["b7"]
    data["b2"] = "maybe"
    text = client.post("/account/screen/", data).content.decode()
    assert "3 still need a yes or a no" in text
    assert text.count("Please answer yes or no.") == 3
    assert re.search(r'class="question field-error" id="q-a3"', text)
    assert not ScreeningResponse.objects.exists()


def none_of_these(*tiers: str, **answered: str) -> dict[str, str]:
    """The form as posted when `tiers`' "None of these apply to me" boxes are ticked."""
    return {f"none_{tier.lower()}": "on" for tier in tiers} | answered


def test_none_of_these_answers_every_question_of_its_group_no(client):
    user = make_user(screened=False)
    client.force_login(user)
    response = client.post("/account/screen/", none_of_these("A", "B", next=PLAY), follow=True)
    assert "You can go on to the routines" in main_text(response)
    stored = ScreeningResponse.objects.get(user=user)
    assert stored.answers == {q.id: False for q in QUESTIONS} and stored.outcome == "clear"
    assert gate(client, user) == (True, "", PLAY)


def test_none_of_these_keeps_a_yes_and_locks_on_a_tier_a_sign(client):
    user = make_user(screened=False)
    client.force_login(user)
    text = main_text(answer_screen(client, "a2", none_a="on", none_b="on"))
    assert EMERGENCY_HEADLINE in text and TIER_A[1].text in text
    stored = ScreeningResponse.objects.get(user=user)
    assert stored.outcome == "emergency" and stored.answers["a2"] is True
    assert gate(client, user)[1] == EMERGENCY_HEADLINE


def test_none_of_these_keeps_a_yes_and_asks_to_see_a_clinician_on_a_tier_b_sign(client):
    client.force_login(make_user(screened=False))
    posted = none_of_these("A", "B", b3="yes")
    text = main_text(client.post("/account/screen/", posted, follow=True))
    assert CLINICIAN_HEADLINE in text and TIER_B[2].text in text
    assert "After you have seen a clinician" in text


def test_it_refuses_a_group_left_unanswered_and_names_each_of_its_questions(client):
    user = make_user(screened=False)
    client.force_login(user)
    response = client.post("/account/screen/", none_of_these("A", b1="no"))
    text = main_text(response)
    assert "Please answer every question: 9 still need a yes or a no" in text
    summary = text.split('id="error-summary"')[1].split("</div>")[0]
    for q in TIER_B[1:]:
        assert f'<a href="#id_{q.id}_0">{q.text}</a>' in summary
        assert f'id="id_{q.id}_0"' in text  # the link lands on the question's first answer
    assert TIER_B[0].text not in summary and TIER_A[0].text not in summary
    assert not ScreeningResponse.objects.exists()


def test_it_keeps_the_single_questions_and_one_none_of_these_box_per_group(client):
    text = main_text(client.get("/account/screen/"))
    group_a = text.split('id="group-a"')[1].split('id="group-b"')[0]
    group_b = text.split('id="group-b"')[1].split("</form>")[0]
    for tier, group in (("a", group_a), ("b", group_b)):
        assert group.count('type="checkbox"') == 1 and f'name="none_{tier}"' in group
        assert "None of these apply to me" in group
        for q in TIERS[tier.upper()]:
            assert f'name="{q.id}" value="yes"' in group and f'name="{q.id}" value="no"' in group
    assert text.index("Signs that need care straight away") < text.index('name="none_a"')
    assert text.index(TIER_A[-1].text) < text.index('name="none_a"') < text.index(TIER_B[0].text)
    assert "checked" not in text


def test_its_result_leads_straight_into_the_routine_the_person_came_from(client):
    answer_screen(client, next=PLAY)
    text = main_text(client.get(f"/account/screen/?next={PLAY}"))
    start = f'<a class="btn btn-primary btn-big" href="{PLAY}">Start relief sequence</a>'
    assert start in text
    assert text.index(start) < text.index("Answer the questions again")
    assert text.count("btn-primary") == 1
    elsewhere = main_text(client.get("/account/screen/?next=/learn/"))
    assert '<a class="btn btn-primary btn-big" href="/learn/">Go on</a>' in elsewhere
    unknown = main_text(client.get("/account/screen/?next=/routines/nope/play/"))
    assert ">Go on</a>" in unknown


def test_it_unlocks_routines_when_no_warning_sign_is_reported(client):
    user = make_user(screened=False)
    client.force_login(user)
    allowed, message, url = gate(client, user)
    assert not allowed
    assert message == "Please answer the safety questions before your first session."
    assert url == f"/account/screen/?next={PLAY.replace('/', '%2F')}"
    text = main_text(answer_screen(client, next=PLAY))
    assert "You can go on to the routines" in text and f'href="{PLAY}"' in text
    assert gate(client, user) == (True, "", PLAY)


def test_it_keeps_a_guests_answers_in_the_session_only(client):
    text = main_text(answer_screen(client, "b4"))
    assert CLINICIAN_HEADLINE in text
    assert "kept only on this device" in client.get("/account/screen/?again=1").content.decode()
    assert not ScreeningResponse.objects.exists()
    assert not gate(client)[0]
    client.post(
        "/account/screen/cleared/", {"confirm": "on", "cleared_on": date.today().isoformat()}
    )
    assert gate(client) == (True, "", PLAY)
    assert not ScreeningResponse.objects.exists()


def test_it_stores_nothing_in_the_database_after_consent_is_withdrawn(client):
    user = make_user(consent=False, screened=False)
    make_consent(user, withdrawn=True)
    client.force_login(user)
    text = client.get("/account/screen/").content.decode()
    assert "You have withdrawn consent" in text
    answer_screen(client)
    client.post("/account/check/", {"none": "1"})
    assert not ScreeningResponse.objects.filter(user=user).exists()
    # No session starts for the account until consent is given again, in either door.
    allowed, message, url = gate(client, user)
    assert not allowed and message == CONSENT_WITHDRAWN
    assert url == f"/account/consent/?next={PLAY.replace('/', '%2F')}"


def test_it_shows_a_person_only_their_own_answers(client):
    owner = make_user("owner@example.org", screened=False)
    make_screen(owner, yes=("a1",))
    client.force_login(make_user("stranger@example.org", screened=False))
    text = client.get("/account/screen/").content.decode()
    assert EMERGENCY_HEADLINE not in text
    assert "Safety questions before you start" in text


def test_it_offers_to_answer_again_and_the_latest_answers_count(client):
    user = make_user(screened=False)
    client.force_login(user)
    answer_screen(client, "b2")
    form = client.get("/account/screen/?again=1").content.decode()
    assert "Safety questions before you start" in form
    answer_screen(client)
    assert ScreeningResponse.objects.filter(user=user).count() == 2
    assert gate(client, user)[0]


# --- the quick check before each session -------------------------------------------------


def test_it_shows_none_of_these_as_the_big_easy_answer_on_one_screen(client):
    client.force_login(make_user())
    text = main_text(client.get(f"/account/check/?next={PLAY}"))
    assert re.search(r'class="btn btn-primary btn-big"[^>]*>None of these<', text)
    for q in TIER_A:
        assert q.text in text
    for q in TIER_B:
        assert q.text not in text


def test_it_lets_the_session_start_after_none_of_these(client, time_machine):
    user = make_user()
    client.force_login(user)
    time_machine.move_to(timezone.now() + timedelta(hours=2))
    assert gate(client, user) == (
        False,
        "Please answer the quick safety check before this session.",
        f"/account/check/?next={PLAY.replace('/', '%2F')}",
    )
    response = client.post(f"/account/check/?next={PLAY}", {"none": "1", "next": PLAY})
    assert response["Location"] == PLAY
    stored = ScreeningResponse.objects.get(user=user, kind="recheck")
    assert stored.outcome == "clear" and set(stored.answers) == {q.id for q in TIER_A}
    assert not any(stored.answers.values())
    assert gate(client, user) == (True, "", PLAY)


@pytest.mark.parametrize("question", TIER_A, ids=lambda q: q.id)
def test_it_blocks_the_session_when_anything_is_ticked(client, question):
    user = make_user()
    client.force_login(user)
    response = client.post("/account/check/", {"ticked": [question.id], "some": "1", "next": PLAY})
    text = main_text(response)
    assert "Today's session will not start." in text
    assert question.text in text
    headline = CLINICIAN_HEADLINE if question.id == "a9" else EMERGENCY_HEADLINE
    assert headline in text
    stored = ScreeningResponse.objects.get(user=user, kind="recheck")
    assert stored.answers[question.id] is True and stored.outcome != "clear"
    allowed, message, url = gate(client, user)
    assert not allowed and message == headline and url.startswith("/account/check/")


def test_it_believes_a_tick_over_the_none_of_these_button(client):
    user = make_user()
    client.force_login(user)
    text = main_text(client.post("/account/check/", {"ticked": ["a4"], "none": "1"}))
    assert EMERGENCY_HEADLINE in text
    assert not gate(client, user)[0]


def test_it_asks_again_for_the_next_session(client):
    user = make_user()
    client.force_login(user)
    make_recheck(user)
    assert gate(client, user)[0]
    make_session(user)  # the session that check opened has been played and saved
    assert gate(client, user)[1] == "Please answer the quick safety check before this session."


def test_it_asks_again_when_the_check_is_over_half_an_hour_old(client, time_machine):
    user = make_user()
    client.force_login(user)
    time_machine.move_to(timezone.now() + timedelta(minutes=5))
    make_recheck(user)
    time_machine.move_to(timezone.now() + timedelta(minutes=31))
    assert not gate(client, user)[0]


def test_it_lets_a_guest_take_the_quick_check_without_storing_it(client):
    answer_screen(client)
    session = client.session
    session[GUEST_KEY] = "guest-1"
    session.save()
    make_session(guest_key="guest-1")
    assert not gate(client)[0]
    response = client.post("/account/check/", {"none": "1", "next": PLAY})
    assert response["Location"] == PLAY
    assert gate(client) == (True, "", PLAY)
    assert not ScreeningResponse.objects.exists()


def test_it_ignores_a_next_address_on_another_site(client):
    client.force_login(make_user())
    response = client.post("/account/check/", {"none": "1", "next": "https://evil.example/"})
    assert response["Location"] == "/today/"


@pytest.mark.parametrize("yes", [(), ("a1",), ("b1",), ("a9",)])
def test_its_pages_never_promise_safety_or_a_diagnosis(client, yes):
    client.force_login(make_user(screened=False))
    assert forbidden_phrases_in(main_text(client.get("/account/screen/"))) == ()
    assert forbidden_phrases_in(main_text(answer_screen(client, *yes))) == ()
    assert forbidden_phrases_in(main_text(client.get("/account/check/"))) == ()
    ticked = [q for q in yes if q.startswith("a")]
    checked = client.post("/account/check/", {"ticked": ticked, "none": "1"}, follow=True)
    assert forbidden_phrases_in(main_text(checked)) == ()
