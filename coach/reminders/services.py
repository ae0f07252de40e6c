"""Writes for a person's reminders: settings, pause, snooze, the calendar feed, push
subscriptions and the tips subscription. Each keeps the stored slots in step."""

import secrets
from datetime import datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from . import planning
from .models import PushSubscription, ReminderSettings, ReminderSlot, TipSubscription
from .people import default_times
from .sending import next_tip_at


def settings_for(user) -> ReminderSettings:
    """The person's settings, or unsaved defaults (every reminder at its usual time)."""
    found = ReminderSettings.objects.filter(user=user).first()
    if found is not None:
        return found
    return ReminderSettings(
        user=user,
        times=default_times(),
        days=list(range(7)),
        quiet_start=time(22, 0),
        quiet_end=time(7, 0),
    )


@transaction.atomic
def settings_save(*, user, data: dict[str, Any], now: datetime | None = None) -> ReminderSettings:
    rs = settings_for(user)
    rs.zone = data["zone"]
    rs.times = data["times"]
    rs.days = sorted(data["days"])
    rs.quiet_start, rs.quiet_end = data.get("quiet_start"), data.get("quiet_end")
    rs.follow_up = bool(data.get("follow_up"))
    rs.email = bool(data.get("email"))
    rs.push = bool(data.get("push"))
    rs.language = data.get("language", rs.language) or ""
    rs.save()
    planning.replan(user=user, now=now or timezone.now())
    return rs


@transaction.atomic
def pause(*, user, days: int, now: datetime | None = None) -> ReminderSettings:
    """Pause everything for `days` days (0: resume now)."""
    now = now or timezone.now()
    rs = settings_for(user)
    rs.paused_until = now + timedelta(days=days) if days else None
    rs.save()
    planning.replan(user=user, now=now)
    return rs


@transaction.atomic
def snooze(*, slot: ReminderSlot, minutes: int, now: datetime | None = None) -> ReminderSlot:
    """Move one coming reminder later, under the same key (it still goes out once)."""
    now = now or timezone.now()
    slot = ReminderSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.status == "planned" and slot.kind == "reminder":
        slot.due_at = max(slot.due_at, now) + timedelta(minutes=minutes)
        slot.snoozed = True
        slot.save(update_fields=["due_at", "snoozed"])
        planning.replan(user=slot.user, now=now)  # its follow-up moves with it
    return slot


def calendar_renew(*, user) -> ReminderSettings:
    """A new secret feed address; the old one stops answering."""
    rs = settings_for(user)
    rs.calendar_token = secrets.token_urlsafe(32)
    rs.save()
    return rs


def calendar_revoke(*, user) -> None:
    ReminderSettings.objects.filter(user=user).update(calendar_token="")


def push_subscribe(*, user, endpoint: str, p256dh: str, auth: str) -> PushSubscription:
    sub, _ = PushSubscription.objects.update_or_create(
        endpoint=endpoint, defaults={"user": user, "p256dh": p256dh, "auth": auth}
    )
    return sub


def tips_subscribe(
    *,
    email: str,
    zone: str,
    send_time: time,
    user_id: int | None,
    language: str = "",
    now: datetime | None = None,
) -> TipSubscription:
    """Confirmed: store the address and when the first tip goes out (tip 1, next chosen time)."""
    now = now or timezone.now()
    sub = TipSubscription.objects.filter(email__iexact=email).first()
    if sub is not None:
        return sub  # already subscribed: a second confirmation changes nothing
    sub = TipSubscription(
        email=email,
        user_id=user_id,
        confirmed_at=now,
        zone=zone,
        send_time=send_time,
        language=language,
    )
    sub.next_at = next_tip_at(sub, now)
    sub.save()
    return sub


def unsubscribe(what: str, pk: int) -> bool:
    """One click: reminder emails off for the person, or the tips subscription deleted."""
    if what == "reminders":
        return ReminderSettings.objects.filter(user_id=pk).update(email=False) > 0
    if what == "tips":
        return TipSubscription.objects.filter(pk=pk).delete()[0] > 0
    return False
