"""The person's reminder settings page and its small actions: pause, snooze one, the calendar
feed (secret, revocable) and a one-off .ics download, and the browser's push subscription."""

import json
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_POST

from coach.lib.language import display_catalogue
from stretching.reminders import REMINDERS, Reminder

from . import calendar, push, services, words
from .forms import PauseForm, ReminderSettingsForm, SnoozeForm, times_field
from .models import ReminderSettings, ReminderSlot
from .people import assigned_of, plan_of, schedule_of, times_of

UPCOMING = 6


def _initial(rs: ReminderSettings, assigned: tuple[Reminder, ...]) -> dict:
    initial = {
        "zone": rs.zone if rs.pk else "",
        "days": rs.days,
        "quiet_start": rs.quiet_start,
        "quiet_end": rs.quiet_end,
        "follow_up": rs.follow_up,
        "email": rs.email,
        "push": rs.push,
    }
    for rid, times in times_of(rs, assigned).items():
        initial[times_field(rid)] = ", ".join(f"{t:%H:%M}" for t in times)
    return initial


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    rs = services.settings_for(request.user)
    assigned = assigned_of(rs.user_id)
    if request.method == "POST":
        form = ReminderSettingsForm(request.POST, assigned=assigned)
        if form.is_valid():
            data = {**form.cleaned_data, "language": words.current_language()}
            services.settings_save(user=request.user, data=data)
            messages.success(request, _("Your reminders are saved."))
            return redirect("reminders:settings")
    else:
        form = ReminderSettingsForm(initial=_initial(rs, assigned), assigned=assigned)
    now = timezone.now()
    names = _reminder_names() | {r.id: r.name for r in assigned}
    upcoming = [
        {"slot": slot, "name": names.get(slot.reminder, slot.reminder)}
        for slot in ReminderSlot.objects.filter(
            user_id=rs.user_id, status="planned", kind="reminder", due_at__gt=now
        )[:UPCOMING]
    ]
    context = {
        "form": form,
        "settings": rs,
        "saved": rs.pk is not None,
        "upcoming": upcoming,
        "pause_form": PauseForm(),
        "snooze_form": SnoozeForm(),
        "feed_url": request.build_absolute_uri(
            f"/reminders/calendar/{rs.calendar_token}.ics"
        ) if rs.calendar_token else "",
        "vapid_key": push.public_key() if rs.push else "",
    }  # fmt: skip
    return render(request, "reminders/settings.html", context)


@login_required
@require_POST
def pause(request: HttpRequest) -> HttpResponse:
    if request.POST.get("resume"):
        services.pause(user=request.user, days=0)
        messages.success(request, _("Reminders are back on."))
    else:
        form = PauseForm(request.POST)
        if form.is_valid():
            rs = services.pause(user=request.user, days=form.cleaned_data["days"])
            until = timezone.localtime(rs.paused_until, timezone=_zone(rs))
            when = formats.date_format(until, pgettext("date format", "l j F, H:i"))
            messages.success(request, _("Reminders are paused until %(when)s.") % {"when": when})
    return redirect("reminders:settings")


def _reminder_names() -> dict[str, str]:
    """Each reminder as its routine's name, in the page's language."""
    routines = display_catalogue().routines
    return {r.id: routines[r.routine_id].name for r in REMINDERS if r.routine_id in routines}


def _zone(rs: ReminderSettings) -> ZoneInfo:
    return ZoneInfo(rs.zone)


@login_required
@require_POST
def snooze(request: HttpRequest, pk: int) -> HttpResponse:
    slot = get_object_or_404(ReminderSlot, pk=pk, user_id=request.user.pk)
    form = SnoozeForm(request.POST)
    if form.is_valid():
        services.snooze(slot=slot, minutes=form.cleaned_data["minutes"])
        messages.success(request, _("That reminder is snoozed."))
    return redirect("reminders:settings")


@login_required
@require_POST
def calendar_feed_renew(request: HttpRequest) -> HttpResponse:
    if request.POST.get("revoke"):
        services.calendar_revoke(user=request.user)
        messages.success(request, _("The calendar address no longer works."))
    else:
        services.calendar_renew(user=request.user)
        messages.success(request, _("Your calendar address is ready. Keep it to yourself."))
    return redirect("reminders:settings")


def _ics(rs: ReminderSettings, lang: str) -> bytes:
    now = timezone.now()
    plan = plan_of(rs.user, rs.zone, now)
    with translation.override(lang):
        return calendar.calendar(plan, schedule_of(rs), user_id=rs.user_id, now=now)


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret feed: no sign-in (calendar apps have none); a revoked address answers 404."""
    if len(token) < 20:
        raise Http404(_("No such calendar."))
    rs = ReminderSettings.objects.filter(calendar_token=token).select_related("user").first()
    if rs is None:
        raise Http404(_("No such calendar."))
    lang = words.language_of(rs.user_id, rs.language)  # calendar apps send no language
    response = HttpResponse(_ics(rs, lang), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
@require_GET
def calendar_download(request: HttpRequest) -> HttpResponse:
    rs = services.settings_for(request.user)
    ics = _ics(rs, words.current_language())
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sciatica-coach-reminders.ics"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def push_subscribe(request: HttpRequest) -> HttpResponse:
    """The browser's PushSubscription as JSON (endpoint, keys.p256dh, keys.auth)."""
    try:
        data = json.loads(request.body)
        endpoint, keys = data["endpoint"], data["keys"]
        p256dh, auth = str(keys["p256dh"]), str(keys["auth"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": "Send the browser's push subscription as JSON."}, status=400)
    if not str(endpoint).startswith("https://") or len(endpoint) > 1000:
        return JsonResponse({"error": "The endpoint must be an https address."}, status=400)
    services.push_subscribe(user=request.user, endpoint=endpoint, p256dh=p256dh, auth=auth)
    return JsonResponse({"ok": True}, status=201)
