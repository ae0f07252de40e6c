"""Keeping each person's reminder slots stored ahead: the core works out the slots of every
reminder the person set (stretching.reminders.slots), and they are written under their unique
key, so planning twice (or by two schedulers at once) stores each slot once. Whether a slot
goes out is decided when its moment comes, from the plan as it is then."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q

from stretching import reminders

from .models import ReminderSettings, ReminderSlot
from .people import schedule_of

HORIZON = timedelta(hours=36)
"""[design] Slots are stored this far ahead..."""
REPLAN_WITHIN = timedelta(hours=24)
"""...and worked out again once fewer than this many hours of them are left."""
REPLAN_BATCH = 500
"""People planned per scheduler tick at most (the rest wait for the next minute)."""


def plan_person(rs: ReminderSettings, now: datetime) -> int:
    """Store the person's slots from now to the horizon, and drop stored ones that are no
    longer chosen (times, days, zone or pause changed). Returns how many it wanted."""
    schedule = schedule_of(rs)
    wanted = {s.key: s for s in reminders.slots(None, schedule, now, now + HORIZON)}
    stored = ReminderSlot.objects.filter(user_id=rs.user_id, status="planned", due_at__gt=now)
    for row in stored:
        kind: reminders.Kind = "follow-up" if row.kind == "follow-up" else "reminder"
        slot = wanted.get((row.reminder, row.local_date, row.slot_time, kind))
        if slot is None:
            row.delete()
        elif slot.at != row.due_at or slot.index != row.position:
            row.due_at, row.position = slot.at, slot.index
            row.save(update_fields=["due_at", "position"])
    rows = [
        ReminderSlot(
            user_id=rs.user_id,
            reminder=s.reminder_id,
            local_date=s.local_date,
            slot_time=s.slot_time,
            kind=s.kind,
            position=s.index,
            due_at=s.at,
        )
        for s in wanted.values()
    ]
    ReminderSlot.objects.bulk_create(rows, ignore_conflicts=True)
    rs.planned_until = now + HORIZON
    rs.save(update_fields=["planned_until"])
    return len(rows)


def replan(*, user, now: datetime) -> None:
    """The person changed their settings, or a clinician assigned them a routine or took one
    back (`user`: the person or their id): their slots follow at once."""
    with transaction.atomic():
        rs = ReminderSettings.objects.select_for_update().filter(user=user).first()
        if rs is not None:
            plan_person(rs, now)


def replan_due(now: datetime, limit: int = REPLAN_BATCH) -> int:
    """Plan the people whose stored slots run out soon. Rows locked by another scheduler are
    skipped (it is planning them), so two schedulers share the work."""
    planned = 0
    with transaction.atomic():
        due = (
            ReminderSettings.objects.select_for_update(skip_locked=True)
            .filter(Q(planned_until__isnull=True) | Q(planned_until__lt=now + REPLAN_WITHIN))
            .filter(Q(email=True) | Q(push=True))
            .order_by("planned_until")[:limit]
        )
        for rs in due:
            plan_person(rs, now)
            planned += 1
    return planned
