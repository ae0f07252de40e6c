"""Custom routines in the shell: the clinician composes one (a bad dose gets the core's error on
the field), assigns it, and it shows on the person's Today, in their plan and in the player;
the routine's rules apply to it; editing keeps its history as versions."""

import json
import re
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from coach.diary.plans import plan_for_user
from coach.practice.models import AssignedRoutine, PracticeSession
from stretching.result import RESULT_LIMITS

from .clinic_factories import (
    ROUTINE,
    assign,
    make_clinician,
    make_share,
    result_for,
    sign_in_clinician,
)
from .factories import make_recheck, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinician():
    return make_clinician("sam@clinic.example")


@pytest.fixture
def person():
    return make_user("pat@example.org")


@pytest.fixture
def desk(clinician, person):
    make_share(person, clinician)
    browser = Client()
    sign_in_clinician(browser, clinician)
    return browser


def compose_post(rows, **fields):
    data = {"name": "Evening set", "times_per_day": "1", "time_of_day": "any", **fields}
    for i, row in enumerate(rows):
        data |= {f"ex-{i}-{k}": str(v) for k, v in row.items()}
    return data


def test_a_bad_dose_is_refused_with_the_cores_error_on_the_field(desk, person):
    rows = [
        {"exercise_id": "supine-piriformis", "hold_seconds": 20},
        {"exercise_id": "towel-hamstring", "hold_seconds": 90},
    ]
    response = desk.post(f"/clinic/patients/{person.pk}/routines/new/", compose_post(rows))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Row 2, hold (s): must be between 10 and 60 s (clinical brief section 4)" in page
    assert (
        'id="ex-1-hold_seconds" name="ex-1-hold_seconds" inputmode="numeric" size="4" value="90"'
        in page
    )
    assert not AssignedRoutine.objects.exists()


def test_an_unknown_stretch_suggests_the_close_one(desk, person):
    rows = [{"exercise_id": "towel-hamstrng"}]
    page = desk.post(f"/clinic/patients/{person.pk}/routines/new/", compose_post(rows))
    assert "(did you mean towel-hamstring, " in page.content.decode()


def test_an_assigned_routine_is_on_today_and_in_the_plan(desk, person, client):
    rows = [{"exercise_id": "supine-piriformis", "hold_seconds": 25, "note": "Gently"}]
    response = desk.post(
        f"/clinic/patients/{person.pk}/routines/new/", compose_post(rows, times_per_day="2")
    )
    assert response.status_code == 302
    row = AssignedRoutine.objects.get()
    assert (row.version, row.current, row.times_per_day) == (1, True, 2)
    plan = plan_for_user(person)
    assert plan.due_for(row.routine_id).text == "0 of 2"
    client.force_login(person)
    today = client.get("/today/").content.decode()
    assert "From your clinician" in today and "Evening set" in today
    assert f"/my-routines/{row.routine_id}/play/" in today
    page = client.get(f"/my-routines/{row.routine_id}/").content.decode()
    assert "Gently" in page and "2 times a day" in page
    total = re.search(r'<span class="total">(\d+):(\d\d)</span> in all', page)
    held = re.search(r"Of that, (\d+):(\d\d) goes to the stretches themselves", page)
    assert total and held, "the page says how long it takes and how much of it is stretching"
    assert 0 < int(held[1]) * 60 + int(held[2]) < int(total[1]) * 60 + int(total[2])


