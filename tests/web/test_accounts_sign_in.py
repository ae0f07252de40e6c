"""Sign up with email and password (consent given on the way), sign in, sign out, rate limits,
and keeping a session played as a guest."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model

from coach.accounts.guest import GUEST_KEY
from coach.accounts.models import Consent, ScreeningResponse
from coach.practice.models import PracticeSession

from .factories import PASSWORD, all_no, make_session, make_user

pytestmark = pytest.mark.django_db
User = get_user_model()
LONDON = ZoneInfo("Europe/London")
GUEST_RESULT = {
    "routine_id": "hip-flexor",
    "started_at": "2026-11-20T08:00:00+00:00",
    "ended_at": "2026-11-20T08:03:00+00:00",
    "completed": True,
    "planned_seconds": 160,
    "practised_seconds": 160,
    "exercises": [],
}


def sign_up(client, email="new@example.org", password=PASSWORD, consent="on", **extra):
    data = {"email": email, "password": password, **extra}
    if consent:
        data["consent"] = consent
    return client.post("/account/sign-up/", data, follow=True)


def test_it_creates_an_account_with_consent_and_sends_to_the_safety_questions(client):
    response = sign_up(client, email="New@Example.org")
    text = response.content.decode()
    user = User.objects.get()
    assert user.username == user.email == "new@example.org"
    assert user.check_password(PASSWORD)
    consent = Consent.objects.get(user=user)
    assert consent.version and consent.given_at and consent.withdrawn_at is None
    assert response.redirect_chain[-1][0] == "/account/screen/"
    assert "Safety questions before you start" in text
    assert response.context["user"] == user


def test_it_refuses_sign_up_without_consent_and_saves_nothing(client):
    response = sign_up(client, consent=None)
    assert "Tick this box to create an account" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("", PASSWORD, "Please enter your email address."),
        ("not-an-email", PASSWORD, "Enter a valid email address."),
        ("new@example.org", "", "Please choose a password."),
        ("new@example.org", "short", "This password is too short."),
        ("new@example.org", "1234567890123", "This password is entirely numeric."),
        ("new@example.org", "password1234", "This password is too common."),
    ],
)
def test_it_explains_bad_sign_up_input_next_to_the_field(client, email, password, message):
    response = sign_up(client, email=email, password=password)
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_it_refuses_a_second_account_for_the_same_email_in_any_case(client):
    make_user("alice@example.org")
    response = sign_up(client, email="ALICE@example.org")
    assert "There is already an account with this email" in response.content.decode()
    assert User.objects.count() == 1


def test_it_signs_in_with_the_email_in_any_case_and_lands_on_today(client):
    make_user("alice@example.org")
    response = client.post(
        "/account/sign-in/", {"username": " Alice@Example.org ", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/today/"
    assert "<h1>Today</h1>" in response.content.decode()


def test_it_says_plainly_when_email_and_password_do_not_match(client):
    make_user("alice@example.org")
    response = client.post(
        "/account/sign-in/", {"username": "alice@example.org", "password": "wrong"}
    )
    assert "That email and password do not match an account" in response.content.decode()
    assert "_auth_user_id" not in client.session


def sign_in(client, email="alice@example.org", password=PASSWORD, address="10.0.0.1", **headers):
    return client.post(
        "/account/sign-in/",
        {"username": email, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def fail_five_times(client, email="alice@example.org", address="10.0.0.1"):
    return [sign_in(client, email, "nope", address).status_code for _ in range(5)]


def test_it_pauses_an_account_after_five_wrong_passwords_even_with_the_right_one(client):
    make_user("alice@example.org")
    assert fail_five_times(client) == [200, 200, 200, 200, 429]
    response = sign_in(client)
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username="alice@example.org").exists()


def test_it_says_until_when_sign_in_is_paused(client, time_machine):
    time_machine.move_to(datetime(2026, 11, 20, 18, 0, tzinfo=LONDON), tick=False)
    make_user("alice@example.org")
    fail_five_times(client)
    time_machine.move_to(datetime(2026, 11, 20, 18, 4, 30, tzinfo=LONDON), tick=False)
    response = sign_in(client)
    text = response.content.decode()
    assert response.status_code == 429
    assert "Signing in failed 5 times, so it is paused for this account from this network" in text
    assert "until 18:15 (in about 11 minutes)" in text
    assert "Please try again after 18:15" in text
    assert 'href="/account/password/reset/"' in text
    assert response["Retry-After"] == "630"


def test_tries_during_the_pause_do_not_extend_it(client, time_machine):
    time_machine.move_to(datetime(2026, 11, 20, 18, 0, tzinfo=LONDON), tick=False)
    make_user("alice@example.org")
    fail_five_times(client)
    time_machine.move_to(datetime(2026, 11, 20, 18, 10, tzinfo=LONDON), tick=False)
    assert "until 18:15" in sign_in(client, password="still-wrong").content.decode()
    time_machine.move_to(datetime(2026, 11, 20, 18, 15, 1, tzinfo=LONDON), tick=False)
    assert sign_in(client)["Location"] == "/today/"


def test_a_paused_account_still_signs_in_from_another_address(client):
    make_user("alice@example.org")
    fail_five_times(client, address="10.0.0.1")
    assert sign_in(client, address="10.0.0.2")["Location"] == "/today/"


def test_another_account_signs_in_from_the_address_where_one_is_paused(client):
    make_user("alice@example.org")
    make_user("bob@example.org")
    fail_five_times(client, "alice@example.org")
    assert sign_in(client, "bob@example.org")["Location"] == "/today/"


def test_an_address_failing_on_many_accounts_is_paused_for_every_account(
    client, settings, time_machine
):
    time_machine.move_to(datetime(2026, 11, 20, 9, 0, tzinfo=LONDON), tick=False)
    settings.SIGN_IN_FAILURES_PER_ADDRESS = 8
    make_user("bob@example.org")
    for n in range(4):
        for _ in range(2):
            assert sign_in(client, f"guess{n}@example.org", "nope").status_code == 200
    response = sign_in(client, "bob@example.org")
    text = response.content.decode()
    assert response.status_code == 429
    assert "Signing in from this network failed 8 times in a short while" in text
    assert "until 09:15 (in about 15 minutes)" in text
    assert "_auth_user_id" not in client.session
    assert sign_in(client, "bob@example.org", address="10.0.0.2")["Location"] == "/today/"
    time_machine.move_to(datetime(2026, 11, 20, 9, 15, 1, tzinfo=LONDON), tick=False)
    assert sign_in(client, "bob@example.org")["Location"] == "/today/"


def test_behind_the_proxy_it_counts_the_address_the_proxy_saw(client, settings):
    settings.BEHIND_PROXY = True
    make_user("alice@example.org")
    for _ in range(5):
        sign_in(client, password="nope", address="127.0.0.1", HTTP_X_REAL_IP="203.0.113.9")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"
    elsewhere = sign_in(client, address="127.0.0.1", HTTP_X_REAL_IP="198.51.100.7")
    assert elsewhere["Location"] == "/today/"


def test_without_a_proxy_a_sent_address_header_is_ignored(client):
    make_user("alice@example.org")
    for n in range(5):
        sign_in(client, password="nope", HTTP_X_REAL_IP=f"198.51.100.{n}")
    assert sign_in(client, HTTP_X_REAL_IP="198.51.100.99").status_code == 429


def test_it_signs_out_on_post_only(client):
    user = make_user()
    client.force_login(user)
    assert client.get("/account/sign-out/").status_code == 405
    response = client.post("/account/sign-out/", follow=True)
    assert "_auth_user_id" not in client.session
    assert 'href="/account/sign-in/">Sign in</a>' in response.content.decode()


def test_it_shows_the_signed_in_nav_only_to_a_signed_in_person(client):
    anonymous = client.get("/").content.decode()
    assert 'href="/account/sign-in/"' in anonymous and 'href="/today/"' not in anonymous
    client.force_login(make_user())
    signed_in = client.get("/").content.decode()
    for link in ('href="/today/"', 'href="/history/"', 'href="/account/settings/"'):
        assert link in signed_in
    assert "Sign out</button>" in client.get("/account/settings/").content.decode()


def test_it_keeps_a_session_played_as_a_guest_when_signing_up_right_after(client, time_machine):
    time_machine.move_to(datetime(2026, 11, 20, 8, 5, tzinfo=LONDON))  # just after playing
    posted = client.post(
        "/api/sessions/",
        json.dumps(GUEST_RESULT),
        content_type="application/json",
        headers={"Idempotency-Key": "guest-played-1"},
    )
    played = PracticeSession.objects.get(pk=posted.json()["id"])
    other_guest = make_session(guest_key="someone-else")
    page = client.get("/account/sign-up/").content.decode()
    assert "The 1 session you just played will be kept" in page
    response = sign_up(client)
    user = User.objects.get()
    played.refresh_from_db()
    other_guest.refresh_from_db()
    assert played.user == user and played.guest_key == ""
    assert other_guest.user is None and other_guest.guest_key == "someone-else"
    assert "The session you played as a guest is in your history now." in (
        response.content.decode()
    )


def test_it_keeps_a_guest_session_when_signing_in_right_after(client):
    user = make_user()
    session = client.session
    session[GUEST_KEY] = "guest-456"
    session.save()
    played = make_session(guest_key="guest-456")
    response = client.post(
        "/account/sign-in/", {"username": user.email, "password": PASSWORD}, follow=True
    )
    played.refresh_from_db()
    assert played.user == user
    assert "The session you played as a guest is in your history now." in (
        response.content.decode()
    )


def test_it_does_not_claim_guest_sessions_for_a_person_who_withdrew_consent(client):
    user = make_user(consent=False)
    session = client.session
    session[GUEST_KEY] = "guest-789"
    session.save()
    played = make_session(guest_key="guest-789")
    client.post("/account/sign-in/", {"username": user.email, "password": PASSWORD})
    played.refresh_from_db()
    assert played.user is None
    assert PracticeSession.objects.filter(user=user).count() == 0


def test_it_keeps_the_safety_answers_a_guest_gave_before_signing_up(client):
    client.post("/account/screen/", {qid: "no" for qid in all_no()})
    assert not ScreeningResponse.objects.exists()
    response = sign_up(client, next="/history/")
    user = User.objects.get()
    stored = ScreeningResponse.objects.get(user=user)
    assert stored.kind == "full" and stored.outcome == "clear"
    assert stored.answers == all_no()
    assert response.redirect_chain[-1][0] == "/history/"


def test_it_sends_a_signed_in_person_away_from_sign_up_and_sign_in(client):
    client.force_login(make_user())
    assert client.get("/account/sign-up/")["Location"] == "/today/"
    assert client.get("/account/sign-in/")["Location"] == "/today/"
