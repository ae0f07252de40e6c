"""Check-in, Today and History: thin views over the selectors and the core."""

import functools
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy, pgettext
from django.views.decorators.http import require_POST

from coach.accounts.selectors import consent_active, safe_next, screen_state
from coach.lib.query import query_int
from coach.lib.queued import (
    BAD_KEY,
    checks_owner,
    idempotency_key,
    is_queued,
    made_at,
    refused,
    saved,
)
from coach.practice.models import PracticeSession
from stretching.symptoms import CONTEXTS, EXTENT_LABELS

from . import charts, selectors, services
from .forms import CheckInForm
from .models import NOTE_MAX_CHARS, CheckIn
from .plans import today_on

HISTORY_DAYS = (7, 30, 90)
ALL = "all"
WITHDRAWN = gettext_lazy(
    "Your diary is not saving new entries: you withdrew your consent to store health data. "
    "You can give it again in Settings."
)


def _too_big() -> str:
    return gettext(
        "That is far too much to send. Please keep the note to %(count)s "
        "characters or fewer; nothing was saved."
    ) % {"count": NOTE_MAX_CHARS}


def _get_checkin_for_user(request: HttpRequest, pk: int) -> CheckIn:
    """The person's own check-in, or 404 for anybody else's."""
    return get_object_or_404(CheckIn, pk=pk, user=request.user)


def _get_session_for_user(request: HttpRequest, pk: int) -> PracticeSession:
    """The person's own practice session, or 404 for anybody else's."""
    return get_object_or_404(PracticeSession, pk=pk, user=request.user)


def _when(at) -> str:
    """'Thu 3 Dec 14:05' (Spanish: 'jue 3 dic, 14:05'), in the page's language."""
    return date_format(timezone.localtime(at), pgettext("date format", "D j M H:i"))


def _labelled(entries: list[CheckIn]) -> list[CheckIn]:
    """The check-ins with their times written out once for the page (`short_at` in the tables,
    `long_at` in a sentence), not once in every place they show."""
    short, long = (
        pgettext("date format", "D j M, H:i"),
        pgettext("date format, in a sentence", "D j M, H:i"),
    )
    for c in entries:
        local = timezone.localtime(c.at)
        c.short_at, c.long_at = date_format(local, short), date_format(local, long)  # type: ignore[attr-defined]
    return entries


def _when_long(at) -> str:
    """'Thu 3 Dec 14:05' (Spanish: 'jueves 3 de diciembre, 14:05'), for a sentence."""
    return date_format(timezone.localtime(at), pgettext("date format, in a sentence", "D j M H:i"))


def _post_too_big(request: HttpRequest) -> bool:
    """Over Django's upload limit a POST cannot be read at all (RequestDataTooBig)."""
    if request.method != "POST":
        return False
    try:
        request.POST  # noqa: B018  (reading it is the check)
    except RequestDataTooBig:
        return True
    return False


@checks_owner
@login_required
def checkin(request: HttpRequest) -> HttpResponse:
    context = request.GET.get("context", "standalone")
    if context not in CONTEXTS:
        context = "standalone"
    session = None
    if request.GET.get("session"):
        session_pk = query_int(request, "session")
        if session_pk is None:  # not a number: say so rather than look it up
            return render(request, "400.html", status=400)
        session = _get_session_for_user(request, session_pk)
    too_big = _post_too_big(request)
    next_url = "" if too_big else safe_next(request)
    page = {
        "context": context,
        "session": session,
        "next": next_url,
        "routine": selectors.session_summaries([session])[0].name if session else "",
    }
    if not consent_active(request.user):
        if is_queued(request):
            return refused(str(WITHDRAWN), status=403)
        status = 403 if request.method == "POST" else 200
        return render(request, "diary/checkin.html", {**page, "withdrawn": True}, status=status)
    if request.method != "POST":
        return render(request, "diary/checkin.html", {**page, "form": CheckInForm()})
    if is_queued(request):
        return _checkin_queued(request, page, too_big)
    if too_big:
        form = CheckInForm()
        form.errors["note"] = form.error_class([_too_big()])  # shown by the note, like any error
        return render(request, "diary/checkin.html", {**page, "form": form}, status=400)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return render(request, "diary/checkin.html", {**page, "form": form}, status=400)
    services.checkin_record(
        user=request.user,
        idempotency_key=idempotency_key(request) or "",
        context=context,
        session=session,
        **form.cleaned_data,
    )
    messages.success(request, gettext("Check-in saved."))
    return redirect(next_url or "diary:today")


