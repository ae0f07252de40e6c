"""The clinician's view: the patient list and a patient's page (the same charts as History).
Every look is in the access log before the page is answered."""

from collections import Counter
from datetime import timedelta

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone

from coach.accounts.models import ScreeningResponse
from coach.diary import charts, selectors
from coach.diary.plans import plan_for_user
from coach.lib.language import display_language
from coach.lib.query import query_int
from coach.practice.models import AssignedRoutine
from stretching import catalogue
from stretching.rules import presenter
from stretching.symptoms import EXTENT_LABELS

from .access import clinician_page, shared_patient
from .audit import access_record
from .forms import PatientFilterForm
from .patients import PAGE_SIZE, patient_rows, sort_and_filter

HISTORY_DAYS = (7, 30, 90)
LIST_WHAT = "patient list: last activity, sessions, pain trends, flags"


def _when(at) -> str:
    return formats.date_format(timezone.localtime(at), "D j M H:i")


@clinician_page
def patients(request: HttpRequest) -> HttpResponse:
    form = PatientFilterForm(request.GET or None)
    choice = form.cleaned_data if form.is_valid() else {}
    clinics = {m.clinic_id: m.clinic for m in request.memberships}  # type: ignore[attr-defined]
    rows = patient_rows(request.user, list(clinics))
    shown = sort_and_filter(
        rows, choice.get("sort") or "flags", choice.get("show") or "all", choice.get("q") or ""
    )
    page = Paginator(shown, PAGE_SIZE).get_page(query_int(request, "page") or 1)
    by_clinic: dict[int, list[int]] = {}
    for r in page.object_list:
        by_clinic.setdefault(r.clinic_id, []).append(r.patient_id)
    for clinic_id, ids in by_clinic.items():
        access_record(
            request, clinic=clinics[clinic_id], patient_ids=ids, action="view", what=LIST_WHAT
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "clinic/patients.html",
        {
            "form": form,
            "page": page,
            "total": len(rows),
            "shown": len(shown),
            "query": query.urlencode(),
        },
    )


def _days(request: HttpRequest) -> int:
    days = query_int(request, "days")
    return days if days in HISTORY_DAYS else 30


@clinician_page
def patient(request: HttpRequest, patient_id: int) -> HttpResponse:
    share = shared_patient(request, patient_id)
    person = share.patient
    now, days = timezone.now(), _days(request)
    start, end = selectors.window(days, now)
    entries = selectors.checkins_between(person, start, end)
    sessions = selectors.sessions_between(person, start, end)
    counts = Counter(timezone.localdate(s.started_at) for s in sessions if s.completed)
    first = timezone.localdate(start)
    per_day = [(first + timedelta(days=i), counts[first + timedelta(days=i)]) for i in range(days)]
    plan = plan_for_user(person, now)
    what = "patient page: check-ins, sessions, plan, safety outcomes"
    access_record(
        request,
        clinic=share.clinic,
        patient_ids=[person.pk],
        action="view",
        what=what + (", notes" if share.include_notes else ""),
    )
    return render(
        request,
        "clinic/patient.html",
        {
            "share": share,
            "person": person,
            "days": days,
            "choices": HISTORY_DAYS,
            "entries_newest": list(reversed(entries)),
            "sessions": selectors.session_summaries(sessions),
            "pain": charts.pain_chart(entries, start, end, days, _when),
            "extent": charts.extent_chart(entries, start, end, days, _when, EXTENT_LABELS),
            "bars": charts.sessions_chart(per_day, start, end),
            "plan": presenter.present(plan, catalogue.default(), lang=display_language()),
            "screens": ScreeningResponse.objects.filter(user=person).order_by("-answered_at")[:20],
            "routines": AssignedRoutine.objects.filter(user=person).order_by(
                "routine_id", "-version"
            ),
        },
    )
