"""A custom routine as FHIR R4: a collection Bundle holding

- an ActivityDefinition per stretch (what to do, its dose: how long a hold lasts and how
  often a day, as a FHIR Timing; the repetitions as a quantity; sides and the clinician's note
  in the description),
- a PlanDefinition for the routine whose actions point at those ActivityDefinitions in order,
- a CarePlan for the person that instantiates the PlanDefinition, one activity per stretch
  with the same Timing, and
- the sessions of the routine the person played, as Procedures based on the CarePlan
  (completed, or stopped early, with the stretches that hurt or were skipped), plus one
  Observation of adherence over the last 28 days (sessions done against those asked for).

Resources carry stable uuid5 ids, so exporting twice gives the same ids. Checked in the tests
with fhir.resources' R4B models (R4B keeps R4's shape for these resources).
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from stretching import catalogue
from stretching.custom import SIDES, CustomRoutine, routine_catalogue

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://sciatica-coach.invalid/fhir/routines")
CANONICAL = "https://sciatica-coach.invalid/fhir"
SNOMED = "http://snomed.info/sct"
STRETCHING = ("229070002", "Stretching exercises")
UCUM = "http://unitsofmeasure.org"


@dataclass(frozen=True)
class PlayedSession:
    id: int
    started_at: datetime
    ended_at: datetime
    completed: bool
    hurt: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()


def _id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def _entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}


def _timing(routine: CustomRoutine, hold: int | None) -> dict[str, Any]:
    repeat: dict[str, Any] = {"frequency": routine.times_per_day, "period": 1, "periodUnit": "d"}
    if hold:
        repeat |= {"duration": hold, "durationUnit": "s"}
    if routine.time_of_day == "morning":
        repeat["when"] = ["MORN"]
    elif routine.time_of_day == "evening":
        repeat["when"] = ["EVE"]
    return {"repeat": repeat}


def _stretching_code(name: str) -> dict[str, Any]:
    system, display = STRETCHING
    return {"coding": [{"system": SNOMED, "code": system, "display": display}], "text": name}


def routine_bundle(
    routine: CustomRoutine,
    *,
    version: int,
    patient_ref: str,
    sessions: Iterable[PlayedSession] = (),
    adherence: tuple[int, int] | None = None,
    now: datetime,
) -> dict[str, Any]:
    """The routine (this version) for the person, and what they played, as a Bundle."""
    cat = routine_catalogue(catalogue.default(), routine)
    plan_url = f"{CANONICAL}/PlanDefinition/{routine.id}"
    activities: list[dict[str, Any]] = []
    actions: list[dict[str, Any]] = []
    careplan_activities: list[dict[str, Any]] = []
    for item in routine.exercises:
        ex = cat.exercises[item.exercise_id]
        description = f"{ex.dose.describe()}, {SIDES[item.sides]}"
        if item.note:
            description += f". Clinician's note: {item.note}"
        url = f"{CANONICAL}/ActivityDefinition/{routine.id}-{ex.id}"
        activity: dict[str, Any] = {
            "resourceType": "ActivityDefinition",
            "id": _id(routine.id, version, ex.id),
            "url": url,
            "version": str(version),
            "name": ex.id.replace("-", "_"),
            "title": ex.name,
            "status": "active",
            "kind": "Task",
            "code": _stretching_code(ex.name),
            "description": description,
            "timingTiming": _timing(routine, item.hold_seconds),
        }
        if item.repetitions:
            activity["quantity"] = {"value": item.repetitions, "unit": "repetitions"}
        activities.append(activity)
        actions.append({"title": ex.name, "definitionCanonical": f"{url}|{version}"})
        careplan_activities.append(
            {
                "detail": {
                    "kind": "Task",
                    "instantiatesCanonical": [f"{url}|{version}"],
                    "code": _stretching_code(ex.name),
                    "status": "scheduled",
                    "scheduledTiming": _timing(routine, item.hold_seconds),
                    "description": description,
                    **(
                        {"quantity": {"value": item.repetitions, "unit": "repetitions"}}
                        if item.repetitions
                        else {}
                    ),
                }
            }
        )
    plan: dict[str, Any] = {
        "resourceType": "PlanDefinition",
        "id": _id(routine.id, version),
        "url": plan_url,
        "version": str(version),
        "name": routine.id.replace("-", "_"),
        "title": routine.name,
        "status": "active",
        "description": routine.summary or routine.name,
        "action": actions,
    }
    careplan: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": _id(routine.id, version, "careplan"),
        "status": "active",
        "intent": "plan",
        "title": routine.name,
        "instantiatesCanonical": [f"{plan_url}|{version}"],
        "subject": {"reference": patient_ref},
        "created": now.isoformat(timespec="seconds"),
        "activity": careplan_activities,
    }
    entries = [_entry(r) for r in (careplan, plan, *activities)]
    entries += [_entry(_procedure(s, routine, careplan["id"], patient_ref)) for s in sessions]
    if adherence is not None:
        entries.append(_entry(_adherence(routine, adherence, careplan["id"], patient_ref, now)))
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def _procedure(
    s: PlayedSession, routine: CustomRoutine, careplan_id: str, patient_ref: str
) -> dict[str, Any]:
    notes = []
    if s.hurt:
        notes.append({"text": f"Stopped because it hurt or spread: {', '.join(s.hurt)}"})
    if s.skipped:
        notes.append({"text": f"Skipped: {', '.join(s.skipped)}"})
    resource: dict[str, Any] = {
        "resourceType": "Procedure",
        "id": _id("session", s.id),
        "basedOn": [{"reference": f"urn:uuid:{careplan_id}"}],
        "status": "completed" if s.completed else "stopped",
        "code": _stretching_code(routine.name),
        "subject": {"reference": patient_ref},
        "performedPeriod": {
            "start": s.started_at.isoformat(timespec="seconds"),
            "end": s.ended_at.isoformat(timespec="seconds"),
        },
    }
    if notes:
        resource["note"] = notes
    return resource


def _adherence(
    routine: CustomRoutine,
    done_asked: tuple[int, int],
    careplan_id: str,
    patient_ref: str,
    now: datetime,
) -> dict[str, Any]:
    done, asked = done_asked
    return {
        "resourceType": "Observation",
        "id": _id(routine.id, "adherence", now.date().isoformat()),
        "status": "final",
        "basedOn": [{"reference": f"urn:uuid:{careplan_id}"}],
        "code": {"text": f"Sessions of {routine.name} done against those asked for, 28 days"},
        "subject": {"reference": patient_ref},
        "effectiveDateTime": now.isoformat(timespec="seconds"),
        "valueRatio": {
            "numerator": {"value": done, "unit": "sessions", "system": UCUM, "code": "{sessions}"},
            "denominator": {
                "value": asked,
                "unit": "sessions",
                "system": UCUM,
                "code": "{sessions}",
            },
        },
    }
