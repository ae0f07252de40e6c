"""The API's list endpoints with 10 and with 10,000 sessions (and check-ins) per person, in
process (Django test client): a page costs the same however long the history (cursors).

A throw-away SQLite database holds two people, one with 10 sessions and 10 check-ins, one
with 10,000 of each; each lists sessions and check-ins with a token, the first page and a page
deep in the history (by the cursor the pages before gave), `RUNS` times after warm-ups.

`python bench/api_bench.py` prints a Markdown section (bench/run.py includes it) and exits 1
when a budget fails.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 21
WARMUPS = 3
SMALL, LARGE = 10, 10_000
BUDGET_RATIO = 1.5
"""The long history's median page may take at most this much longer than the short one's."""
SLACK_MS = 2.0
"""Plus this, so timer noise on a sub-10 ms page does not fail the run."""


def _setup() -> str:
    var = tempfile.mkdtemp(prefix="sciatica-api-")
    os.environ.update(
        {
            "VAR_DIR": var,
            "DJANGO_SETTINGS_MODULE": "coach.settings",
            "DEBUG": "0",
            "SECRET_KEY": "bench-api",
            "ALLOWED_HOSTS": "testserver",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    warnings.filterwarnings("ignore", message="No directory at")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    settings.API_TOKEN_REQUESTS_PER_MINUTE = 1_000_000
    call_command("migrate", verbosity=0, interactive=False)
    return var


def _person(email: str, count: int) -> str:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from coach.accounts.models import CONSENT_VERSION, Consent
    from coach.api.tokens import token_create
    from coach.diary.models import CheckIn
    from coach.practice.models import ExerciseOutcome, PracticeSession

    user = get_user_model().objects.create_user(username=email, email=email, password="x-1234")
    now = timezone.now()
    Consent.objects.create(user=user, version=CONSENT_VERSION, given_at=now - timedelta(days=9999))
    sessions = PracticeSession.objects.bulk_create(
        PracticeSession(
            user=user,
            routine_id="hip-flexor",
            source="web",
            started_at=now - timedelta(hours=6 * i + 1),
            ended_at=now - timedelta(hours=6 * i + 1) + timedelta(seconds=161),
            completed=True,
            planned_seconds=160,
            practised_seconds=160,
            idempotency_key=f"bench-{i}",
        )
        for i in range(count)
    )
    ExerciseOutcome.objects.bulk_create(
        ExerciseOutcome(
            session=s,
            position=0,
            exercise_id="hip-flexor-chair-lunge",
            outcome="done",
            held_seconds=120,
            planned_seconds=120,
        )
        for s in sessions
    )
    CheckIn.objects.bulk_create(
        CheckIn(user=user, at=now - timedelta(hours=6 * i + 2), leg_pain=3, back_pain=2)
        for i in range(count)
    )
    return token_create(user=user, name="bench", scope="read", days=30)[1]


def _median_ms(client, token: str, path: str) -> float:
    headers = {"Authorization": f"Bearer {token}"}
    times = []
    for i in range(WARMUPS + RUNS):
        start = time.perf_counter()
        response = client.get(path, headers=headers)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (path, response.status_code)
        if i >= WARMUPS:
            times.append(elapsed)
    return statistics.median(times)


def _deep_cursor(client, token: str, path: str, pages: int) -> str:
    """The cursor `pages` pages in (or the last one there is)."""
    headers = {"Authorization": f"Bearer {token}"}
    cursor = ""
    for _ in range(pages):
        found = client.get(f"{path}&cursor={cursor}" if cursor else path, headers=headers).json()
        if found["next_cursor"] is None:
            break
        cursor = found["next_cursor"]
    return cursor


def main() -> int:
    var = _setup()
    try:
        from django.test import Client

        small, large = _person("ten@bench.example", SMALL), _person("many@bench.example", LARGE)
        client = Client()
        rows, ok = [], True
        for name in ("sessions", "checkins"):
            path = f"/api/v1/{name}?limit={SMALL}"
            for where, pages in (("first page", 0), ("page 200 (deep)", 199)):
                timed = []
                for token in (small, large):
                    cursor = _deep_cursor(client, token, path, pages) if pages else ""
                    timed.append(
                        _median_ms(client, token, f"{path}&cursor={cursor}" if cursor else path)
                    )
                passed = timed[1] <= timed[0] * BUDGET_RATIO + SLACK_MS
                ok &= passed
                rows.append(
                    f"| `GET {path}` {where} | {timed[0]:.1f} ms | {timed[1]:.1f} ms | "
                    f"{timed[1] / timed[0]:.2f}x | {'ok' if passed else 'FAILED'} |"
                )
        print("## The API's list endpoints: 10 and 10,000 sessions per person\n")
        print(
            f"`python bench/api_bench.py`: median of {RUNS} fetches (after {WARMUPS} warm-ups) of "
            f"a page of {SMALL} (all the short history has) with a token, in process on "
            "SQLite. Budget: the 10,000-session "
            f"person's page within {BUDGET_RATIO}x (+{SLACK_MS:.0f} ms) of the 10-session "
            "person's. A deep page for the short history is its last page.\n"
        )
        print("| list | 10 per person | 10,000 per person | ratio | budget |")
        print("|---|---|---|---|---|")
        print("\n".join(rows))
        print()
        return 0 if ok else 1
    finally:
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
