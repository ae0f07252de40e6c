"""Today's cost on day 1 and in year 3: in process (Django test client), one run.

A new person (no history) and a faithful one (three years of the relief sequence ten times a
day, 10,950 sessions with their outcomes, and a check-in every evening) in a throw-away SQLite
database; the faithful person's kept plan state is rebuilt first, as `rebuild_plans` does after
a rules change. Each Today is fetched `RUNS` times after warm-ups; the report gives medians and
their ratio, and the queries each page made.

`python bench/today_inprocess.py` prints a Markdown section; bench/run.py includes it.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
import warnings
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 41
WARMUPS = 5
YEARS = 3
PER_DAY = 10


def _setup() -> None:
    var = tempfile.mkdtemp(prefix="sciatica-today-")
    os.environ.update(
        {
            "VAR_DIR": var,
            "DJANGO_SETTINGS_MODULE": "coach.settings",
            "DEBUG": "0",
            "SECRET_KEY": "bench-today",
            "ALLOWED_HOSTS": "testserver",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no static root
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    # The page under test, not static file hashing: serve static names as they are.
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _person(email: str):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from coach.accounts.models import CONSENT_VERSION, Consent, ScreeningResponse
    from stretching.screening import QUESTIONS, SCREEN_VERSION

    user = get_user_model().objects.create_user(username=email, email=email, password="x-123456")
    start = timezone.now() - timedelta(days=365 * YEARS + 1)
    Consent.objects.create(user=user, version=CONSENT_VERSION, given_at=start)
    ScreeningResponse.objects.create(
        user=user,
        kind="full",
        screen_version=SCREEN_VERSION,
        answers={q.id: False for q in QUESTIONS},
        outcome="clear",
        answered_at=start,
    )
    return user


def _history(user) -> int:
    """Three years at ten sessions a day, every evening a check-in; returns sessions made."""
    from django.utils import timezone

    from coach.diary.models import CheckIn
    from coach.practice.models import ExerciseOutcome, PracticeSession
    from stretching import catalogue
    from stretching.timeline import compile_timeline

    relief = compile_timeline(catalogue.default(), "relief-sequence")
    days = 365 * YEARS
    first = timezone.now().replace(hour=6, minute=0, second=0, microsecond=0) - timedelta(days=days)
    sessions = []
    for day in range(days):
        for i in range(PER_DAY):
            started = first + timedelta(days=day, minutes=75 * i)
            sessions.append(
                PracticeSession(
                    user=user,
                    routine_id="relief-sequence",
                    source="web",
                    started_at=started,
                    ended_at=started + timedelta(seconds=relief.total_seconds),
                    completed=True,
                    planned_seconds=relief.total_seconds,
                    practised_seconds=relief.total_seconds,
                    idempotency_key=f"today-bench-{day}-{i}",
                )
            )
    PracticeSession.objects.bulk_create(sessions, batch_size=2000)
    saved = PracticeSession.objects.filter(user=user).values_list("pk", flat=True)
    ExerciseOutcome.objects.bulk_create(
        (
            ExerciseOutcome(
                session_id=pk,
                position=n,
                exercise_id=eid,
                outcome="done",
                side="",
                held_seconds=60,
                planned_seconds=60,
            )
            for pk in saved
            for n, eid in enumerate(relief.exercise_ids)
        ),
        batch_size=5000,
    )
    CheckIn.objects.bulk_create(
        CheckIn(
            user=user,
            at=first + timedelta(days=day, hours=14),
            leg_pain=max(1, 6 - day // 180),
            back_pain=2,
        )
        for day in range(days)
    )
    return len(sessions)


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    for _ in range(WARMUPS):
        assert client.get("/today/").status_code == 200
    return client


def _get_ms(client) -> float:
    began = time.perf_counter()
    response = client.get("/today/")
    took = (time.perf_counter() - began) * 1000
    assert response.status_code == 200
    return took


def _queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get("/today/")
    return len(ctx.captured_queries)


def _time_both(new, faithful) -> tuple[float, float]:
    """Medians of GETs taken in turns, so a busy moment of a shared machine hits both alike."""
    a, b = _client(new), _client(faithful)
    times_a, times_b = [], []
    for _ in range(RUNS):
        times_a.append(_get_ms(a))
        times_b.append(_get_ms(b))
    return statistics.median(times_a), statistics.median(times_b)


def measure() -> dict:
    _setup()
    from django.core.management import call_command, get_commands

    new = _person("new@bench.example")
    faithful = _person("faithful@bench.example")
    began = time.perf_counter()
    count = _history(faithful)
    seeded = time.perf_counter() - began
    rebuilt = None
    if "rebuild_plans" in get_commands():
        began = time.perf_counter()
        call_command("rebuild_plans", "--email", faithful.email, stdout=io.StringIO())
        rebuilt = time.perf_counter() - began
    new_ms, faithful_ms = _time_both(new, faithful)
    new_queries, faithful_queries = _queries(_client(new)), _queries(_client(faithful))
    return {
        "sessions": count,
        "seeded_s": seeded,
        "rebuilt_s": rebuilt,
        "new_ms": new_ms,
        "new_queries": new_queries,
        "faithful_ms": faithful_ms,
        "faithful_queries": faithful_queries,
        "ratio": faithful_ms / new_ms,
    }


def section(r: dict) -> list[str]:
    rebuilt = (
        f"kept plan state rebuilt in {r['rebuilt_s']:.1f} s"
        if r["rebuilt_s"] is not None
        else "no kept plan state in this version"
    )
    return [
        "## Today on day 1 and in year 3 (in process)",
        "",
        f"`python bench/today_inprocess.py` (run by `make bench`): Django test client, SQLite, "
        f"`DEBUG=0`; {WARMUPS} warm-ups then the median of {RUNS} GETs of `/today/` each, "
        f"taken in turns. The faithful person has {r['sessions']:,} sessions ({YEARS} years "
        "of the relief sequence "
        f"{PER_DAY} times a day, with outcomes) and a check-in every day ({rebuilt}).",
        "",
        "| person | Today, median | queries | budget | result |",
        "|---|---|---|---|---|",
        f"| new, no history | {r['new_ms']:.1f} ms | {r['new_queries']} | | |",
        f"| {YEARS} years at {PER_DAY} sessions a day | {r['faithful_ms']:.1f} ms "
        f"| {r['faithful_queries']} | within 1.5x of new | "
        f"{'**PASS**' if r['ratio'] <= 1.5 else '**FAIL**'} ({r['ratio']:.2f}x) |",
        "",
    ]


if __name__ == "__main__":
    result = measure()
    print("\n".join(section(result)))
    sys.exit(0 if result["ratio"] <= 1.5 else 1)
