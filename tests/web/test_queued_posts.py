"""What the browser's outbox sends later (coach/static/coach/outbox.js): check-ins, quick safety
checks, plan changes and session results, each saved exactly once by its idempotency key, at
the time it was made, and never for anybody but the person it was made for."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from coach.accounts.models import ScreeningResponse
from coach.diary.models import CheckIn
from coach.practice.models import PlanOverride, PracticeSession
from tests.results import hip_flexor_played

from .factories import make_screen, make_session, make_user

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=ZoneInfo("Europe/London"))
TWIST = "bedside-knee-twist"
CHECKIN = {
    "leg_pain": "4",
    "back_pain": "2",
    "extent_left": "3",
    "extent_right": "0",
    "note": "after the garden",
}


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def queued(user, key: str, **extra) -> dict:
    """The headers the outbox sends with a kept item."""
    owner = f"user:{user.pk}" if user else "guest"
    return {"headers": {"X-Queued-For": owner, "Idempotency-Key": key, **extra}}


def result_body() -> dict:
    return hip_flexor_played(NOW - timedelta(minutes=10), seconds=160)


def test_it_saves_a_queued_check_in_once_at_the_time_it_was_made():
    alice = make_user()
    client = signed_in(alice)
    made = (NOW - timedelta(hours=3)).isoformat()
    kwargs = queued(alice, "checkin-key-1", **{"X-Made-At": made})
    first = client.post("/checkin/?context=after", CHECKIN, **kwargs)
    again = client.post("/checkin/?context=after", CHECKIN, **kwargs)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["next"] == "/today/"
    entry = CheckIn.objects.get()
    assert (entry.context, entry.leg_pain, entry.note) == ("after", 4, "after the garden")
    assert entry.at == NOW - timedelta(hours=3)


def test_a_check_in_form_posted_twice_with_its_hidden_key_is_saved_once():
    alice = make_user()
    client = signed_in(alice)
    form = {**CHECKIN, "idempotency_key": "form-key-123"}
    assert client.post("/checkin/", form).status_code == 302
    assert client.post("/checkin/", form).status_code == 302
    assert CheckIn.objects.count() == 1
    client.post("/checkin/", {**form, "idempotency_key": ""})  # no key: a new check-in
    assert CheckIn.objects.count() == 2


def test_one_key_from_two_people_makes_two_check_ins():
    alice, bob = make_user(), make_user("bob@example.org")
    signed_in(alice).post("/checkin/", CHECKIN, **queued(alice, "shared-key-1"))
    signed_in(bob).post("/checkin/", CHECKIN, **queued(bob, "shared-key-1"))
    assert sorted(CheckIn.objects.values_list("user__email", flat=True)) == [
        "alice@example.org",
        "bob@example.org",
    ]


def test_a_bad_queued_check_in_gets_a_json_error_naming_the_problem_and_saves_nothing():
    alice = make_user()
    answer = signed_in(alice).post(
        "/checkin/", {**CHECKIN, "leg_pain": "11"}, **queued(alice, "bad-checkin-1")
    )
    assert answer.status_code == 400
    assert "leg pain must be a whole number from 0 to 10" in answer.json()["error"]
    assert not CheckIn.objects.exists()


def test_a_queued_item_without_a_usable_key_is_refused():
    alice = make_user()
    answer = signed_in(alice).post("/checkin/", CHECKIN, **queued(alice, "no spaces allowed"))
    assert answer.status_code == 400
    assert "idempotency key" in answer.json()["error"]
    assert not CheckIn.objects.exists()


def test_a_made_at_far_in_the_past_or_the_future_is_replaced_by_now():
    alice = make_user()
    client = signed_in(alice)
    for key, made in [("old-key-123", "2020-01-01T08:00:00+00:00"), ("future-key-1", "2099-01-01")]:
        client.post("/checkin/", CHECKIN, **queued(alice, key, **{"X-Made-At": made}))
    assert [c.at for c in CheckIn.objects.all()] == [NOW, NOW]


@pytest.mark.parametrize(
    "url, body",
    [
        ("/checkin/", CHECKIN),
        ("/account/check/", {"none": "1"}),
        (f"/plan/{TWIST}/resume/", {}),
    ],
)
def test_an_item_queued_for_another_person_is_refused_with_409_and_nothing_is_saved(url, body):
    alice, bob = make_user(), make_user("bob@example.org")
    answer = signed_in(bob).post(url, body, **queued(alice, "alices-item-1"))
    assert answer.status_code == 409
    assert "another account" in answer.json()["error"]
    assert answer.json()["owner"] == "mismatch"
    assert not CheckIn.objects.exists()
    assert not ScreeningResponse.objects.filter(kind="recheck").exists()
    assert not PlanOverride.objects.exists()


def test_a_session_queued_by_a_guest_is_not_saved_for_the_person_who_signed_in_since():
    bob = make_user("bob@example.org")
    answer = signed_in(bob).post(
        "/api/sessions/",
        result_body(),
        content_type="application/json",
        **queued(None, "guest-session-1"),
    )
    assert answer.status_code == 409
    assert not PracticeSession.objects.exists()


def test_a_session_queued_by_a_person_is_refused_once_they_signed_out():
    alice = make_user()
    answer = Client().post(
        "/api/sessions/",
        result_body(),
        content_type="application/json",
        **queued(alice, "alices-session-1"),
    )
    assert answer.status_code == 409
    assert not PracticeSession.objects.exists()


def test_a_session_queued_by_its_owner_is_saved_once():
    alice = make_user()
    client = signed_in(alice)
    kwargs = queued(alice, "alices-session-2")
    first = client.post("/api/sessions/", result_body(), content_type="application/json", **kwargs)
    again = client.post("/api/sessions/", result_body(), content_type="application/json", **kwargs)
    assert (first.status_code, again.status_code) == (201, 200)
    assert PracticeSession.objects.get().user == alice


def test_a_quick_check_answered_offline_is_kept_once_with_its_meaning():
    alice = make_user(screened=False)
    make_screen(alice, at=NOW - timedelta(days=2))
    client = signed_in(alice)
    made = (NOW - timedelta(minutes=40)).isoformat()
    kwargs = queued(alice, "recheck-key-1", **{"X-Made-At": made})
    first = client.post("/account/check/", {"ticked": ["a1"], "some": "1"}, **kwargs)
    again = client.post("/account/check/", {"ticked": ["a1"], "some": "1"}, **kwargs)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["status"] == "emergency" and first.json()["locked"] is True
    kept = ScreeningResponse.objects.get(kind="recheck")
    assert (kept.outcome, kept.answered_at) == ("emergency", NOW - timedelta(minutes=40))
    # the server's gate now stands in front of the player for this person
    assert client.get("/routines/hip-flexor/play/").status_code == 302


def test_a_guests_quick_check_is_kept_once_in_their_browser_session():
    client = Client()
    kwargs = queued(None, "guest-recheck-1")
    assert client.post("/account/check/", {"none": "1"}, **kwargs).status_code == 201
    assert client.post("/account/check/", {"none": "1"}, **kwargs).status_code == 200
    assert client.session["recheck"]["key"] == "guest-recheck-1"


def test_an_older_offline_quick_check_does_not_replace_a_guests_later_answer():
    client = Client()
    client.post("/account/check/", {"none": "1"}, **queued(None, "later-check-1"))
    made = (NOW - timedelta(hours=1)).isoformat()
    client.post(
        "/account/check/",
        {"ticked": ["a4"], "some": "1"},
        **queued(None, "earlier-check", **{"X-Made-At": made}),
    )
    assert client.session["recheck"]["key"] == "later-check-1"


def test_a_plan_change_made_offline_is_saved_once_and_answers_where_to_go_next():
    alice = make_user()
    make_session(alice, started_at=NOW - timedelta(days=1), hurt=(TWIST,))
    client = signed_in(alice)
    kwargs = queued(alice, "override-key-1")
    first = client.post(f"/plan/{TWIST}/resume/", {"next": "/today/"}, **kwargs)
    again = client.post(f"/plan/{TWIST}/resume/", {"next": "/today/"}, **kwargs)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["next"] == "/today/"
    assert PlanOverride.objects.filter(user=alice, action="resume").count() == 1
