"""Done-when: every clinic URL and every URL of a person's own clinic pages, tried as the
person, their clinician while shared, the same clinician after sharing stopped, another
clinician of the same clinic, a clinician of another clinic, another person, and anonymous.
Nobody sees what they should not; each allowed look at the person's data by a clinician is
in the access log; each refused one is not (and is never a 500)."""

import json
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from coach.clinic.models import AccessRecord
from coach.clinic.services import share_stop
from stretching import catalogue
from stretching.custom import compile_custom, read_custom

from .clinic_factories import (
    assign,
    make_clinic,
    make_clinician,
    make_share,
    result_for,
    sign_in_clinician,
)
from .factories import make_checkin, make_session, make_user

pytestmark = pytest.mark.django_db
ACTORS = (
    "person",
    "clinician",
    "stopped",
    "colleague",
    "other-clinic",
    "other-person",
    "anonymous",
)
CLINICIANS = ("clinician", "stopped", "colleague", "other-clinic")
SECRET = "pat@example.org"
"""Shown wherever the person's data is: their email (clinic pages) or their routine's name."""
ROUTINE_NAME = "Morning set"
MARKS = (SECRET, ROUTINE_NAME, "a private note", "Riverside Physio")
"""Anything of the person's: their email, routine, note, or whom they share with."""

# (method, address, kind): "patient" pages are a clinician's look at the person's data;
# "list" the patient list; "clinic" a clinician's own pages; "own" the person's routine and
# share; "mine" pages every signed-in person has, each showing only their own data.
URLS = [
    ("get", "/clinic/patients/{pid}/", "patient"),
    ("get", "/clinic/patients/{pid}/?days=90", "patient"),
    ("get", "/clinic/patients/{pid}/routines/new/", "patient"),
    ("post", "/clinic/patients/{pid}/routines/new/", "patient"),
    ("get", "/clinic/patients/{pid}/routines/{rid}/", "patient"),
    ("get", "/clinic/patients/{pid}/routines/{rid}/versions/", "patient"),
    ("get", "/clinic/patients/{pid}/routines/{rid}/handout.pdf", "patient"),
    ("get", "/clinic/patients/{pid}/routines/{rid}/fhir.json", "patient"),
    ("post", "/clinic/patients/{pid}/routines/{rid}/remove/", "patient"),
    ("get", "/clinic/", "list"),
    ("get", "/clinic/?sort=activity&q=pat", "list"),
    ("get", "/clinic/invites/", "clinic"),
    ("post", "/clinic/invites/", "clinic"),
    ("get", "/clinic/team/", "clinic"),
    ("get", "/my-routines/{rid}/", "own"),
    ("get", "/my-routines/{rid}/play/", "own"),
    ("get", "/my-routines/{rid}/handout.pdf", "own"),
    ("post", "/my-routines/{rid}/sessions/", "own"),
    ("post", "/account/settings/sharing/{sid}/stop/", "own"),
    ("get", "/today/", "mine"),
    ("get", "/account/settings/sharing/", "mine"),
    ("get", "/account/settings/access-log/", "mine"),
    ("get", "/account/export/sciatica-coach.json", "mine"),
]
COMPOSED = {"name": ROUTINE_NAME, "times_per_day": "1", "ex-0-exercise_id": "cat-pose"}


@pytest.fixture
def world():
    person = make_user(SECRET)
    clinic = make_clinic("Riverside Physio")
    people = {
        "person": person,
        "clinician": make_clinician("sam@riverside.example", clinic),
        "colleague": make_clinician("kim@riverside.example", clinic),
        "other-clinic": make_clinician("lee@hillside.example", make_clinic("Hillside")),
        "other-person": make_user("other@example.org"),
    }
    people["stopped"] = people["clinician"]
    share = make_share(person, people["clinician"])
    row = assign(share)
    make_checkin(person, note="a private note")
    make_session(person, started_at=timezone.now() - timezone.timedelta(days=1))
    AccessRecord.objects.create(  # an earlier look, which the person's log shows
        at=timezone.now(),
        actor_id=people["clinician"].pk,
        actor_email="sam@riverside.example",
        clinic_name="Riverside Physio",
        patient_id=person.pk,
        action="view",
        what="patient page",
        path="/earlier/",
    )
    return people, share, row


def client_for(actor: str, people, share) -> Client:
    browser = Client()
    if actor == "anonymous":
        return browser
    if actor in CLINICIANS:
        sign_in_clinician(browser, people[actor])
    else:
        browser.force_login(people[actor])
    if actor == "stopped":
        share_stop(share=share)
    return browser


def request(browser: Client, method: str, url: str, row) -> object:
    if url.endswith("/sessions/"):
        routine = read_custom(row.data, catalogue.default(), row.routine_id)
        timeline = compile_custom(catalogue.default(), routine).to_dict()
        body = json.dumps(result_for(row.routine_id, timeline, timezone.now()))
        return browser.post(
            url,
            body,
            content_type="application/json",
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
    if method == "post":
        return browser.post(url, COMPOSED if url.endswith("/new/") else {})
    return browser.get(url)


def allowed(kind: str, actor: str) -> bool:
    return {
        "patient": actor == "clinician",
        "list": actor in CLINICIANS,
        "clinic": actor in CLINICIANS,
        "own": actor == "person",
        "mine": actor not in ("anonymous",),
    }[kind]


def sees_the_persons_data(kind: str, actor: str) -> bool:
    return {"patient": "clinician", "list": "clinician"}.get(kind, "person") == actor


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("method", "template", "kind"), URLS)
def test_access(world, actor, method, template, kind):
    people, share, row = world
    url = template.format(pid=share.patient_id, rid=row.routine_id, sid=share.pk)
    browser = client_for(actor, people, share)
    last = AccessRecord.objects.order_by("-id").values_list("id", flat=True).first()
    response = request(browser, method, url, row)
    new = AccessRecord.objects.filter(id__gt=last)
    body = response.content.decode(errors="replace")
    assert response.status_code < 500
    if not allowed(kind, actor):
        if actor == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith("/account/sign-in/")
        else:
            assert response.status_code == 404
        assert not new.exists()
        assert SECRET not in body and ROUTINE_NAME not in body
        return
    assert response.status_code in (200, 201, 302), body[:300]
    if kind not in ("clinic",) and response.status_code == 200 and "pdf" not in url:
        shows = any(mark in body for mark in MARKS)
        assert shows is sees_the_persons_data(kind, actor), body[:300]
    if kind in ("patient", "list") and actor == "clinician":
        looks = new.filter(patient_id=share.patient_id, path=url)
        assert {r.actor_email for r in looks} == {"sam@riverside.example"}
    else:
        assert not new.exists()
