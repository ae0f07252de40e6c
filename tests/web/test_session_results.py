"""POST /api/sessions/ with results no real session produces: each refused with 400 (never
500), naming the field; nothing written; the person's pages keep answering. Keys are each
person's (or guest's) own."""

import json
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from coach.practice.models import PracticeSession

from .api_helpers import played
from .factories import make_user

pytestmark = pytest.mark.django_db
PAGES = (
    "/today/",
    "/history/",
    "/routines/hip-flexor/",
    "/account/export/sciatica-coach.json",
    "/account/export/sciatica-coach-csv.zip",
)


def post(client, body, key: str | None = None):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.post(
        "/api/sessions/",
        raw,
        content_type="application/json",
        headers={"Idempotency-Key": key or uuid.uuid4().hex},
    )


@pytest.fixture
def alice(client):
    user = make_user()
    client.force_login(user)
    return user


def refused(client, body, field):
    before = PracticeSession.every.count()
    response = post(client, body)
    assert response.status_code == 400, response.content
    assert response.json()["field"] == field
    assert PracticeSession.every.count() == before
    for page in PAGES:
        assert client.get(page).status_code == 200, page
    return response.json()["error"]


def test_it_saves_a_real_session_and_every_page_still_answers(client, alice):
    response = post(client, played())
    assert response.status_code == 201
    assert PracticeSession.objects.get().user == alice
    for page in PAGES:
        assert client.get(page).status_code == 200, page


def test_year_9999_at_minus_14_hours_is_refused_not_saved(client, alice):
    error = refused(client, played() | {"ended_at": "9999-12-31T23:59:59-14:00"}, "ended_at")
    assert "between the years 1 and 9999 in UTC" in error


def test_year_1_at_plus_14_hours_is_refused_before_anything_is_written(client, alice):
    error = refused(client, played() | {"started_at": "0001-01-01T00:00:00+14:00"}, "started_at")
    assert "between the years 1 and 9999 in UTC" in error


@pytest.mark.parametrize("big", [2**31, 2**53, 10**18 - 1])
def test_integers_beyond_the_columns_are_refused(client, alice, big):
    assert "at most" in refused(client, played() | {"practised_seconds": big}, "practised_seconds")
    data = played()
    data["exercises"][0]["held_seconds"] = big
    assert "at most" in refused(client, data, "exercises[0].held_seconds")


@pytest.mark.parametrize("big", [2**63, 2**64 + 1, 10**30])
def test_integers_beyond_any_column_are_refused_as_they_are_read(client, alice, big):
    assert "at most 18 digits" in refused(client, played() | {"practised_seconds": big}, None)


def test_numbers_too_long_to_read_are_refused(client, alice):
    raw = json.dumps(played()).replace('"planned_seconds": 160', '"planned_seconds": ' + "9" * 5000)
    assert "at most 18 digits" in refused(client, raw.encode(), None)


@pytest.mark.parametrize("depth", [20, 1000, 30_000])
def test_deeply_nested_json_is_refused(client, alice, depth):
    assert "nest at most" in refused(client, b"[" * depth + b"]" * depth, None)
    nested = b'{"routine_id": ' + b"[" * depth + b"]" * depth + b"}"
    assert "nest at most" in refused(client, nested, None)


@pytest.mark.parametrize("raw", [b"\xff\xfe\xfd", b'{"routine_id": "\xc3\x28"}', b"\x00" * 9])
def test_bytes_that_are_not_utf8_json_are_refused(client, alice, raw):
    refused(client, raw, None)


def test_ended_before_started_is_refused(client, alice):
    data = played()
    data["started_at"], data["ended_at"] = data["ended_at"], data["started_at"]
    assert "must not be before started_at" in refused(client, data, "ended_at")


def test_a_30_hour_session_is_refused(client, alice):
    data = played()
    start = timezone.now() - timedelta(hours=30, minutes=5)
    data["started_at"] = start.isoformat()
    assert "3 hours of pauses" in refused(client, data, "ended_at")


def test_practised_far_beyond_planned_is_refused(client, alice):
    data = played() | {"practised_seconds": 100_000}
    assert "the time from started_at to ended_at" in refused(client, data, "practised_seconds")
    data = played()
    data["exercises"][0]["held_seconds"] = 5000
    assert "its planned_seconds" in refused(client, data, "exercises[0].held_seconds")


def test_a_session_before_the_person_joined_or_in_the_future_is_refused(client, alice):
    assert "first use" in refused(client, played(minutes_ago=60 * 24 * 8), "started_at")
    assert "give or take 5 minutes" in refused(client, played(minutes_ago=-20), "ended_at")


def test_another_persons_key_saves_the_callers_own_session(client, alice):
    key = "shared-key-0001"
    alices = post(client, played(), key=key).json()["id"]
    bob = make_user("bob@example.org")
    client.force_login(bob)
    response = post(client, played(minutes_ago=5), key=key)
    assert response.status_code == 201 and response.json()["created"] is True
    assert response.json()["id"] != alices
    assert PracticeSession.objects.get(pk=response.json()["id"]).user == bob
    assert PracticeSession.objects.get(pk=alices).user == alice
    again = post(client, played(minutes_ago=5), key=key)  # bob's own retry: his own session
    assert (again.status_code, again.json()["id"]) == (200, response.json()["id"])


def test_two_guests_with_the_same_key_each_keep_their_own(client):
    from django.test import Client

    key = "guest-key-0001"
    first = post(client, played(), key=key)
    second = post(Client(), played(), key=key)
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["id"] != second.json()["id"]
    assert PracticeSession.objects.filter(user__isnull=True).count() == 2


@pytest.mark.parametrize("key", ["ключ-12345678", "١٢٣٤٥٦٧٨٩", "abcdefgh²", "short", "a" * 65])
def test_keys_are_8_to_64_ascii_letters_digits_or_dashes(client, alice, key):
    response = post(client, played(), key=key)
    assert response.status_code == 400 and response.json()["field"] == "Idempotency-Key"
    assert PracticeSession.every.count() == 0


def test_a_session_from_a_clock_running_ahead_says_to_set_the_clock_in_the_readers_language(
    client, alice
):
    ahead = timezone.now() + timedelta(days=2)
    data = played() | {
        "started_at": ahead.isoformat(),
        "ended_at": (ahead + timedelta(minutes=3)).isoformat(),
    }
    refused(client, data, "ended_at")
    answer = post(client, data).json()
    assert "no later than" in answer["error"]  # the exact reason, for developers
    assert answer["message"].startswith("This session ends later than the time now")
    client.cookies["django_language"] = "es"
    spanish = post(client, data).json()
    assert spanish["message"].startswith("Esta sesión termina más tarde que la hora actual")


def test_a_session_dated_before_the_person_began_says_the_clock_is_behind(client, alice):
    long_ago = timezone.now() - timedelta(days=400)
    data = played() | {
        "started_at": long_ago.isoformat(),
        "ended_at": (long_ago + timedelta(minutes=3)).isoformat(),
    }
    refused(client, data, "started_at")
    assert post(client, data).json()["message"].startswith("This session is dated from before")


def test_a_record_no_player_makes_gets_a_plain_message_and_the_exact_reason(client, alice):
    answer = post(client, played() | {"practised_seconds": -1}).json()
    assert "practised_seconds" in answer["error"]
    assert answer["message"] == (
        "The app could not read this session's record, so it was not added to your diary."
    )
