"""A backup that is restored, not just taken: the test database is dumped (pg_dump on
PostgreSQL, SQLite's online backup on SQLite), restored into a fresh database, and a person's
Today page read from the copy is the page read from the original (docs/deploy.md)."""

import os
import re
import sqlite3
import subprocess
import sys
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from coach.diary import services as diary
from coach.diary.models import PlanState
from coach.practice.services import plan_override_record
from tests.core.histories import SessionStep

from .factories import make_user
from .test_plan_state import RELIEF, TWIST, outcomes, post_session, result_of

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=ZoneInfo("Europe/London"))
TODAY = r"""
import os, re, sys
from datetime import datetime
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coach.settings")
django.setup()
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from coach.diary.models import PlanState
with time_machine.travel(datetime.fromisoformat(sys.argv[2]), tick=False):
    client = Client()
    client.force_login(get_user_model().objects.get(email=sys.argv[1]))
    response = client.get("/today/")
    assert response.status_code == 200, response.status_code
print(PlanState.objects.count())
print(re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode()))
"""


def today_from(database_url: str, email: str) -> str:
    """Today for the person, read by a separate process from this database."""
    env = {**os.environ, "DATABASE_URL": database_url}
    done = subprocess.run(
        [sys.executable, "-c", TODAY, email, NOW.isoformat()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def diary_with_a_plan():
    """A person whose plan the history changed: a stretch paused, one brought back, a dose."""
    user = make_user(f"backup-{uuid.uuid4().hex[:8]}@example.org")
    with time_machine.travel(NOW - timedelta(days=3), tick=False):
        diary.checkin_create(user=user, leg_pain=6, back_pain=3, extent_left=3)
    for ago, hurt in ((timedelta(days=2), TWIST), (timedelta(hours=5), "supine-butterfly")):
        step = SessionStep(RELIEF, 7, outcomes(hurt), True)
        with time_machine.travel(NOW - ago + timedelta(minutes=8), tick=False):
            post_session(user, result_of(step, NOW - ago))
    with time_machine.travel(NOW - timedelta(hours=2), tick=False):
        diary.checkin_create(user=user, leg_pain=4, back_pain=2, extent_left=2)
        plan_override_record(user=user, exercise_id=TWIST, action="resume")
    assert PlanState.objects.filter(user=user).exists()
    return user


def _pg_url(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _pg(tool: str, *args: str) -> None:
    """Run one of PostgreSQL's client programs against the test database's server."""
    s = connection.settings_dict
    where = ["-h", s["HOST"] or "127.0.0.1", "-p", str(s["PORT"] or 5432), "-U", s["USER"]]
    env = {**os.environ, "PGPASSWORD": s["PASSWORD"] or ""}
    subprocess.run([tool, *where, *args], env=env, check=True, timeout=300)


def _this_database() -> str:
    name = connection.settings_dict["NAME"]
    return _pg_url(name) if connection.vendor == "postgresql" else f"sqlite:///{name}"


def _backup_and_restore(tmp_path: Path) -> str:
    """Back the test database up and restore it into a fresh one; the copy's DATABASE_URL."""
    if connection.vendor == "postgresql":
        name = connection.settings_dict["NAME"]
        dump, fresh = tmp_path / "coach.dump", f"{name}_restored"
        _pg("pg_dump", "--format=custom", "--no-owner", f"--file={dump}", name)
        _pg("dropdb", "--if-exists", fresh)
        _pg("createdb", fresh)
        _pg("pg_restore", "--no-owner", "--exit-on-error", f"--dbname={fresh}", str(dump))
        return _pg_url(fresh)
    source = sqlite3.connect(connection.settings_dict["NAME"])
    copy = sqlite3.connect(tmp_path / "coach.sqlite3")
    with copy:
        source.backup(copy)  # SQLite's online backup: what its shell's `.backup` does
    source.close()
    copy.close()
    return f"sqlite:///{tmp_path / 'coach.sqlite3'}"


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_shows_a_person_the_same_today(tmp_path):
    user = diary_with_a_plan()
    original = today_from(_this_database(), user.email)
    try:
        restored = today_from(_backup_and_restore(tmp_path), user.email)
    finally:
        if connection.vendor == "postgresql":
            _pg("dropdb", "--if-exists", f"{connection.settings_dict['NAME']}_restored")
    assert restored == original
    kept, page = restored.split("\n", 1)
    assert kept == "1"  # the kept plan state came back too, and Today read it
    assert "Paused until" in page and "Lying butterfly stretch" in page
    assert re.search(r"You brought seated knee twist on the bed back today", page)
