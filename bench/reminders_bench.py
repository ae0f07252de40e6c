"""Reminders at scale on PostgreSQL: the scheduler tick for 100,000 people with reminders, and
the send rate to a local SMTP sink.

A throw-away database (`reminders_bench` on 127.0.0.1:5432, or BENCH_PG_URL) holds 100,000
people with a reminder each at the same local minute (the worst minute: everyone at 07:30) plus
a day of other slots. Measured: a tick in a quiet minute, the tick that claims and enqueues all
100,000 due slots, planning a person's slots, and sending queued reminders one by one to an
aiosmtpd sink on loopback (each send reads the person's plan and safety answers, as in
production). Exits 1 when a budget fails.

`python bench/reminders_bench.py` prints a Markdown section; bench/run.py includes it.
"""

from __future__ import annotations

import os
import socket
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = int(os.environ.get("BENCH_REMINDER_PEOPLE", 100_000))
SENDS = 300
PLANNED = 500
BUDGET_QUIET_MS = 50
BUDGET_BUSY_S = 60
"""Everyone's 07:30 reminder must be claimed and enqueued within the minute."""
BUDGET_PLAN_MS = 100
"""Per person: 100,000 people re-planned twice a day is about 140 a minute."""
BUDGET_SENDS_PER_S = 5


def _setup(url: str) -> None:
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    os.environ.update(
        {
            "VAR_DIR": tempfile.mkdtemp(prefix="sciatica-reminders-"),
            "DJANGO_SETTINGS_MODULE": "coach.settings",
            "DATABASE_URL": url,
            "DEBUG": "0",
            "SECRET_KEY": "bench-reminders",
        }
    )
    warnings.filterwarnings("ignore", message="No directory at")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _seed(now: datetime) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from coach.reminders.models import ReminderSettings, ReminderSlot

    user_model = get_user_model()
    password = make_password(None)
    users = [
        user_model(username=f"p{n}@example.org", email=f"p{n}@example.org", password=password)
        for n in range(PEOPLE)
    ]
    user_model.objects.bulk_create(users, batch_size=5000)
    ids = list(user_model.objects.order_by("pk").values_list("pk", flat=True))
    ReminderSettings.objects.bulk_create(
        [
            ReminderSettings(
                user_id=uid,
                times={"morning-hamstring": ["07:30"], "relief": ["12:30"]},
                days=list(range(7)),
                planned_until=now + timedelta(hours=30),
            )
            for uid in ids
        ],
        batch_size=5000,
    )
    day = now.date()
    slots = []
    for uid in ids:
        for reminder, later in (("morning-hamstring", 0), ("relief", 5)):
            slots.append(
                ReminderSlot(
                    user_id=uid,
                    reminder=reminder,
                    local_date=day,
                    slot_time=now.time(),
                    due_at=now + timedelta(hours=later),
                )
            )
    ReminderSlot.objects.bulk_create(slots, batch_size=10000)


def measure(now: datetime) -> dict:
    from django.db import connection

    from coach.reminders import planning, scheduler
    from coach.reminders.models import ReminderSettings, ReminderSlot

    with connection.cursor() as c:
        c.execute("ANALYZE")
    started = time.perf_counter()
    quiet = scheduler.tick(now - timedelta(minutes=1))
    quiet_ms = (time.perf_counter() - started) * 1000
    assert quiet.queued == 0
    started = time.perf_counter()
    queued = 0
    while True:
        n = scheduler.claim_due(now)
        if not n:
            break
        queued += n
    busy_s = time.perf_counter() - started
    assert queued == PEOPLE, queued
    people = list(ReminderSettings.objects.order_by("pk")[:PLANNED])
    started = time.perf_counter()
    for rs in people:
        planning.plan_person(rs, now)
    plan_ms = (time.perf_counter() - started) * 1000 / len(people)
    return {
        "quiet_ms": quiet_ms,
        "busy_s": busy_s,
        "queued": queued,
        "plan_ms": plan_ms,
        "slots": ReminderSlot.objects.count(),
    }