def _checkin_queued(request: HttpRequest, page: dict, too_big: bool) -> HttpResponse:
    """A check-in sent by the browser's outbox (maybe made offline): saved once per key, at the
    time it was made; any problem answered as JSON that names it."""
    if too_big:
        return refused(_too_big(), status=413)
    key = idempotency_key(request)
    if not key:
        return refused(BAD_KEY)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        problems = [str(e) for errs in form.errors.values() for e in errs]
        return refused(gettext("The check-in was not saved.") + " " + " ".join(problems))
    entry, created = services.checkin_record(
        user=request.user,
        idempotency_key=key,
        at=made_at(request),
        context=page["context"],
        session=page["session"],
        **form.cleaned_data,
    )
    if created:
        messages.success(request, gettext("Check-in saved."))
    return saved({"id": entry.pk, "next": page["next"] or reverse("diary:today")}, created=created)


@require_POST
@login_required
def checkin_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _get_checkin_for_user(request, pk)
    services.checkin_delete(checkin=entry)
    messages.success(
        request,
        gettext("The check-in of %(when)s is deleted.") % {"when": _when_long(entry.at)},
    )
    return redirect(safe_next(request) or "diary:history")


@login_required
def today(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    user = request.user
    consent = consent_active(user)
    reading = today_on(request, now, consent)
    plan = reading.plan
    due = selectors.due_lines(plan)
    latest = selectors.latest_checkin(user)
    return render(
        request,
        "diary/today.html",
        {
            "consent_active": consent,
            "screen": screen_state(request),
            "due": due,
            "plan": selectors.plan_summary(plan, due),
            "latest": latest,
            "streak": reading.streak,
            "morning": selectors.morning_checkin_suggested(
                user, now, practised_yesterday=reading.practised_yesterday, latest=latest
            ),
        },
    )


def _days(request: HttpRequest) -> int | None:
    """The period asked for: 7, 30 or 90 days, or None for all of it (by week)."""
    if request.GET.get("days") == ALL:
        return None
    days = query_int(request, "days")
    return days if days in HISTORY_DAYS else 30


@login_required
def history(request: HttpRequest) -> HttpResponse:
    """Charts, tables and lists over a window; every number summed up by the database, and
    only the latest sessions listed, however long the diary."""
    now, days, user = timezone.now(), _days(request), request.user
    if days is None:
        return _history_by_week(request, now)
    start, end = selectors.window(days, now)
    entries = _labelled(selectors.checkins_between(user, start, end))
    sessions, session_count = selectors.latest_sessions(user, start, end)
    counts = selectors.sessions_per_day(user, start, end)
    first = timezone.localdate(start)
    per_day = [(d, counts.get(d, 0)) for d in (first + timedelta(days=i) for i in range(days))]
    newest = list(reversed(entries))
    when = functools.cache(_when)  # each time once, however many charts show it
    return render(
        request,
        "diary/history.html",
        {
            "days": days,
            "choices": HISTORY_DAYS,
            "checkin_count": len(entries),
            "entries_newest": newest,
            "entries_listed": newest[: selectors.SESSIONS_LISTED],
            "sessions": selectors.session_summaries(sessions),
            "session_count": session_count,
            "per_day_newest": list(reversed(per_day)),
            "pain": charts.pain_chart(entries, start, end, days, when),
            "extent": charts.extent_chart(entries, start, end, days, when, EXTENT_LABELS),
            "bars": charts.sessions_chart(per_day, start, end),
        },
    )


def _history_by_week(request: HttpRequest, now) -> HttpResponse:
    """The whole diary, one point and one bar a week; the latest sessions and check-ins."""
    user = request.user
    weeks = selectors.weeks(user, now)
    start = selectors.day_start(weeks[0].start)
    end = selectors.day_start(weeks[-1].start + timedelta(days=7))
    span = 7 * len(weeks)
    sessions, session_count = selectors.latest_sessions(user, None, end)
    entries, checkin_count = selectors.latest_checkins(user, selectors.SESSIONS_LISTED)
    _labelled(entries)
    noted = [w for w in weeks if w.checkins]

    def week_of(at) -> str:
        return charts.week_label(timezone.localdate(at) - timedelta(days=3))

    return render(
        request,
        "diary/history.html",
        {
            "days": ALL,
            "weekly": True,
            "since": weeks[0].start,
            "choices": HISTORY_DAYS,
            "checkin_count": checkin_count,
            "entries_newest": entries,
            "entries_listed": entries,
            "weeks_newest": list(reversed(weeks)),
            "sessions": selectors.session_summaries(sessions),
            "session_count": session_count,
            "pain": charts.pain_chart(noted, start, end, span, week_of, charts.PER_WEEK),
            "extent": charts.extent_chart(
                noted, start, end, span, week_of, EXTENT_LABELS, charts.FURTHEST_PER_WEEK
            ),
            "bars": charts.sessions_chart(
                [(w.start, w.sessions) for w in weeks], start, end, weekly=True
            ),
        },
    )
