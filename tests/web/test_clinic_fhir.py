"""A custom routine as FHIR R4 (validated with fhir.resources' R4B models, which keep R4's
shape for these resources): a CarePlan for the person whose activities instantiate the
routine's ActivityDefinitions (doses as FHIR Timing), a PlanDefinition of them in order, and
the sessions played as Procedures with an Observation of adherence. The export is the
clinician's, and recorded in the person's access log."""

import json
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from coach.clinic.models import AccessRecord

from .clinic_factories import assign, make_clinician, make_share, sign_in_clinician
from .factories import make_session, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported():
    person = make_user("pat@example.org")
    clinician = make_clinician("sam@clinic.example")
    row = assign(make_share(person, clinician))
    now = timezone.now()
    make_session(person, started_at=now - timedelta(days=1), routine_id=row.routine_id)
    make_session(
        person,
        started_at=now - timedelta(hours=3),
        routine_id=row.routine_id,
        completed=False,
        hurt=("towel-hamstring",),
    )
    desk = Client()
    sign_in_clinician(desk, clinician)
    response = desk.get(f"/clinic/patients/{person.pk}/routines/{row.routine_id}/fhir.json")
    assert response["Content-Type"] == "application/fhir+json"
    return person, row, json.loads(response.content)


def by_type(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_the_bundle_is_valid_fhir(exported):
    _, _, bundle = exported
    parsed = Bundle.model_validate(bundle)
    kinds = [e.resource.get_resource_type() for e in parsed.entry]
    assert kinds.count("CarePlan") == 1 and kinds.count("PlanDefinition") == 1
    assert kinds.count("ActivityDefinition") == 3
    assert kinds.count("Procedure") == 2 and kinds.count("Observation") == 1
    for entry in bundle["entry"]:
        assert entry["fullUrl"] == f"urn:uuid:{uuid.UUID(entry['resource']['id'])}"


def test_the_careplan_is_the_persons_and_follows_the_plan_definition(exported):
    person, row, bundle = exported
    (careplan,) = by_type(bundle, "CarePlan")
    (plan,) = by_type(bundle, "PlanDefinition")
    activities = by_type(bundle, "ActivityDefinition")
    assert careplan["subject"] == {"reference": f"Patient/{person.pk}"}
    assert careplan["instantiatesCanonical"] == [f"{plan['url']}|{row.version}"]
    order = [a["url"] for a in activities]
    assert [a["definitionCanonical"].split("|")[0] for a in plan["action"]] == order
    assert [
        a["detail"]["instantiatesCanonical"][0].split("|")[0] for a in careplan["activity"]
    ] == (order)


def test_doses_are_fhir_timing(exported):
    _, _, bundle = exported
    piriformis = next(a for a in by_type(bundle, "ActivityDefinition") if "piriformis" in a["url"])
    assert piriformis["timingTiming"] == {
        "repeat": {
            "frequency": 2,
            "period": 1,
            "periodUnit": "d",
            "duration": 25,
            "durationUnit": "s",
        }
    }
    assert piriformis["quantity"] == {"value": 2, "unit": "repetitions"}
    squeeze = next(a for a in by_type(bundle, "ActivityDefinition") if "squeeze" in a["url"])
    assert "duration" not in squeeze["timingTiming"]["repeat"]
    assert "Slowly, breathe out" in squeeze["description"]


def test_sessions_are_procedures_and_adherence_an_observation(exported):
    _, _, bundle = exported
    (careplan,) = by_type(bundle, "CarePlan")
    procedures = by_type(bundle, "Procedure")
    assert [p["status"] for p in procedures] == ["completed", "stopped"]
    assert procedures[1]["note"] == [{"text": "Stopped because it hurt or spread: towel-hamstring"}]
    assert all(p["basedOn"] == [{"reference": f"urn:uuid:{careplan['id']}"}] for p in procedures)
    (adherence,) = by_type(bundle, "Observation")
    assert adherence["valueRatio"]["numerator"]["value"] == 1


def test_the_export_is_recorded(exported):
    person, _, _ = exported
    (record,) = AccessRecord.objects.filter(action="export")
    assert record.patient_id == person.pk and "FHIR CarePlan" in record.what
