"""The FHIR R4 export of pain check-ins."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle

from stretching.fhir import LATERALITY_EXTENSION, PainEntry, observation_id, pain_bundle

# fhir.resources 8 ships R5 (top level), R4B and STU3; R4B (4.3) keeps R4's Bundle and
# Observation structure unchanged, so it is the closest validator to R4 available.

PARIS = timezone(timedelta(hours=1))


def entries() -> list[PainEntry]:
    return [
        PainEntry(
            id=1,
            at=datetime(2026, 11, 2, 8, 30, tzinfo=PARIS),
            leg_pain=6,
            back_pain=3,
            leg_side="left",
        ),
        PainEntry(
            id=2,
            at=datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
            leg_pain=4,
            back_pain=2,
            leg_side="right",
        ),
        PainEntry(
            id="3",
            at=datetime(2026, 11, 3, 7, 0, tzinfo=UTC),
            leg_pain=0,
            back_pain=10,
            leg_side="both",
        ),
        PainEntry(id=4, at=datetime(2026, 11, 4, 7, 0, tzinfo=UTC), leg_pain=2, back_pain=1),
    ]


def observations(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"]]


def codes(concept: dict[str, Any]) -> list[tuple[str, str]]:
    return [(c["system"], c["code"]) for c in concept["coding"]]


def test_it_validates_as_a_fhir_bundle() -> None:
    bundle = pain_bundle(entries())
    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "collection"
    assert parsed.entry is not None and len(parsed.entry) == 8
    # a JSON round trip validates too (what an export file holds)
    Bundle.model_validate(json.loads(json.dumps(bundle)))


def test_it_makes_a_leg_and_a_back_observation_per_check_in() -> None:
    obs = observations(pain_bundle(entries()))
    assert len(obs) == 2 * len(entries())
    sites = [codes(o["bodySite"])[0][1] for o in obs]
    assert sites == ["61685007", "37822005"] * 4
    assert [o["valueInteger"] for o in obs] == [6, 3, 4, 2, 0, 10, 2, 1]


def test_it_codes_each_observation_as_reported_pain_severity() -> None:
    for o in observations(pain_bundle(entries())):
        assert o["resourceType"] == "Observation"
        assert o["status"] == "final"
        assert codes(o["code"]) == [("http://loinc.org", "72514-3")]
        assert o["code"]["coding"][0]["display"] == (
            "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
        )
        assert codes(o["category"][0]) == [
            ("http://terminology.hl7.org/CodeSystem/observation-category", "survey")
        ]
        assert o["subject"] == {"reference": "Patient/self"}


def test_it_writes_the_time_with_its_timezone() -> None:
    obs = observations(pain_bundle(entries()))
    assert obs[0]["effectiveDateTime"] == "2026-11-02T08:30:00+01:00"
    assert obs[2]["effectiveDateTime"] == "2026-11-02T09:00:00+00:00"


def test_it_records_the_leg_side_as_laterality_on_the_leg_only() -> None:
    obs = observations(pain_bundle(entries()))
    sides = []
    for o in obs:
        ext = o["bodySite"].get("extension", [])
        assert all(e["url"] == LATERALITY_EXTENSION for e in ext)
        sides.append(codes(ext[0]["valueCodeableConcept"])[0][1] if ext else None)
    assert sides == ["7771000", None, "24028007", None, "51440002", None, None, None]
    parsed = Bundle.model_validate(pain_bundle(entries()))
    assert parsed.entry is not None
    leg = parsed.entry[0].resource.model_dump()  # type: ignore[union-attr]
    assert leg["bodySite"]["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == (
        "7771000"
    )


def test_it_gives_stable_uuid_ids() -> None:
    first = pain_bundle(entries(), patient_ref="Patient/42")
    again = pain_bundle(entries(), patient_ref="Patient/42")
    assert first == again
    ids = [e["resource"]["id"] for e in first["entry"]]
    assert len(set(ids)) == len(ids)
    for entry in first["entry"]:
        assert entry["fullUrl"] == f"urn:uuid:{entry['resource']['id']}"
        assert uuid.UUID(entry["resource"]["id"]).version == 5
        assert entry["resource"]["subject"] == {"reference": "Patient/42"}
    assert ids[0] == observation_id(1, "leg") and ids[1] == observation_id(1, "back")
    assert observation_id(3, "leg") == observation_id("3", "leg")


def test_it_makes_an_empty_bundle_for_no_check_ins() -> None:
    bundle = pain_bundle([])
    assert bundle["entry"] == []
    Bundle.model_validate(bundle)


@pytest.mark.parametrize("value", [11, -1, 3.5, True, "5"])
def test_it_refuses_a_pain_value_outside_whole_0_to_10(value: Any) -> None:
    with pytest.raises(ValueError, match="leg_pain"):
        PainEntry(id=1, at=datetime(2026, 11, 2, tzinfo=UTC), leg_pain=value, back_pain=0)


def test_it_refuses_a_time_without_timezone() -> None:
    with pytest.raises(ValueError, match="timezone"):
        PainEntry(id=1, at=datetime(2026, 11, 2, 8, 0), leg_pain=1, back_pain=1)


def test_it_refuses_an_unknown_leg_side() -> None:
    with pytest.raises(ValueError, match="leg_side"):
        middle: Any = "middle"
        PainEntry(
            id=1, at=datetime(2026, 11, 2, tzinfo=UTC), leg_pain=1, back_pain=1, leg_side=middle
        )
