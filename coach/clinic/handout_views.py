"""Handouts (PDF) of any routine, and a custom routine as FHIR R4 for the clinician."""

import json
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from coach.lib.language import display_catalogue, display_language, unknown_id_text
from coach.practice.models import AssignedRoutine, PracticeSession
from stretching import catalogue, i18n
from stretching.catalogue import UnknownId
from stretching.custom import CustomRoutine, read_custom

from . import handout as sheets
from . import routines
from .access import clinician_page, shared_patient
from .audit import access_record
from .fhir import PlayedSession, routine_bundle
from .my_routine_views import _compiled, _get_routine_for_user

SIDES = {"each": gettext_lazy("each side in turn"), "both": gettext_lazy("both legs together")}


def _capital(text: str) -> str:
    return text.capitalize()


def _from(label: str) -> str:
    """'From sam@clinic.example, Riverside Physio': who assigned the routine."""
    return _("From %(clinician)s") % {"clinician": label}


def _pdf(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


def _paper(request: HttpRequest) -> str:
    return request.GET.get("paper", "a4") if request.GET.get("paper") in sheets.PAPERS else "a4"


@require_GET
def routine_handout(request: HttpRequest, routine_id: str) -> HttpResponse:
    """A built-in routine's handout, open to anyone like the routine's page."""
    cat, lang = display_catalogue(), display_language()
    try:
        routine = cat.routine(routine_id)
    except UnknownId as exc:
        raise Http404(unknown_id_text(exc)) from None
    items = tuple(
        sheets.Item(ex, i18n.dose_text(ex.dose, lang), str(SIDES[ex.dose.sides]))
        for ex in cat.routine_exercises(routine)
    )
    sheet = sheets.Handout(
        routine.name,
        routine.summary,
        _capital(i18n.frequency_text(routine.frequency, lang)),
        request.build_absolute_uri(reverse("routine", args=[routine.id])),
        items,
    )
    return _pdf(sheets.render(sheet, _paper(request)), routine.id)


def _custom_sheet(
    request: HttpRequest, routine: CustomRoutine, url: str, left_out=frozenset(), made_for=""
) -> sheets.Handout:
    cat = display_catalogue()
    items = tuple(
        sheets.Item(
            cat.exercises[line.exercise_id],
            line.dose,
            line.sides,
            line.note,
            line.exercise_id in left_out,
        )
        for line in routines.lines(routine)
    )
    return sheets.Handout(
        routine.name,
        routine.summary,
        _capital(i18n.frequency_text(routine.routine().frequency, display_language())),
        url,
        items,
        made_for,
    )


@require_GET
@login_required
def my_handout(request: HttpRequest, routine_id: str) -> HttpResponse:
    row, routine = _get_routine_for_user(request, routine_id)
    view, _ = _compiled(request, routine)
    url = request.build_absolute_uri(reverse("clinic:my_routine", args=[routine_id]))
    sheet = _custom_sheet(
        request, routine, url, view.adjustments.skip, _from(row.assigned_by_label)
    )
    return _pdf(sheets.render(sheet, _paper(request)), routine_id)


def _patient_routine(request, patient_id: int, routine_id: str):
    share = shared_patient(request, patient_id)
    row = routines.current_version(patient_id, routine_id)
    if row is None:
        raise Http404(_("No such routine for this person."))
    return share, row, read_custom(row.data, catalogue.default(), routine_id)


@require_GET
@clinician_page
def patient_handout(request: HttpRequest, patient_id: int, routine_id: str) -> HttpResponse:
    share, row, routine = _patient_routine(request, patient_id, routine_id)
    url = request.build_absolute_uri(reverse("clinic:my_routine", args=[routine_id]))
    sheet = _custom_sheet(request, routine, url, made_for=_from(row.assigned_by_label))
    body = sheets.render(sheet, _paper(request))
    access_record(
        request,
        clinic=share.clinic,
        patient_ids=[patient_id],
        action="export",
        what=f"handout of routine {routine_id} (version {row.version})",
    )
    return _pdf(body, routine_id)


@require_GET
@clinician_page
def patient_fhir(request: HttpRequest, patient_id: int, routine_id: str) -> HttpResponse:
    """The routine as a FHIR R4 CarePlan, with the sessions played as Procedures."""
    share, row, routine = _patient_routine(request, patient_id, routine_id)
    now = timezone.now()
    played = list(
        PracticeSession.objects.filter(user_id=patient_id, routine_id=routine_id)
        .prefetch_related("outcomes")
        .order_by("started_at")
    )
    month = now - timedelta(days=28)
    done = sum(1 for s in played if s.completed and s.started_at >= month)
    first = AssignedRoutine.objects.filter(routine_id=routine_id).order_by("version").first()
    since = max(month, first.created_at if first else month)
    asked = max(1, routine.times_per_day * max(1, (now - since).days))
    bundle = routine_bundle(
        routine,
        version=row.version,
        patient_ref=f"Patient/{patient_id}",
        sessions=[
            PlayedSession(
                s.pk,
                s.started_at,
                s.ended_at,
                s.completed,
                tuple(o.exercise_id for o in s.outcomes.all() if o.outcome == "hurt" or o.spread),
                tuple(o.exercise_id for o in s.outcomes.all() if o.outcome == "skipped"),
            )
            for s in played
        ],
        adherence=(done, asked),
        now=now,
    )
    access_record(
        request,
        clinic=share.clinic,
        patient_ids=[patient_id],
        action="export",
        what=f"FHIR CarePlan of routine {routine_id} (version {row.version}) with sessions",
    )
    response = HttpResponse(json.dumps(bundle, indent=2), content_type="application/fhir+json")
    response["Content-Disposition"] = f'attachment; filename="{routine_id}-careplan.json"'
    return response
