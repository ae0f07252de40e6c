"""Everything a person has, as JSON, as CSV files in a zip, and pain scores as FHIR R4."""

import csv
import io
import zipfile
from datetime import datetime
from typing import Any, Literal

from django.dispatch import Signal
from django.utils import timezone

from coach.accounts.models import Consent, ScreeningResponse
from coach.practice import quarantine
from coach.practice.models import PracticeSession
from stretching import catalogue
from stretching.fhir import PainEntry, pain_bundle
from stretching.screening import QUESTIONS_BY_ID
from stretching.symptoms import EXTENT_LABELS

from .models import CheckIn

extra_sections = Signal()
"""Sent with `user=` while building the export: apps above the diary (clinic) answer with a
dict of more sections about the person (the access log), so the diary never imports them."""


def _iso(when: datetime | None) -> str | None:
    return timezone.localtime(when).isoformat(timespec="seconds") if when else None


def _routine_name(routine_id: str) -> str:
    routine = catalogue.default().routines.get(routine_id)
    return routine.name if routine else routine_id


def checkin_row(c: CheckIn) -> dict[str, Any]:
    return {
        "id": c.pk,
        "at": _iso(c.at),
        "context": c.context,
        "leg_pain": c.leg_pain,
        "back_pain": c.back_pain,
        "extent_left": c.extent_left,
        "extent_left_label": EXTENT_LABELS[c.extent_left],
        "extent_right": c.extent_right,
        "extent_right_label": EXTENT_LABELS[c.extent_right],
        "numbness": c.numbness,
        "weakness": c.weakness,
        "note": c.note,
        "session_id": c.session_id,
    }


def session_row(s: PracticeSession) -> dict[str, Any]:
    return {
        "id": s.pk,
        "routine_id": s.routine_id,
        "routine": _routine_name(s.routine_id),
        "source": s.source,
        "started_at": _iso(s.started_at),
        "ended_at": _iso(s.ended_at),
        "completed": s.completed,
        "planned_seconds": s.planned_seconds,
        "practised_seconds": s.practised_seconds,
        "checks": s.checks,
        "exercises": [
            {
                "position": o.position,
                "exercise_id": o.exercise_id,
                "outcome": o.outcome,
                "side": o.side,
                "held_seconds": o.held_seconds,
                "planned_seconds": o.planned_seconds,
                "spread": o.spread,
            }
            for o in s.outcomes.all()
        ],
    }


def screening_row(r: ScreeningResponse) -> dict[str, Any]:
    return {
        "id": r.pk,
        "kind": r.kind,
        "screen_version": r.screen_version,
        "answered_at": _iso(r.answered_at),
        "outcome": r.outcome,
        "cleared_on": r.cleared_on.isoformat() if r.cleared_on else None,
        "answers": [
            {
                "id": qid,
                "question": QUESTIONS_BY_ID[qid].text if qid in QUESTIONS_BY_ID else "",
                "answer": "yes" if yes else "no",
            }
            for qid, yes in r.answers.items()
        ],
    }


def everything(user) -> dict[str, Any]:
    """Every row the app holds about the person, in one structure."""
    return {
        "exported_at": _iso(timezone.now()),
        "account": {"email": user.email, "joined": _iso(user.date_joined)},
        "consents": [
            {
                "version": c.version,
                "given_at": _iso(c.given_at),
                "withdrawn_at": _iso(c.withdrawn_at),
            }
            for c in Consent.objects.filter(user=user).order_by("given_at")
        ],
        "screening": [
            screening_row(r)
            for r in ScreeningResponse.objects.filter(user=user).order_by("answered_at")
        ],
        "checkins": [checkin_row(c) for c in CheckIn.objects.filter(user=user).order_by("at")],
        "sessions": [
            session_row(s)
            for s in PracticeSession.objects.filter(user=user)
            .order_by("started_at")
            .prefetch_related("outcomes")
        ],
        "sessions_not_used": [s.to_dict() for s in quarantine.not_used(user)],
        **_extra_sections(user),
    }


def _extra_sections(user) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for _receiver, section in extra_sections.send(sender=None, user=user):
        if isinstance(section, dict):
            found.update(section)
    return found


def _cell(value: Any) -> Any:
    # A spreadsheet would run a note starting with = + - @ as a formula.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(rows: list[dict[str, Any]], fields: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def csv_zip(user) -> bytes:
    """checkins.csv, sessions.csv, exercises.csv, screening.csv and consents.csv, zipped."""
    data = everything(user)
    checkin_fields = [
        "id",
        "at",
        "context",
        "leg_pain",
        "back_pain",
        "extent_left",
        "extent_left_label",
        "extent_right",
        "extent_right_label",
        "numbness",
        "weakness",
        "note",
        "session_id",
    ]
    session_fields = [
        "id",
        "routine_id",
        "routine",
        "source",
        "started_at",
        "ended_at",
        "completed",
        "planned_seconds",
        "practised_seconds",
    ]
    exercises = [{"session_id": s["id"], **e} for s in data["sessions"] for e in s["exercises"]]
    answers = [
        {
            "response_id": r["id"],
            "kind": r["kind"],
            "answered_at": r["answered_at"],
            "screen_version": r["screen_version"],
            "outcome": r["outcome"],
            "cleared_on": r["cleared_on"],
            "question_id": a["id"],
            "question": a["question"],
            "answer": a["answer"],
        }
        for r in data["screening"]
        for a in r["answers"]
    ]
    files = {
        "checkins.csv": _csv(data["checkins"], checkin_fields),
        "sessions.csv": _csv(data["sessions"], session_fields),
        "exercises.csv": _csv(
            exercises,
            [
                "session_id",
                "position",
                "exercise_id",
                "outcome",
                "side",
                "held_seconds",
                "planned_seconds",
            ],
        ),
        "screening.csv": _csv(
            answers,
            [
                "response_id",
                "kind",
                "answered_at",
                "screen_version",
                "outcome",
                "cleared_on",
                "question_id",
                "question",
                "answer",
            ],
        ),
        "consents.csv": _csv(data["consents"], ["version", "given_at", "withdrawn_at"]),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def leg_side(c: CheckIn) -> Literal["left", "right", "both"] | None:
    if c.extent_left and c.extent_right:
        return "both"
    if c.extent_left:
        return "left"
    if c.extent_right:
        return "right"
    return None


def fhir_bundle(user) -> dict[str, Any]:
    """Leg and back pain of every check-in as a FHIR R4 Bundle (LOINC 72514-3)."""
    entries = [
        PainEntry(
            id=c.pk, at=c.at, leg_pain=c.leg_pain, back_pain=c.back_pain, leg_side=leg_side(c)
        )
        for c in CheckIn.objects.filter(user=user).order_by("at")
    ]
    return pain_bundle(entries)
