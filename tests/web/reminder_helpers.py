"""Factories and helpers for the reminder tests: settings, running the scheduler and the worker."""

from datetime import time
from unittest import mock

from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker

from coach.accounts.models import LanguageChoice
from coach.reminders import planning
from coach.reminders.models import ReminderSettings
from coach.reminders.scheduler import tick


def make_reminders(
    user,
    *,
    zone: str = "Europe/London",
    times: dict[str, list[str]] | None = None,
    days: list[int] | None = None,
    quiet: tuple[time, time] | None = (time(22), time(7)),
    follow_up: bool = False,
    email: bool = True,
    push: bool = False,
) -> ReminderSettings:
    return ReminderSettings.objects.create(
        user=user,
        zone=zone,
        times=times if times is not None else {"morning-hamstring": ["07:30"]},
        days=days if days is not None else list(range(7)),
        quiet_start=quiet[0] if quiet else None,
        quiet_end=quiet[1] if quiet else None,
        follow_up=follow_up,
        email=email,
        push=push,
    )


def run_worker() -> None:
    """Run every task that is ready, then stop: django-tasks-db's worker in batch mode, in this
    process and on the test's database connection (which it would otherwise close)."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    with mock.patch.object(db_worker, "close_old_connections"):
        worker.run()


def speaks(user, lang: str) -> None:
    """The person picked `lang` (what the worker writes to them in)."""
    LanguageChoice.objects.create(user=user, language=lang, chosen_at=timezone.now())


def tick_and_send(now) -> None:
    tick(now)
    run_worker()


__all__ = ["make_reminders", "planning", "run_worker", "speaks", "tick_and_send"]
