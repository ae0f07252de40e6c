"""Pain check-ins as a FHIR R4 Bundle of Observations, for sharing with a clinician.

Each check-in becomes two Observations with the same LOINC code (72514-3, 0-10 numeric pain
rating, reported), told apart by bodySite: lower back or lower limb.

Laterality: R4 has no laterality element on Observation, so the leg side goes into the HL7
extension `observation-structureLaterality` (FHIR Extensions Pack, usable from R4), placed on
Observation.bodySite and valued with the SNOMED CT qualifiers left, right, or right and left.
It is preferred to a post-coordinated SNOMED expression in the bodySite code, which would hide
the plain lower-limb code from receivers that do not parse expressions, and to a contained
BodyStructure, which would repeat the anatomy.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

LegSide = Literal["left", "right", "both"]

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
PAIN_CODE = "72514-3"
PAIN_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
LATERALITY_EXTENSION = "http://hl7.org/fhir/StructureDefinition/observation-structureLaterality"

LOWER_BACK = ("37822005", "Lower back structure")
LOWER_LIMB = ("61685007", "Lower limb structure")
LATERALITY: dict[str, tuple[str, str]] = {
    "left": ("7771000", "Left"),
    "right": ("24028007", "Right"),
    "both": ("51440002", "Right and left"),
}

# Fixed namespace so the same check-in always gets the same Observation ids across exports.
OBSERVATION_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://sciatica-coach.invalid/fhir/pain")


@dataclass(frozen=True)
class PainEntry:
    """One check-in's pain ratings (0-10, "right now"), with the leg side where known."""

    id: int | str
    at: datetime
    leg_pain: int
    back_pain: int
    leg_side: LegSide | None = None

    def __post_init__(self) -> None:
        for name in ("leg_pain", "back_pain"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
                raise ValueError(f"{name} must be a whole number from 0 to 10, got {value!r}")
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError(f"at must carry a timezone, got {self.at.isoformat()}")
        if self.leg_side is not None and self.leg_side not in LATERALITY:
            raise ValueError(f"leg_side must be left, right, both or None, got {self.leg_side!r}")


def observation_id(entry_id: int | str, site: Literal["leg", "back"]) -> str:
    """The stable uuid of one check-in's leg or back Observation."""
    return str(uuid.uuid5(OBSERVATION_NAMESPACE, f"{entry_id}/{site}"))


def pain_bundle(
    checkins: Iterable[PainEntry], *, patient_ref: str = "Patient/self"
) -> dict[str, Any]:
    """A FHIR R4 collection Bundle with a leg and a back pain Observation per check-in."""
    entries: list[dict[str, Any]] = []
    for checkin in checkins:
        for site in ("leg", "back"):
            resource = _observation(checkin, site, patient_ref)
            entries.append({"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource})
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def _observation(
    checkin: PainEntry, site: Literal["leg", "back"], patient_ref: str
) -> dict[str, Any]:
    code, display = LOWER_LIMB if site == "leg" else LOWER_BACK
    body_site: dict[str, Any] = {
        "coding": [{"system": SNOMED, "code": code, "display": display}],
        "text": "Leg" if site == "leg" else "Lower back",
    }
    if site == "leg" and checkin.leg_side is not None:
        side_code, side_display = LATERALITY[checkin.leg_side]
        body_site["extension"] = [
            {
                "url": LATERALITY_EXTENSION,
                "valueCodeableConcept": {
                    "coding": [{"system": SNOMED, "code": side_code, "display": side_display}]
                },
            }
        ]
        body_site["text"] = f"Leg ({checkin.leg_side})"
    return {
        "resourceType": "Observation",
        "id": observation_id(checkin.id, site),
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "survey",
                        "display": "Survey",
                    }
                ]
            }
        ],
        "code": {
            "coding": [{"system": LOINC, "code": PAIN_CODE, "display": PAIN_DISPLAY}],
            "text": "Leg pain, 0-10" if site == "leg" else "Back pain, 0-10",
        },
        "subject": {"reference": patient_ref},
        "effectiveDateTime": checkin.at.isoformat(timespec="seconds"),
        "valueInteger": checkin.leg_pain if site == "leg" else checkin.back_pain,
        "bodySite": body_site,
    }
