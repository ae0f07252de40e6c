"""Routine, exercise and player pages, and the results endpoint, through Django's client."""

import json
from datetime import UTC, datetime

import pytest

from coach.accounts.guest import GUEST_KEY
from coach.practice.models import PracticeSession
from stretching.screening import QUESTIONS_BY_ID
from tests.results import hip_flexor_played

pytestmark = pytest.mark.django_db

RESULT = hip_flexor_played(datetime(2026, 11, 20, 8, tzinfo=UTC), seconds=180)


@pytest.fixture(autouse=True)
def _results_arrive_just_after_they_were_played(time_machine):
    time_machine.move_to(datetime(2026, 11, 20, 8, 5, tzinfo=UTC))


def post(client, body, key="k-0001-abcd"):
    return client.post(
        "/api/sessions/",
        json.dumps(body),
        content_type="application/json",
        headers={"Idempotency-Key": key},
    )


def test_the_routine_page_lists_exercises_in_order_with_doses_and_a_start_button(client):
    text = client.get("/routines/relief-sequence/").content.decode()
    names = [
        "Standing buttock squeeze",
        "Pillow squeeze",
        "Seated knee twist on the bed",
        "Lying butterfly stretch",
        "Standing thigh stretch",
    ]
    positions = [text.index(n) for n in names]
    assert positions == sorted(positions)
    assert "8:07" in text and 'href="/routines/relief-sequence/play/"' in text
    assert "Of that, 5:32 goes to the stretches themselves" in text  # the pages say "about 7"
    assert "1 x 30 s per side" in text or "30 s per side" in text
    assert "<details>" in text and "How to do it" in text


def test_an_unknown_routine_is_a_404_that_suggests_the_close_one(client):
    response = client.get("/routines/relief-sequenc/")
    assert response.status_code == 404
    assert "No routine called &#x27;relief-sequenc&#x27;. Did you mean: relief-sequence?" in (
        response.content.decode()
    )


def test_the_exercise_page_says_where_the_dose_came_from(client):
    text = client.get("/exercises/hip-flexor-chair-lunge/").content.decode()
    assert "Source page: 000" in text
    assert "The page gives the" in text and "Take care" in text


def test_the_player_sends_a_person_who_has_not_answered_the_safety_questions_there(client):
    response = client.get("/routines/relief-sequence/play/", follow=True)
    assert "Safety questions before you start" in response.content.decode()
    assert "Please answer the safety questions before your first session." in (
        response.content.decode()
    )


def _screened(client):
    answers = {qid: "no" for qid in QUESTIONS_BY_ID}
    client.post("/account/screen/", answers)


def test_the_player_page_carries_the_compiled_timeline(client):
    _screened(client)
    response = client.get("/routines/relief-sequence/play/")
    text = response.content.decode()
    raw = text.split('id="player-data" type="application/json">')[1].split("</script>")[0]
    data = json.loads(raw)
    assert data["timeline"]["total_seconds"] == 487
    assert data["exercises"]["supine-butterfly"]["figure"] == "/figures/supine-butterfly.svg"
    assert "csrftoken" in response.cookies


def test_a_guest_result_is_saved_once_under_the_guests_key(client):
    first = post(client, RESULT)
    again = post(client, RESULT)
    assert (first.status_code, first.json()["created"]) == (201, True)
    assert (again.status_code, again.json()["created"]) == (200, False)
    session = PracticeSession.objects.get()
    assert session.user is None and session.guest_key == client.session[GUEST_KEY]
    assert [o.exercise_id for o in session.outcomes.all()] == ["hip-flexor-chair-lunge"]


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"practised_seconds": -1}, "practised_seconds", "must be a whole number"),
        ({"routine_id": "nope"}, "routine_id", "routine_id must be one of back-and-hip"),
        ({"ended_at": "yesterday"}, "ended_at", "ended_at must be an ISO 8601 date"),
        (
            {"exercises": [{"exercise_id": "x"}]},
            "exercises[0].exercise_id",
            "must be a stretch in hip-flexor (hip-flexor-chair-lunge), not 'x'",
        ),
    ],
)
def test_a_bad_result_is_refused_with_a_reason_and_saves_nothing(client, change, field, message):
    response = post(client, RESULT | change)
    assert response.status_code == 400 and message in response.json()["error"]
    assert response.json()["field"] == field
    assert PracticeSession.every.count() == 0


def test_a_result_without_an_idempotency_key_is_refused(client):
    response = client.post("/api/sessions/", json.dumps(RESULT), content_type="application/json")
    assert response.status_code == 400 and "Idempotency-Key" in response.json()["error"]
    assert PracticeSession.objects.count() == 0


def test_a_request_too_large_to_read_says_so_and_saves_nothing():
    from django.test import Client

    from coach.diary.models import CheckIn
    from tests.web.factories import make_user

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_user())
    browser.get("/checkin/")
    token = browser.cookies["csrftoken"].value
    response = browser.post(
        "/checkin/",
        {
            "csrfmiddlewaretoken": token,
            "leg_pain": "3",
            "back_pain": "2",
            "note": "x" * (3 * 1024 * 1024),
        },
    )
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert CheckIn.objects.count() == 0
