"""Hand-written factories for clinic mode: clinics, clinicians with a paired authenticator,
shares, assigned routines, and a TOTP code computed here (RFC 6238), not by django-otp."""

import hashlib
import hmac
import struct
import time
from datetime import timedelta

from django_otp.plugins.otp_totp.models import TOTPDevice

from coach.clinic import services
from coach.clinic.models import Clinic, ClinicianMembership, Share
from coach.clinic.routines import routine_assign
from stretching import catalogue
from stretching.custom import read_custom

from .factories import make_checkin, make_recheck, make_session, make_user

ROUTINE = {
    "name": "Morning set",
    "times_per_day": 2,
    "exercises": [
        {"exercise_id": "supine-piriformis", "hold_seconds": 25, "repetitions": 2},
        {"exercise_id": "supine-pillow-squeeze", "repetitions": 10, "note": "Slowly, breathe out"},
        {"exercise_id": "towel-hamstring", "hold_seconds": 20, "repetitions": 2},
    ],
}


def totp(key_hex: str, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """The code an authenticator app shows for this key now (RFC 6238, HMAC-SHA1)."""
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def make_clinic(name: str = "Riverside Physio") -> Clinic:
    return Clinic.objects.get_or_create(name=name)[0]


def make_clinician(email: str, clinic: Clinic | None = None, *, role: str = "clinician"):
    """A clinician with a paired authenticator (its key on `user.totp_key`)."""
    user = make_user(email, consent=False, screened=False)
    ClinicianMembership.objects.create(clinic=clinic or make_clinic(), user=user, role=role)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    user.totp_key = device.key
    return user


def sign_in_clinician(client, clinician) -> None:
    """Password and a real TOTP code, as a clinician signs in."""
    client.force_login(clinician)
    response = client.post(
        "/clinic/verify/", {"code": totp(clinician.totp_key), "next": "/clinic/"}
    )
    assert response.status_code == 302, response.content.decode()[:500]


def make_share(patient, clinician, *, include_notes: bool = False) -> Share:
    clinic = ClinicianMembership.objects.filter(user=clinician).first().clinic
    invite = services.share_invite_create(clinic=clinic, clinician=clinician)
    return services.share_start(invite=invite, patient=patient, include_notes=include_notes)


def assign(share: Share, data: dict | None = None, routine_id: str | None = None):
    rid = routine_id or f"clinic-{share.patient_id}-1"
    routine = read_custom(data or ROUTINE, catalogue.default(), rid)
    return routine_assign(share=share, routine=routine, clinician=share.clinician)


def result_for(routine_id, timeline, now, hurt=""):
    """A played session of a compiled timeline as the player posts it (one stretch hurt)."""
    start = now - timedelta(seconds=timeline["total_seconds"] + 60)
    exercises = []
    for eid in dict.fromkeys(s["exercise_id"] for s in timeline["steps"] if s.get("exercise_id")):
        planned = sum(
            s["duration"]
            for s in timeline["steps"]
            if s.get("exercise_id") == eid and s["kind"] in ("hold", "reps")
        )
        exercises.append(
            {
                "exercise_id": eid,
                "outcome": "hurt" if eid == hurt else "done",
                "held_seconds": 5 if eid == hurt else planned,
                "planned_seconds": planned,
                "side": "",
                "spread": False,
            }
        )
    return {
        "routine_id": routine_id,
        "started_at": start.isoformat(),
        "ended_at": (start + timedelta(seconds=timeline["total_seconds"])).isoformat(),
        "completed": True,
        "planned_seconds": timeline["total_seconds"],
        "practised_seconds": timeline["total_seconds"] - 30,
        "exercises": exercises,
        "checks": [],
    }


def person_with_clinician():
    """A person with a check-in, a session and a quick check answered just now, sharing with a
    clinician who assigned them a routine: every page of both has something to show."""
    person = make_user("ana@example.org")
    make_checkin(person)
    make_session(person)
    make_recheck(person)
    clinician = make_clinician("sam@clinic.example")
    return person, clinician, assign(make_share(person, clinician))