def test_the_player_plays_it_and_a_session_that_hurt_leaves_the_stretch_out(person, client):
    share = make_share(person, make_clinician("sam@clinic.example"))
    row = assign(share)
    client.force_login(person)
    player = client.get(f"/my-routines/{row.routine_id}/play/")
    assert player.status_code == 200
    data = player_data(player)
    assert data["resultUrl"] == f"/my-routines/{row.routine_id}/sessions/"
    holds = [
        s
        for s in data["timeline"]["steps"]
        if s.get("exercise_id") == "supine-piriformis" and s["kind"] == "hold"
    ]
    assert holds and all(s["duration"] == 15 for s in holds)  # building up to 25 s from 15 s
    now = timezone.now()
    result = result_for(row.routine_id, data["timeline"], now, hurt="supine-piriformis")
    saved = client.post(
        data["resultUrl"],
        json.dumps(result),
        content_type="application/json",
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert saved.status_code == 201, saved.content
    assert PracticeSession.objects.get().routine_id == row.routine_id
    later = client.get(f"/my-routines/{row.routine_id}/").content.decode()
    assert "Left out for now" in later
    make_recheck(person)  # the quick safety check before the next session
    again = player_data(client.get(f"/my-routines/{row.routine_id}/play/"))
    assert "supine-piriformis" not in {s.get("exercise_id") for s in again["timeline"]["steps"]}


def player_data(response) -> dict:
    found = re.search(
        r'<script id="player-data" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(found.group(1))


def test_editing_makes_a_new_version_and_keeps_the_old_one(desk, person):
    share = person.shares.get()
    first = assign(share)
    rows = [{"exercise_id": "towel-hamstring", "hold_seconds": 30}]
    url = f"/clinic/patients/{person.pk}/routines/{first.routine_id}/"
    form = desk.get(url).content.decode()
    assert 'value="Morning set"' in form
    assert desk.post(url, compose_post(rows, name="Morning set, shorter")).status_code == 302
    versions = list(AssignedRoutine.objects.order_by("version"))
    assert [(v.version, v.current) for v in versions] == [(1, False), (2, True)]
    assert versions[0].data == {
        **ROUTINE,
        "summary": "",
        "time_of_day": "any",
        "exercises": versions[0].data["exercises"],
    }
    history = desk.get(url + "versions/").content.decode()
    assert "Version 1" in history and "Version 2" in history and "Morning set, shorter" in history
    assert plan_for_user(person).routine_names[first.routine_id] == "Morning set, shorter"


def test_taking_it_off_the_plan_keeps_its_history(desk, person, client):
    row = assign(person.shares.get())
    desk.post(f"/clinic/patients/{person.pk}/routines/{row.routine_id}/remove/")
    assert AssignedRoutine.objects.filter(current=True).count() == 0
    assert AssignedRoutine.objects.count() == 1
    client.force_login(person)
    assert "From your clinician" not in client.get("/today/").content.decode()
    assert client.get(f"/my-routines/{row.routine_id}/").status_code == 404


def test_another_person_cannot_open_or_post_to_someone_elses_routine(person, client):
    row = assign(make_share(person, make_clinician("sam@clinic.example")))
    client.force_login(make_user("mallory@example.org"))
    assert client.get(f"/my-routines/{row.routine_id}/").status_code == 404
    assert client.get(f"/my-routines/{row.routine_id}/play/").status_code == 404
    posted = post_empty_result(client, row)
    assert posted.status_code == 404


def test_a_session_posted_after_consent_is_withdrawn_is_refused_in_the_persons_language(
    person, client
):
    from coach.accounts.models import Consent

    row = assign(make_share(person, make_clinician("sam@clinic.example")))
    Consent.objects.filter(user=person).update(withdrawn_at=timezone.now())
    client.force_login(person)
    client.cookies["django_language"] = "es"
    posted = post_empty_result(client, row)
    assert posted.status_code == 403
    assert posted.json()["message"] == "Tu consentimiento está retirado: no se guardó nada."
    assert not PracticeSession.every.exists()


def post_empty_result(client, row):
    """A result posted to the person's own routine's endpoint (empty: refused if it gets read)."""
    return client.post(
        f"/my-routines/{row.routine_id}/sessions/",
        "{}",
        content_type="application/json",
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )


def test_its_endpoint_refuses_what_the_built_in_one_refuses_with_the_same_answers(person, client):
    """One way a result is saved and refused, whichever routine was played: a bad key, a body
    too large and a result of another routine get the same statuses, fields and messages."""
    row = assign(make_share(person, make_clinician("sam@clinic.example")))
    client.force_login(person)
    own = f"/my-routines/{row.routine_id}/sessions/"
    timeline = player_data(client.get(f"/my-routines/{row.routine_id}/play/"))["timeline"]
    result = json.dumps(result_for(row.routine_id, timeline, timezone.now()))
    cases = {
        "bad key": (result, "no"),
        "too large": (result + " " * RESULT_LIMITS.max_bytes, uuid.uuid4().hex),
    }
    for what, (body, key) in cases.items():
        answers = [
            client.post(
                url, body, content_type="application/json", headers={"Idempotency-Key": key}
            )
            for url in (own, "/api/sessions/")  # the built-in routines' endpoint
        ]
        assert answers[0].status_code == answers[1].status_code != 201, what
        assert answers[0].json() == answers[1].json(), what
    other = client.post(
        own,
        json.dumps(result_for("relief-sequence", timeline, timezone.now())),
        content_type="application/json",
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert other.status_code == 400 and other.json()["field"] == "routine_id"
    assert "not among your routines" in other.json()["message"]
    assert not PracticeSession.every.exists()
