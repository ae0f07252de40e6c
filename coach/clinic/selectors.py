"""Reads for clinic pages and for the person's own pages (the routines their clinician
assigned, as the Today page shows them)."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from coach.practice.models import AssignedRoutine

from .access import me
from .models import ClinicianMembership


def is_clinician(user) -> bool:
    return ClinicianMembership.objects.filter(user=user).exists()


@dataclass(frozen=True)
class AssignedLine:
    routine_id: str
    name: str
    by: str
    text: str
    still_due: int
    url: str
    play_url: str


def assigned_lines(request: HttpRequest) -> list[AssignedLine]:
    """The person's assigned routines with how many sessions today the plan asks for."""
    plan = getattr(getattr(request, "plan", None), "today", None)
    found = []
    for routine_id, data, by in AssignedRoutine.objects.filter(
        user_id=me(request).pk, current=True
    ).values_list("routine_id", "data", "assigned_by_label"):
        due = plan.due_for(routine_id) if plan is not None else None
        found.append(
            AssignedLine(
                routine_id,
                str(data.get("name", routine_id)),
                by,
                due.text if due else "",
                due.still_due if due else 0,
                reverse("clinic:my_routine", args=[routine_id]),
                reverse("clinic:my_player", args=[routine_id]),
            )
        )
    return found
