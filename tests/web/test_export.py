"""Export round trip: JSON, CSV (zipped) and a FHIR R4 Bundle hold every check-in, session
(with what happened in each stretch) and safety answer of the person, and nobody else's."""

import csv
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from stretching.fhir import PAIN_CODE
from stretching.screening import QUESTIONS, TIER_A

from .factories import make_checkin, make_recheck, make_screen, make_session, make_user

pytestmark = pytest.mark.django_db
URLS = [
    "/account/export/",
    "/account/export/sciatica-coach.json",
    "/account/export/sciatica-coach-csv.zip",
    "/account/export/pain-fhir.json",
]


@pytest.fixture
def owner():
    user = make_user("owner@example.org", screened=False)
    now = timezone.now()
    session = make_session(user, started_at=now - timedelta(hours=3), hurt=("supine-butterfly",))
    make_session(
        user,
        started_at=now - timedelta(days=1),
        source="cli",
        skipped=("bedside-knee-twist",),
        completed=False,
    )
    make_checkin(user, at=now - timedelta(hours=4), leg=7, back=2, left=4, context="before")
    make_checkin(
        user,
        at=now - timedelta(hours=2),
        leg=5,
        back=3,
        left=3,
        right=2,
        context="after",
        session=session,
        note='=HYPERLINK("x") felt looser',
    )
    make_checkin(
        user, at=now - timedelta(hours=1), leg=0, back=1, left=0, right=0, note="Rested, é ü ✓"
    )
    make_screen(
        user,
        yes=("b3",),
        at=now - timedelta(days=2),
        cleared_on=timezone.localdate() - timedelta(days=1),
    )
    make_recheck(user, at=now - timedelta(hours=3, minutes=5))
    return user


@pytest.fixture
def stranger():
    user = make_user("stranger@example.org")
    make_checkin(user, leg=9, note="stranger's note")
    make_session(user)
    return user


def test_it_offers_the_three_downloads(client, owner):
    client.force_login(owner)
    text = client.get("/account/export/").content.decode()
    for url in URLS[1:]:
        assert f'href="{url}"' in text


def test_its_json_holds_every_check_in_session_and_safety_answer(client, owner, stranger):
    client.force_login(owner)
    response = client.get("/account/export/sciatica-coach.json")
    assert response["Content-Disposition"].startswith('attachment; filename="sciatica-coach-')
    data = json.loads(response.content)
    assert data["account"]["email"] == "owner@example.org"

    assert [(c["leg_pain"], c["back_pain"], c["context"]) for c in data["checkins"]] == [
        (7, 2, "before"),
        (5, 3, "after"),
        (0, 1, "standalone"),
    ]
    assert data["checkins"][1]["extent_right_label"] == "buttock or hip"
    assert data["checkins"][2]["note"] == "Rested, é ü ✓"
    linked = data["checkins"][1]["session_id"]

    assert len(data["sessions"]) == 2
    web = next(s for s in data["sessions"] if s["id"] == linked)
    assert web["source"] == "web" and web["routine"] == "Relief sequence"
    assert [e["outcome"] for e in web["exercises"]] == ["done", "done", "done", "hurt", "done"]
    cli = next(s for s in data["sessions"] if s["source"] == "cli")
    assert cli["completed"] is False
    assert {e["exercise_id"]: e["outcome"] for e in cli["exercises"]}["bedside-knee-twist"] == (
        "skipped"
    )

    full, quick = data["screening"]
    assert full["kind"] == "full" and quick["kind"] == "recheck"
    assert [a["id"] for a in full["answers"]] == [q.id for q in QUESTIONS]
    assert {a["id"]: a["answer"] for a in full["answers"]}["b3"] == "yes"
    assert full["outcome"] == "see-clinician" and full["cleared_on"]
    assert full["answers"][0]["question"] == QUESTIONS[0].text
    assert [a["id"] for a in quick["answers"]] == [q.id for q in TIER_A]
    assert data["consents"][0]["withdrawn_at"] is None
    assert "stranger" not in response.content.decode()


def test_its_csv_zip_holds_a_table_for_each_kind_of_row(client, owner, stranger):
    client.force_login(owner)
    response = client.get("/account/export/sciatica-coach-csv.zip")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [
        "checkins.csv",
        "consents.csv",
        "exercises.csv",
        "screening.csv",
        "sessions.csv",
    ]

    def rows(name):
        return list(csv.DictReader(io.StringIO(archive.read(name).decode())))

    checkins = rows("checkins.csv")
    assert [r["leg_pain"] for r in checkins] == ["7", "5", "0"]
    assert checkins[1]["note"] == '\'=HYPERLINK("x") felt looser'  # never run as a formula
    assert checkins[2]["note"] == "Rested, é ü ✓"
    assert len(rows("sessions.csv")) == 2
    exercises = rows("exercises.csv")
    assert len(exercises) == 5 + 5
    assert sum(r["outcome"] == "hurt" for r in exercises) == 1
    screening = rows("screening.csv")
    assert len(screening) == len(QUESTIONS) + len(TIER_A)
    assert {r["question_id"] for r in screening if r["answer"] == "yes"} == {"b3"}
    assert len(rows("consents.csv")) == 1
    assert b"stranger" not in b"".join(archive.read(n) for n in archive.namelist())


def test_its_fhir_bundle_validates_and_holds_leg_and_back_pain_of_each_check_in(
    client, owner, stranger
):
    client.force_login(owner)
    response = client.get("/account/export/pain-fhir.json")
    assert response["Content-Type"] == "application/fhir+json"
    data = json.loads(response.content)
    bundle = Bundle.model_validate(data)
    assert bundle.type == "collection" and len(bundle.entry) == 6
    observations = [e.resource for e in bundle.entry]
    assert {o.code.coding[0].code for o in observations} == {PAIN_CODE}
    values = [(o.bodySite.text, o.valueInteger) for o in observations]
    assert values == [
        ("Leg (left)", 7),
        ("Lower back", 2),
        ("Leg (both)", 5),
        ("Lower back", 3),
        ("Leg", 0),
        ("Lower back", 1),
    ]
    assert 9 not in [o.valueInteger for o in observations]


def test_it_exports_an_empty_diary_as_valid_files(client):
    client.force_login(make_user(screened=False))
    data = json.loads(client.get("/account/export/sciatica-coach.json").content)
    assert data["checkins"] == [] and data["sessions"] == [] and data["screening"] == []
    bundle = json.loads(client.get("/account/export/pain-fhir.json").content)
    assert not Bundle.model_validate(bundle).entry


@pytest.mark.parametrize("url", URLS)
def test_it_sends_anonymous_people_to_sign_in(client, owner, url):
    response = client.get(url)
    assert response["Location"] == f"/account/sign-in/?next={url}"
    assert b"owner@example.org" not in response.content
