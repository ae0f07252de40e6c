"""The scheduler tick, once a minute: plan the people whose stored slots run out, then claim
every slot (and tip email) that is due and enqueue its sending on the task queue.

Claiming locks the due rows with `select_for_update(skip_locked=True)` and marks them queued
in the same transaction, so two schedulers running at once claim disjoint rows and each slot
is enqueued once; the send itself locks the row again and sends only a queued one
(coach/reminders/sending.py).
"""

import logging
import threading
import time as clock
from dataclasses import dataclass
from datetime import datetime

from django.db import close_old_connections, transaction
from django.utils import timezone

from . import planning, tasks
from .models import ReminderSlot, TipSubscription

log = logging.getLogger(__name__)

CLAIM_LIMIT = 20_000
"""Slots claimed in one tick at most; the rest are claimed the next minute."""
TASK_BATCH = 100
"""Slots per send task: fewer rows on the queue when many people share a time."""


@dataclass(frozen=True)
class Tick:
    planned: int
    queued: int
    tips: int


def tick(now: datetime | None = None) -> Tick:
    """One tick of the scheduler."""
    now = now or timezone.now()
    planned = planning.replan_due(now)
    return Tick(planned, claim_due(now), claim_tips(now))


def claim_due(now: datetime, limit: int = CLAIM_LIMIT) -> int:
    """Mark every planned slot due by now as queued and enqueue its sending."""
    with transaction.atomic():
        ids = list(
            ReminderSlot.objects.select_for_update(skip_locked=True)
            .filter(status="planned", due_at__lte=now)
            .order_by("due_at")
            .values_list("pk", flat=True)[:limit]
        )
        if not ids:
            return 0
        ReminderSlot.objects.filter(pk__in=ids).update(status="queued")
        for start in range(0, len(ids), TASK_BATCH):
            tasks.send_slots.enqueue(ids[start : start + TASK_BATCH])
    return len(ids)


def claim_tips(now: datetime) -> int:
    """Enqueue the next tip of every subscription whose time has come."""
    with transaction.atomic():
        due = list(
            TipSubscription.objects.select_for_update(skip_locked=True)
            .filter(next_at__lte=now)
            .values_list("pk", "next_number")[:CLAIM_LIMIT]
        )
        if not due:
            return 0
        TipSubscription.objects.filter(pk__in=[pk for pk, _ in due]).update(next_at=None)
        for pk, number in due:
            tasks.send_tip.enqueue(pk, number)
    return len(due)


def run_forever(stop: threading.Event, every: float = 60.0) -> None:
    """Tick at the start of every minute until `stop` is set."""
    while not stop.is_set():
        close_old_connections()
        try:
            result = tick()
            if result.queued or result.tips:
                log.info("tick: %s", result)
        except Exception:  # a failed tick is retried the next minute, not fatal
            log.exception("scheduler tick failed")
        wait = every - (clock.time() % every) if every >= 1 else every
        stop.wait(wait)
