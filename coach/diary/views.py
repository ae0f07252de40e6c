"""Check-in, Today and History: thin views over the selectors and the core."""

from collections import Counter
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from coach.accounts.selectors import consent_active, safe_next, screen_state
from coach.practice import plans
from coach.practice.models import PracticeSession
from stretching.symptoms import CONTEXTS, EXTENT_LABELS

from . import charts, selectors, services
from .forms import CheckInForm
from .models import NOTE_MAX_CHARS, CheckIn

HISTORY_DAYS = (7, 30, 90)
TOO_BIG = (f"That is far too much to send. Please keep the note to {NOTE_MAX_CHARS} "
           "characters or fewer; nothing was saved.")


def _get_checkin_for_user(request: HttpRequest, pk: int) -> CheckIn:
    """The person's own check-in, or 404 for anybody else's."""
    return get_object_or_404(CheckIn, pk=pk, user=request.user)


def _get_session_for_user(request: HttpRequest, pk: str) -> PracticeSession:
    """The person's own practice session, or 404 for anybody else's."""
    return get_object_or_404(PracticeSession, pk=int(pk) if pk.isdigit() else 0,
                             user=request.user)


def _when(at) -> str:
    return f"{timezone.localtime(at):%a %-d %b %H:%M}"


def _post_too_big(request: HttpRequest) -> bool:
    """Over Django's upload limit a POST cannot be read at all (RequestDataTooBig)."""
    if request.method != "POST":
        return False
    try:
        request.POST  # noqa: B018  (reading it is the check)
    except RequestDataTooBig:
        return True
    return False


@login_required
def checkin(request: HttpRequest) -> HttpResponse:
    context = request.GET.get("context", "standalone")
    if context not in CONTEXTS:
        context = "standalone"
    session = None
    if request.GET.get("session"):
        session = _get_session_for_user(request, request.GET["session"])
    too_big = _post_too_big(request)
    next_url = "" if too_big else safe_next(request)
    page = {"context": context, "session": session, "next": next_url,
            "routine": selectors.session_summaries([session])[0].name if session else ""}
    if not consent_active(request.user):
        status = 403 if request.method == "POST" else 200
        return render(request, "diary/checkin.html", {**page, "withdrawn": True}, status=status)
    if request.method != "POST":
        return render(request, "diary/checkin.html", {**page, "form": CheckInForm()})
    if too_big:
        form = CheckInForm()
        form.errors["note"] = form.error_class([TOO_BIG])  # shown by the note, like any error
        return render(request, "diary/checkin.html", {**page, "form": form}, status=400)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return render(request, "diary/checkin.html", {**page, "form": form}, status=400)
    services.checkin_create(user=request.user, context=context, session=session,
                            **form.cleaned_data)
    messages.success(request, "Check-in saved.")
    return redirect(page["next"] or "diary:today")


@require_POST
@login_required
def checkin_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _get_checkin_for_user(request, pk)
    services.checkin_delete(checkin=entry)
    messages.success(request, f"The check-in of {_when(entry.at)} is deleted.")
    return redirect(safe_next(request) or "diary:history")


@login_required
def today(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    user = request.user
    plan = plans.plan_for_user(user, now)
    due = selectors.due_lines(plan)
    return render(request, "diary/today.html", {
        "consent_active": consent_active(user),
        "screen": screen_state(request),
        "due": due,
        "plan": selectors.plan_summary(plan, due),
        "latest": selectors.latest_checkin(user),
        "trend": selectors.trend_for(user, now),
        "streak": selectors.streak_days(user, now),
        "morning": selectors.morning_checkin_suggested(user, now),
    })


def _days(request: HttpRequest) -> int:
    try:
        days = int(request.GET.get("days", "30"))
    except ValueError:
        return 30
    return days if days in HISTORY_DAYS else 30


@login_required
def history(request: HttpRequest) -> HttpResponse:
    now, days, user = timezone.now(), _days(request), request.user
    start, end = selectors.window(days, now)
    entries = selectors.checkins_between(user, start, end)
    sessions = selectors.sessions_between(user, start, end)
    counts = Counter(timezone.localdate(s.started_at) for s in sessions if s.completed)
    first = timezone.localdate(start)
    per_day = [(first + timedelta(days=i), counts[first + timedelta(days=i)])
               for i in range(days)]
    return render(request, "diary/history.html", {
        "days": days, "choices": HISTORY_DAYS, "entries": entries,
        "entries_newest": list(reversed(entries)),
        "sessions": selectors.session_summaries(sessions),
        "per_day_newest": list(reversed(per_day)),
        "pain": charts.pain_chart(entries, start, end, days, _when),
        "extent": charts.extent_chart(entries, start, end, days, _when, EXTENT_LABELS),
        "bars": charts.sessions_chart(per_day, start, end),
    })
