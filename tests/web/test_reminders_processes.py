"""The reminder worker as real processes (`manage.py reminders worker`: the scheduler ticking
beside django-tasks-db's worker) against the test database and a real SMTP server on loopback:
two workers and two schedulers send each due reminder exactly once, and a send while the SMTP
server is down is retried with backoff and delivered once it is back."""

import email
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from coach.reminders.models import Delivery, ReminderSlot

from .factories import make_user
from .reminder_helpers import make_reminders
from .test_accounts_password import Inbox, _free_port
from .test_cli_play import _database_url

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.processes]
ROOT = Path(__file__).resolve().parents[2]


class Worker:
    """`manage.py reminders worker` in its own process, ticking every half second."""

    def __init__(self, smtp_port: int, log: Path, **env: str):
        test_only = ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
        base = {k: v for k, v in os.environ.items() if k not in test_only}
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, "manage.py", "reminders", "worker", "--every", "0.5"],
            cwd=ROOT,
            env=base
            | {
                "DATABASE_URL": _database_url(),
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(smtp_port),
                "REMINDERS_RETRY_SECONDS": "1",
                "DEBUG": "1",
            }
            | env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def due_slots(users, *, minutes_ago: int = 1) -> list[ReminderSlot]:
    """A morning reminder for each person, due a minute ago (planning is tested elsewhere)."""
    now = timezone.now()
    local = timezone.localtime(now)
    return [
        ReminderSlot.objects.create(
            user=u,
            reminder="morning-hamstring",
            local_date=local.date(),
            slot_time=local.time().replace(second=0, microsecond=0),
            due_at=now - timedelta(minutes=minutes_ago),
        )
        for u in users
    ]


def wait_for(condition, timeout: float, what: str, logs=()) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    text = "\n".join(p.read_text()[-3000:] for p in logs)
    raise AssertionError(f"timed out waiting for {what}\n{text}")


def recipients(inbox: Inbox) -> Counter:
    return Counter(addr for m in inbox.messages for addr in m["to"])


def subjects(inbox: Inbox) -> set[str]:
    return {
        email.message_from_string(m["data"], policy=policy.default)["Subject"]
        for m in inbox.messages
    }


@pytest.fixture
def smtp_port():
    return _free_port()


def start_smtp(port: int, inbox: Inbox) -> Controller:
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller


def test_two_workers_and_two_schedulers_send_each_due_reminder_exactly_once(tmp_path, smtp_port):
    people = [make_user(f"p{n}@example.org") for n in range(150)]
    for u in people:
        make_reminders(u)
    due_slots(people)
    inbox = Inbox()
    server = start_smtp(smtp_port, inbox)
    workers = [Worker(smtp_port, tmp_path / f"worker{n}.log") for n in (1, 2)]
    try:
        wait_for(
            lambda: (
                not ReminderSlot.objects.exclude(status__in=["sent", "planned"]).exists()
                and ReminderSlot.objects.filter(status="sent").count() == len(people)
            ),
            120,
            "every slot sent",
            [w.log for w in workers],
        )
        time.sleep(3)  # anything sent twice would arrive by now
    finally:
        for w in workers:
            w.stop()
        server.stop()
    assert recipients(inbox) == Counter({u.email: 1 for u in people})
    assert subjects(inbox) == {"Time for your morning hamstring"}
    assert Delivery.objects.filter(ok=True).count() == len(people)
    worked = {w.log.read_text().count("Scheduler ticking") for w in workers}
    assert worked == {1}  # both processes ran a scheduler


def test_a_send_while_smtp_is_down_is_retried_and_delivered_once_when_it_returns(
    tmp_path, smtp_port
):
    first, second = make_user("first@example.org"), make_user("second@example.org")
    for u in (first, second):
        make_reminders(u)
    inbox = Inbox()
    server = start_smtp(smtp_port, inbox)
    worker = Worker(smtp_port, tmp_path / "worker.log")
    try:
        due_slots([first])
        wait_for(lambda: len(inbox.messages) == 1, 60, "the first email", [worker.log])
        server.stop()  # the SMTP server goes down
        [slot] = due_slots([second])
        wait_for(
            lambda: Delivery.objects.filter(slot=slot, ok=False).count() >= 2,
            60,
            "two failed tries",
            [worker.log],
        )
        slot.refresh_from_db()
        assert slot.status == "queued"  # not lost: waiting for its next try
        server = start_smtp(smtp_port, inbox)  # and comes back
        wait_for(
            lambda: ReminderSlot.objects.filter(pk=slot.pk, status="sent").exists(),
            90,
            "the retried email",
            [worker.log],
        )
        time.sleep(3)
    finally:
        worker.stop()
        server.stop()
    assert recipients(inbox) == Counter({"first@example.org": 1, "second@example.org": 1})
    tries = list(Delivery.objects.filter(slot=slot).order_by("at").values_list("ok", "at"))
    assert [ok for ok, _ in tries][-1] is True and not any(ok for ok, _ in tries[:-1])
    gaps = [b - a for (_, a), (_, b) in zip(tries, tries[1:], strict=False)]
    assert gaps == sorted(gaps) or len(gaps) < 3  # waits grow: backoff
