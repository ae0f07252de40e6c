"""`manage.py reminders status|tick|worker`: what is queued, sent and failed; one scheduler
tick; or the worker (the scheduler ticking each minute beside django-tasks-db's task worker)."""

import signal
import threading
from datetime import timedelta
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Count
from django.utils import timezone

from coach.reminders import scheduler
from coach.reminders.models import Delivery, ReminderSlot, TipSubscription


class Command(BaseCommand):
    help = (
        "Reminders. status: what is planned, queued, sent and failed. tick: one scheduler "
        "tick now. worker: tick every minute and run the queued sends (e.g. `manage.py "
        "reminders worker`); stop with Ctrl-C."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["status", "tick", "worker"])
        parser.add_argument(
            "--every", type=float, default=60.0, help="worker: seconds between ticks (60)"
        )
        parser.add_argument(
            "--no-scheduler", action="store_true", help="worker: run sends only, no ticks"
        )

    def handle(self, *args: Any, action: str, every: float, no_scheduler: bool, **opts: Any):
        if action == "status":
            self.stdout.write(status())
        elif action == "tick":
            self.stdout.write(str(scheduler.tick()))
        else:
            self.worker(every, not no_scheduler)

    def worker(self, every: float, with_scheduler: bool) -> None:
        stop = threading.Event()
        if with_scheduler:
            thread = threading.Thread(
                target=scheduler.run_forever, args=(stop, every), daemon=True, name="scheduler"
            )
            thread.start()
            self.stdout.write(f"Scheduler ticking every {every:g} s.")
        previous = signal.getsignal(signal.SIGTERM)
        try:
            call_command("db_worker", "--no-reload", "--interval", "1", verbosity=0)
        finally:
            stop.set()
            signal.signal(signal.SIGTERM, previous)


def status() -> str:
    """Slots by status (today and in all), deliveries in the last day, tips subscriptions."""
    now = timezone.now()
    by_status = dict(
        ReminderSlot.objects.values_list("status").annotate(n=Count("id")).order_by("status")
    )
    due_now = ReminderSlot.objects.filter(status="planned", due_at__lte=now).count()
    day = now - timedelta(days=1)
    sent = Delivery.objects.filter(at__gte=day, ok=True).count()
    failed = Delivery.objects.filter(at__gte=day, ok=False).count()
    lines = ["Reminder slots:"]
    for name, label in ReminderSlot.STATUSES:
        lines.append(f"  {label.lower():<9} {by_status.get(name, 0):>8}")
    lines += [
        f"  due now, not yet queued: {due_now}",
        f"Deliveries in the last 24 h: {sent} sent, {failed} failed tries",
        f"Tips subscriptions: {TipSubscription.objects.count()}",
    ]
    last_failed = Delivery.objects.filter(ok=False).first()
    if last_failed is not None:
        lines.append(f"Last failure: {last_failed.at:%Y-%m-%d %H:%M} {last_failed.detail}")
    return "\n".join(lines)
