"""The JSON API at /api/v1/: what a person's script reads and writes with a token, in the
same shapes and through the same services as the web app."""

import dataclasses
import json
import re
import uuid

import pytest
from django.core.cache import cache

from coach.diary.models import CheckIn
from coach.diary.plans import plan_for_user
from coach.practice.models import PracticeSession
from stretching import catalogue
from stretching.timeline import compile_timeline

from .api_helpers import V1, bearer, create_session, person_with_token, played
from .factories import make_checkin, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_counts():
    cache.clear()


def test_the_same_key_twice_saves_one_session_and_answers_the_same_body(client):
    user, _, token = person_with_token()
    first = create_session(client, token, played(), key="key-12345678")
    again = create_session(client, token, played(), key="key-12345678")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert PracticeSession.objects.filter(user=user).count() == 1
    assert re.search(r"(Z|[+-]\d\d:\d\d)$", first.json()["started_at"]), "ISO 8601 with an offset"


def test_a_session_the_core_refuses_is_a_problem_naming_the_field(client):
    _, _, token = person_with_token()
    body = played()
    body["exercises"][0]["exercise_id"] = "no-such-stretch"
    response = create_session(client, token, body)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["field"] == "exercises[0].exercise_id"
    assert problem["status"] == 422 and problem["title"] and problem["detail"]
    assert not PracticeSession.every.exists()


def test_sessions_are_listed_newest_first_a_page_at_a_time_without_gaps(client):
    user, _, token = person_with_token()
    for minutes in range(10, 70, 5):  # 12 sessions
        create_session(client, token, played(minutes_ago=minutes))
    seen, cursor = [], None
    while True:
        query = f"?limit=5&cursor={cursor}" if cursor else "?limit=5"
        page = client.get(f"{V1}/sessions{query}", headers=bearer(token)).json()
        seen += [s["started_at"] for s in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 12 and seen == sorted(seen, reverse=True)


def test_a_cursor_that_was_not_given_is_refused_by_name(client):
    _, _, token = person_with_token()
    response = client.get(f"{V1}/sessions?cursor=not-a-cursor", headers=bearer(token))
    assert response.status_code == 422 and response.json()["field"] == "cursor"


def test_check_ins_are_made_listed_and_deleted(client):
    user, _, token = person_with_token()
    made = client.post(
        f"{V1}/checkins",
        json.dumps({"leg_pain": 4, "back_pain": 2, "note": "after the walk"}),
        content_type="application/json",
        headers=bearer(token),
    )
    assert made.status_code == 201
    listed = client.get(f"{V1}/checkins", headers=bearer(token)).json()["items"]
    assert [(c["leg_pain"], c["note"]) for c in listed] == [(4, "after the walk")]
    gone = client.delete(f"{V1}/checkins/{made.json()['id']}", headers=bearer(token))
    assert gone.status_code == 204 and not CheckIn.objects.filter(user=user).exists()


def test_a_pain_score_out_of_range_names_the_field(client):
    _, _, token = person_with_token()
    response = client.post(
        f"{V1}/checkins",
        json.dumps({"leg_pain": 11, "back_pain": 2}),
        content_type="application/json",
        headers=bearer(token),
    )
    assert response.status_code == 422 and response.json()["field"] == "leg_pain"


def test_the_quick_check_yes_locks_sessions_as_on_the_web(client):
    _, _, token = person_with_token()
    from stretching.screening import TIER_A

    answer = client.post(
        f"{V1}/quick-check",
        json.dumps({"ticked": [TIER_A[0].id]}),
        content_type="application/json",
        headers=bearer(token),
    )
    assert answer.status_code == 200 and answer.json()["locked"] is True


def test_a_routines_timeline_carries_the_persons_paused_stretch(client):
    user, _, token = person_with_token()
    plain = client.get(f"{V1}/routines/hip-flexor/timeline", headers=bearer(token)).json()
    assert any(s.get("exercise_id") == "hip-flexor-chair-lunge" for s in plain["steps"])
    body = played()
    body["exercises"][0]["outcome"] = "hurt"
    assert create_session(client, token, body).status_code == 201
    after = client.get(f"{V1}/routines/hip-flexor/timeline", headers=bearer(token)).json()
    assert after["adjusted"] is True
    assert not any(s.get("exercise_id") == "hip-flexor-chair-lunge" for s in after["steps"])


def test_the_plan_and_export_answer_for_the_person(client):
    user, _, token = person_with_token()
    make_checkin(user)
    plan = client.get(f"{V1}/plan/today", headers=bearer(token)).json()
    assert plan["mode"] in ("relief", "warm-up") and plan["headline"]
    export = client.get(f"{V1}/export", headers=bearer(token)).json()
    assert export["account"]["email"] == "alice@example.org" and len(export["checkins"]) == 1


def test_a_session_from_the_api_shows_in_history_and_the_plan_like_a_played_one(client):
    """Two people, the same session: one played in the browser, one sent by a token."""
    web = make_user("web@example.org")
    api_user, _, token = person_with_token("api@example.org")
    body = played()
    body["exercises"][0]["outcome"] = "hurt"
    client.force_login(web)
    browser = client.post(
        "/api/sessions/",
        json.dumps(body),
        content_type="application/json",
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert browser.status_code == 201
    web_history = client.get("/history/").content.decode()
    web_plan = client.get(f"{V1}/plan/today").json()
    web_timeline = client.get(f"{V1}/routines/hip-flexor/timeline").json()
    client.logout()
    assert create_session(client, token, body).status_code == 201
    client.force_login(api_user)
    api_history = client.get("/history/").content.decode()
    assert client.get(f"{V1}/plan/today").json() == web_plan
    assert client.get(f"{V1}/routines/hip-flexor/timeline").json() == web_timeline
    assert _history_rows(api_history) == _history_rows(web_history) != []


def _history_rows(html: str) -> list[str]:
    """History's session rows as text, with ids, emails and tokens left out."""
    main = html[html.index("<main") : html.index("</main>")]
    text = re.sub(r"<[^>]+>", " ", re.sub(r'value="[^"]*"|/\d+/', "", main))
    return [line.strip() for line in text.splitlines() if "Hip flexor" in line or "hip" in line]


def test_the_reference_page_and_openapi_are_served_without_a_cdn(client):
    doc = client.get(f"{V1}/openapi.json").json()
    assert doc["openapi"].startswith("3.1") and f"{V1}/sessions" in doc["paths"]
    page = client.get(f"{V1}/reference").content.decode()
    assert "POST /api/v1/sessions" in page and "Idempotency-Key" in page
    assert "https://" not in re.sub(r"<a [^>]*>", "", page.split("<main")[1])
    assert client.get(f"{V1}/docs").status_code == 404


def test_a_timeline_step_says_everything_the_cores_step_holds(client):
    """The step schema is made from the core's Step: every field comes through, none is added."""
    user, _, token = person_with_token()
    answer = client.get(f"{V1}/routines/relief-sequence/timeline", headers=bearer(token))
    steps = answer.json()["steps"]
    plan = plan_for_user(user)  # a new person's holds start short
    routine = "relief-sequence"
    core = compile_timeline(catalogue.default(), routine, plan.adjustments_for(routine)).steps
    assert len(steps) == len(core) > 10
    for given, step in zip(steps, core, strict=True):
        assert given == dataclasses.asdict(step)
