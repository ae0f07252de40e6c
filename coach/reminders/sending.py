"""Sending one claimed slot (or tip), exactly once: the row is locked for the send and marked
sent in the same transaction; a channel that fails is retried later with backoff, and a
channel already delivered is not sent again on the retry.

Whether the slot still goes out is decided now, from the person's plan as it is now
(stretching.reminders.decide): done already, consent withdrawn, routines locked, paused.
"""

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from stretching import reminders, tips

from . import emails, push, words
from .models import Delivery, ReminderSettings, ReminderSlot, TipSubscription
from .people import blocked_of, core_slot, plan_of, schedule_of, sessions_of

log = logging.getLogger(__name__)


def backoff(attempts: int) -> timedelta:
    """Wait before try number `attempts + 1`: doubling from REMINDERS_RETRY_SECONDS."""
    base = settings.REMINDERS_RETRY_SECONDS
    return timedelta(seconds=min(base * 2 ** max(0, attempts - 1), 3600))


def deliver_slot(slot_id: int, now: datetime | None = None) -> str:
    """Send a queued slot on the person's channels; what happened, in a word."""
    now = now or timezone.now()
    with transaction.atomic():
        slot = ReminderSlot.objects.select_for_update().filter(pk=slot_id).first()
        if slot is None or slot.status != "queued":
            return "not queued"
        rs = ReminderSettings.objects.filter(user_id=slot.user_id).select_related("user").first()
        if rs is None:
            return _finish(slot, "skipped", "no settings")
        user = rs.user
        schedule = schedule_of(rs)
        plan = plan_of(user, rs.zone, now)
        sessions = sessions_of(user, now)
        core = core_slot(slot)
        late = None if slot.attempts else reminders.MAX_LATE
        decision = reminders.decide(
            core, plan, schedule, sessions, now, blocked=blocked_of(user, now), late_after=late
        )
        if not decision.send:
            return _finish(slot, "skipped", decision.reason)
        message = reminders.message(core, plan, sessions, ZoneInfo(rs.zone))
        lang = words.language_of(rs.user_id, rs.language)
        with translation.override(lang):
            message = words.reminder_message(message, core, plan, lang)
        senders = _channels(rs, slot, lang)
        if not senders:
            return _finish(slot, "skipped", "no channel")
        failed = []
        for channel, send in senders.items():
            try:
                detail = send(message)
            except Exception as exc:  # any failure is logged and retried
                failed.append(channel)
                _log(slot=slot, channel=channel, ok=False, detail=repr(exc), now=now)
            else:
                _log(slot=slot, channel=channel, ok=True, detail=detail, now=now)
        if not failed:
            slot.sent_at = now
            return _finish(slot, "sent", "")
        return _retry(slot, now, ",".join(failed))


def _channels(rs: ReminderSettings, slot: ReminderSlot, lang: str) -> dict:
    """The person's channels not yet delivered for this slot, each a function of the message."""
    done = set(slot.deliveries.filter(ok=True).values_list("channel", flat=True))
    found = {}
    if rs.email and rs.user.email and "email" not in done:
        found["email"] = lambda m: _email(rs, m, lang)
    if rs.push and "push" not in done and rs.user.push_subscriptions.exists():
        found["push"] = lambda m: push.send_reminder(rs.user, m, lang)
    return found


def _email(rs: ReminderSettings, message: reminders.Message, lang: str) -> str:
    emails.send_reminder(to=rs.user.email, user_id=rs.user_id, message=message, lang=lang)
    return ""


def _log(*, slot=None, tips_sub=None, number=None, channel, ok, detail, now) -> None:
    Delivery.objects.create(
        slot=slot,
        tips=tips_sub,
        tip_number=number,
        channel=channel,
        at=now,
        ok=ok,
        detail=(detail or "")[:200],
    )


def _finish(slot: ReminderSlot, status: str, reason: str) -> str:
    slot.status, slot.reason = status, reason
    slot.save(update_fields=["status", "reason", "sent_at", "attempts"])
    return status if not reason else f"{status}: {reason}"


def _retry(slot: ReminderSlot, now: datetime, failed: str) -> str:
    from . import tasks

    slot.attempts += 1
    if slot.attempts >= settings.REMINDERS_MAX_ATTEMPTS:
        return _finish(slot, "failed", f"{failed} failed {slot.attempts} times")
    slot.save(update_fields=["attempts"])
    later = now + backoff(slot.attempts)
    tasks.send_slots.using(run_after=later).enqueue([slot.pk])
    return f"retry at {later:%H:%M:%S}"


def deliver_tip(subscription_id: int, number: int, now: datetime | None = None) -> str:
    """Send tip `number` of a subscription once; the next one follows a day later."""
    now = now or timezone.now()
    with transaction.atomic():
        sub = TipSubscription.objects.select_for_update().filter(pk=subscription_id).first()
        if sub is None or sub.next_number != number or sub.next_at is not None:
            return "not queued"
        if sub.deliveries.filter(ok=True, tip_number=number).exists():
            return "already sent"
        lang = words.language_of(sub.user_id, sub.language)
        tip = words.tips_for(lang).number(number)
        try:
            emails.send_tip(to=sub.email, subscription_id=sub.pk, tip=tip, lang=lang)
        except Exception as exc:
            _log(tips_sub=sub, number=number, channel="email", ok=False, detail=repr(exc), now=now)
            failures = sub.deliveries.filter(ok=False, tip_number=number).count()
            if failures < settings.REMINDERS_MAX_ATTEMPTS:
                from . import tasks

                tasks.send_tip.using(run_after=now + backoff(failures)).enqueue(sub.pk, number)
                return "retry"
            sub.next_at = next_tip_at(sub, now + timedelta(hours=12))  # the same tip tomorrow
            sub.save(update_fields=["next_at"])
            return "failed"
        if number >= tips.SERIES_LENGTH:
            sub.delete()  # the series is over: nothing about the reader is kept
            return "sent, series over"
        _log(tips_sub=sub, number=number, channel="email", ok=True, detail="", now=now)
        sub.next_number = number + 1
        sub.next_at = next_tip_at(sub, now + timedelta(hours=12))
        sub.save(update_fields=["next_number", "next_at"])
        return "sent"


def next_tip_at(sub: TipSubscription, after: datetime) -> datetime:
    """The first moment of the chosen local time after `after`."""
    tz = ZoneInfo(sub.zone)
    day = after.astimezone(tz).date()
    for offset in range(3):
        at = reminders.local_moment(day + timedelta(days=offset), sub.send_time, tz)
        if at > after:
            return at
    raise AssertionError("a chosen time happens within three days")
