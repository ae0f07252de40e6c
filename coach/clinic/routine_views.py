"""The clinician composes a routine for a person who shares with them, edits it (each edit a
new version) or takes it off their plan; every look and change is in the access log."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coach.practice.models import AssignedRoutine
from stretching import catalogue
from stretching.custom import BOUNDS, read_custom

from . import routines
from .access import clinician_page, shared_patient
from .audit import access_record


def _compose(request: HttpRequest, patient_id: int, routine_id: str | None) -> HttpResponse:
    share = shared_patient(request, patient_id)
    current = routines.current_version(patient_id, routine_id) if routine_id else None
    if routine_id and current is None:
        raise Http404(_("No such routine for this person."))
    rid = routine_id or routines.new_routine_id(patient_id)
    if request.method == "POST":
        form = routines.form_from_post(request.POST)
        routine = routines.check(form, rid)
        if routine is not None:
            saved = routines.routine_assign(share=share, routine=routine, clinician=request.user)
            access_record(
                request,
                clinic=share.clinic,
                patient_ids=[patient_id],
                action="change",
                what=f"assigned routine '{routine.name}' ({rid}, version {saved.version})",
            )
            messages.success(
                request,
                _("%(routine)s is on %(person)s's plan (version %(version)s).")
                % {
                    "routine": routine.name,
                    "person": share.patient.email,
                    "version": saved.version,
                },
            )
            return redirect("clinic:patient", patient_id=patient_id)
        status = 400
    else:
        form = (
            routines.form_from_routine(read_custom(current.data, catalogue.default(), rid))
            if current
            else routines.ComposeForm({"times_per_day": "1"})
        )
        status = 200
    access_record(
        request,
        clinic=share.clinic,
        patient_ids=[patient_id],
        action="view",
        what=f"routine composer ({rid})",
    )
    return render(
        request,
        "clinic/compose.html",
        {
            "share": share,
            "form": form,
            "rows": form.rows(),
            "routine_id": routine_id,
            "current": current,
            "bounds": BOUNDS,
            **routines.choices(),
        },
        status=status,
    )


@clinician_page
def routine_new(request: HttpRequest, patient_id: int) -> HttpResponse:
    return _compose(request, patient_id, None)


@clinician_page
def routine_edit(request: HttpRequest, patient_id: int, routine_id: str) -> HttpResponse:
    return _compose(request, patient_id, routine_id)


@require_POST
@clinician_page
def routine_remove(request: HttpRequest, patient_id: int, routine_id: str) -> HttpResponse:
    share = shared_patient(request, patient_id)
    if routines.routine_unassign(share=share, routine_id=routine_id):
        access_record(
            request,
            clinic=share.clinic,
            patient_ids=[patient_id],
            action="change",
            what=f"took routine {routine_id} off the plan",
        )
        messages.success(request, _("The routine is off their plan; its versions are kept."))
    return redirect("clinic:patient", patient_id=patient_id)


@clinician_page
def routine_versions(request: HttpRequest, patient_id: int, routine_id: str) -> HttpResponse:
    """Every version of a routine, newest first: the history kept across edits."""
    share = shared_patient(request, patient_id)
    versions = list(
        AssignedRoutine.objects.filter(user_id=patient_id, routine_id=routine_id).order_by(
            "-version"
        )
    )
    if not versions:
        raise Http404(_("No such routine for this person."))
    access_record(
        request,
        clinic=share.clinic,
        patient_ids=[patient_id],
        action="view",
        what=f"routine history ({routine_id})",
    )
    cat = catalogue.default()
    return render(
        request,
        "clinic/versions.html",
        {
            "share": share,
            "routine_id": routine_id,
            "versions": [
                (v, routines.lines(read_custom(v.data, cat, routine_id))) for v in versions
            ],
            "edit_url": reverse("clinic:routine_edit", args=[patient_id, routine_id]),
        },
    )
