"""Who may do what through the API: each refusal with its status, nothing changed."""

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from coach.api.models import AccessToken
from coach.api.tokens import token_revoke
from coach.diary.models import CheckIn
from coach.practice.models import PracticeSession

from .api_helpers import V1, bearer, create_session, person_with_token, played
from .factories import make_checkin, make_consent, make_session, make_user

pytestmark = pytest.mark.django_db
CHECKIN = json.dumps({"leg_pain": 3, "back_pain": 1})


@pytest.fixture(autouse=True)
def fresh_rate_counts():
    cache.clear()


def rows() -> tuple[int, int]:
    return PracticeSession.every.count(), CheckIn.objects.count()


@pytest.fixture
def bobs():
    bob = make_user("bob@example.org")
    return make_session(bob), make_checkin(bob)


def test_a_token_of_person_a_never_reaches_person_bs_data(client, bobs):
    session, checkin = bobs
    _, _, token = person_with_token()
    before = rows()
    assert client.get(f"{V1}/sessions/{session.pk}", headers=bearer(token)).status_code == 404
    assert client.delete(f"{V1}/checkins/{checkin.pk}", headers=bearer(token)).status_code == 404
    assert client.get(f"{V1}/sessions", headers=bearer(token)).json()["items"] == []
    assert client.get(f"{V1}/checkins", headers=bearer(token)).json()["items"] == []
    assert rows() == before


def test_a_read_only_token_reads_but_every_write_is_403(client, bobs):
    user, _, token = person_with_token(scope="read")
    mine = make_checkin(user)
    before = rows()
    assert client.get(f"{V1}/checkins", headers=bearer(token)).status_code == 200
    writes = [
        create_session(client, token, played()),
        client.post(
            f"{V1}/checkins", CHECKIN, content_type="application/json", headers=bearer(token)
        ),
        client.delete(f"{V1}/checkins/{mine.pk}", headers=bearer(token)),
        client.post(
            f"{V1}/plan/overrides",
            json.dumps({"exercise_id": "hip-flexor-chair-lunge", "action": "resume"}),
            content_type="application/json",
            headers=bearer(token),
        ),
    ]
    assert [w.status_code for w in writes] == [403] * 4
    assert {w.json()["title"] for w in writes} == {"Read-only token"}
    assert rows() == before


@pytest.mark.parametrize("how", ["expired", "revoked", "unknown", "none"])
def test_expired_revoked_unknown_or_no_token_is_401_and_changes_nothing(client, how):
    user, row, token = person_with_token()
    if how == "expired":
        AccessToken.objects.filter(pk=row.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
    elif how == "revoked":
        token_revoke(token=row)
    elif how == "unknown":
        token = "sc_" + "x" * 43
    headers = {} if how == "none" else bearer(token)
    before = rows()
    read = client.get(f"{V1}/sessions", headers=headers)
    write = client.post(f"{V1}/checkins", CHECKIN, content_type="application/json", headers=headers)
    assert (read.status_code, write.status_code) == (401, 401)
    assert read["Content-Type"] == "application/problem+json"
    assert rows() == before


def test_a_token_of_a_person_who_withdrew_consent_gets_no_health_data(client):
    user, _, token = person_with_token(consent=False)
    make_consent(user, withdrawn=True)
    make_session(user)
    for path in ("/sessions", "/checkins", "/plan/today", "/export"):
        response = client.get(f"{V1}{path}", headers=bearer(token))
        assert response.status_code == 403, path
        assert response.json()["title"] == "Consent withdrawn"
    assert client.get(f"{V1}/exercises", headers=bearer(token)).status_code == 200


def test_the_browser_session_writes_only_with_its_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(make_user())
    refused = strict.post(f"{V1}/checkins", CHECKIN, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["title"] == "CSRF check failed"
    assert not CheckIn.objects.exists()
    strict.get("/account/settings/")  # a page with a form sets the CSRF cookie
    ok = strict.post(
        f"{V1}/checkins",
        CHECKIN,
        content_type="application/json",
        headers={"X-CSRFToken": strict.cookies["csrftoken"].value},
    )
    assert ok.status_code == 201


@override_settings(API_TOKEN_REQUESTS_PER_MINUTE=3)
def test_a_token_past_its_rate_is_429_and_another_token_is_not_slowed(client):
    _, _, token = person_with_token()
    _, _, other = person_with_token("bob@example.org")
    answers = [client.get(f"{V1}/exercises", headers=bearer(token)).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert client.get(f"{V1}/exercises", headers=bearer(other)).status_code == 200


def test_a_token_notes_its_last_use_and_is_shown_once_in_settings(client):
    user = make_user()
    client.force_login(user)
    made = client.post(
        "/account/api-tokens/", {"name": "watch", "scope": "read", "days": "30"}
    ).content.decode()
    token = made.split('id="new-token">')[1].split("<")[0]
    assert token.startswith("sc_") and not AccessToken.objects.filter(token_hash=token).exists()
    client.logout()
    assert client.get(f"{V1}/exercises", headers=bearer(token)).status_code == 200
    client.force_login(user)
    listed = client.get("/account/api-tokens/").content.decode()
    assert token not in listed and "never" not in listed and "watch" in listed
    row = AccessToken.objects.get(user=user)
    client.post(f"/account/api-tokens/{row.pk}/revoke")
    client.logout()
    assert client.get(f"{V1}/exercises", headers=bearer(token)).status_code == 401