def send_rate() -> dict:
    """Sends to an aiosmtpd sink: queued slots of people with consent and a clear screen."""
    from aiosmtpd.controller import Controller
    from django.test import override_settings
    from django.utils import timezone

    from coach.accounts.models import CONSENT_VERSION, Consent, ScreeningResponse
    from coach.reminders.models import ReminderSlot
    from coach.reminders.sending import deliver_slot
    from stretching.screening import QUESTIONS, SCREEN_VERSION

    class Sink:
        count = 0

        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            Sink.count += 1
            return "250 OK"

    now = timezone.now()
    slots = list(ReminderSlot.objects.filter(status="queued").order_by("pk")[:SENDS])
    for s in slots:
        s.due_at = now
        s.save(update_fields=["due_at"])
    Consent.objects.bulk_create(
        [Consent(user_id=s.user_id, version=CONSENT_VERSION, given_at=now) for s in slots]
    )
    answers = {q.id: False for q in QUESTIONS}
    ScreeningResponse.objects.bulk_create(
        [ScreeningResponse(user_id=s.user_id, kind="full", screen_version=SCREEN_VERSION,
                           answers=answers, outcome="clear", answered_at=now) for s in slots]
    )  # fmt: skip
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    mailers = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    try:
        with override_settings(MAILERS=mailers, SITE_URL="http://127.0.0.1:8000"):
            started = time.perf_counter()
            outcomes = [deliver_slot(s.pk, now=now + timedelta(seconds=30)) for s in slots]
            elapsed = time.perf_counter() - started
    finally:
        controller.stop()
    if outcomes.count("sent") != len(slots):
        print(sorted(set(outcomes)), file=sys.stderr)
    return {
        "sent": outcomes.count("sent"),
        "received": Sink.count,
        "per_s": len(slots) / elapsed,
        "ms_each": elapsed * 1000 / len(slots),
    }


def verdict(ok: bool) -> str:
    return "**PASS**" if ok else "**FAIL**"


def section(r: dict, s: dict) -> tuple[list[str], bool]:
    checks = {
        "quiet": r["quiet_ms"] < BUDGET_QUIET_MS,
        "busy": r["busy_s"] < BUDGET_BUSY_S,
        "plan": r["plan_ms"] < BUDGET_PLAN_MS,
        "send": s["per_s"] >= BUDGET_SENDS_PER_S and s["received"] == s["sent"] == SENDS,
    }
    lines = [
        f"PostgreSQL, {PEOPLE:,} people with reminders ({r['slots']:,} stored slots), all due "
        "at the same minute (everyone's 07:30), measured in one process.",
        "",
        "| measure | result | budget | verdict |",
        "|---|---|---|---|",
        f"| scheduler tick, a quiet minute | {r['quiet_ms']:.1f} ms | < {BUDGET_QUIET_MS} ms "
        f"| {verdict(checks['quiet'])} |",
        f"| claim and enqueue {r['queued']:,} due slots (busiest minute) | {r['busy_s']:.1f} s "
        f"| < {BUDGET_BUSY_S} s | {verdict(checks['busy'])} |",
        f"| planning one person's slots (36 h ahead) | {r['plan_ms']:.1f} ms "
        f"| < {BUDGET_PLAN_MS} ms | {verdict(checks['plan'])} |",
        f"| sending to a local SMTP sink, one worker | {s['per_s']:.1f} emails/s "
        f"({s['ms_each']:.0f} ms each; {s['received']} of {SENDS} received) "
        f"| >= {BUDGET_SENDS_PER_S}/s | {verdict(checks['send'])} |",
        "",
        "A send reads the person's plan, safety answers and recent sessions, then talks SMTP on "
        "a new connection; at this rate one worker sends about "
        f"{s['per_s'] * 3600:,.0f} reminders an hour, so the busiest minute's 100,000 emails "
        "need more workers (each claims its own tasks) or batched SMTP connections.",
        "",
    ]
    return lines, all(checks.values())


if __name__ == "__main__":
    _setup(os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/reminders_bench"))
    moment = datetime(2026, 11, 16, 7, 30, tzinfo=UTC)
    _seed(moment)
    result = measure(moment)
    sends = send_rate()
    lines, ok = section(result, sends)
    print("\n".join(lines))
    sys.exit(0 if ok else 1)
