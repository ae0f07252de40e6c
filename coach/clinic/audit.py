"""The access log: every look at, change to or export of a person's data by a clinician,
recorded before the page is answered; the person reads it on their own page and in their
export."""

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from coach.lib.addresses import client_ip

from .access import me
from .models import AccessRecord, Clinic


def access_record(
    request: HttpRequest,
    *,
    clinic: Clinic,
    patient_ids: Iterable[int],
    action: str,
    what: str,
) -> None:
    """Record one access per person (one query for any number of people)."""
    user = me(request)
    now = timezone.now()
    AccessRecord.objects.bulk_create(
        AccessRecord(
            at=now,
            actor_id=user.pk,
            actor_email=user.email,
            clinic_name=clinic.name,
            patient_id=pid,
            action=action,
            what=what[:200],
            path=request.get_full_path()[:300],
            address=client_ip(request),
        )
        for pid in patient_ids
    )


def records_about(user) -> list[AccessRecord]:
    return list(AccessRecord.objects.filter(patient_id=user.pk).order_by("-at", "-id"))


def export_section(sender, *, user, **kwargs) -> dict[str, Any]:
    """The person's export gets the access log about them (coach.diary.export)."""
    return {
        "access_log": [
            {
                "at": timezone.localtime(r.at).isoformat(timespec="seconds"),
                "who": r.actor_email,
                "clinic": r.clinic_name,
                "action": r.action,
                "what": r.what,
                "page": r.path,
                "from": r.address,
            }
            for r in records_about(user)
        ]
    }
