"""manage.py rebuild_plans: after a change to the rules, every person's kept plan state is
rebuilt from their whole history, in batches, with a line of progress; pages then read it."""

import io
import os
import random
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client

from coach.diary import plan_state, selectors
from coach.diary.models import PlanState
from coach.practice.models import PlanOverride
from stretching.rules import codec

from .factories import RELIEF, make_checkin, make_session, make_user
from .test_cli_play import _database_url

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 6, 15, 19, 0, tzinfo=ZoneInfo("Europe/London"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def seed(email: str, days: int, seed_no: int):
    """A person with `days` days of sessions (some hurt) and check-ins, written as rows."""
    rnd = random.Random(seed_no)
    user = make_user(email)
    for day in range(days, 0, -1):
        morning = NOW - timedelta(days=day, hours=10)
        for i in range(rnd.choice((0, 1, 2, 3))):
            hurt = (rnd.choice(RELIEF),) if rnd.random() < 0.1 else ()
            make_session(user, started_at=morning + timedelta(hours=3 * i), hurt=hurt)
        if rnd.random() < 0.6:
            pain = max(0, 6 - day // 10 + rnd.randint(-1, 1))
            make_checkin(user, at=morning + timedelta(hours=12), leg=pain, back=2, left=2)
    if days > 20:
        PlanOverride.objects.create(
            user=user, exercise_id=RELIEF[2], action="resume", at=NOW - timedelta(days=5)
        )
    return user


@pytest.fixture
def clinic():
    return [seed(f"p{n}@example.org", days, n) for n, days in enumerate((60, 45, 3, 0))]


def rebuilt(user):
    return plan_state.build(selectors.histories([user.pk])[user.pk])


def today(user) -> str:
    client = Client()
    client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        return CSRF.sub("", client.get("/today/").content.decode())


def test_it_rebuilds_everyone_in_batches_with_progress(clinic):
    replayed = [today(user) for user in clinic]  # no kept state yet: the whole history
    out = io.StringIO()
    call_command("rebuild_plans", "--all", "--batch", "3", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("3 of 4 people (") and "people/s" in lines[0]
    assert lines[1].startswith("4 of 4 people (")
    assert re.fullmatch(
        r"Rebuilt the plan states of 4 people from [\d,]+ events in \d+ s\.", lines[-1]
    )
    for user, before in zip(clinic, replayed, strict=True):
        row = PlanState.objects.get(user=user)
        assert codec.state_from_json(row.data) == rebuilt(user).state
        assert row.last_event_at == rebuilt(user).last_event_at
        assert today(user) == before  # read from the kept state now, the same page


def test_it_replaces_a_state_kept_in_another_format(clinic):
    PlanState.objects.create(user=clinic[0], data={"format": -1}, format=codec.STATE_FORMAT - 1)
    call_command("rebuild_plans", "--email", "P0@example.org", stdout=io.StringIO())
    row = PlanState.objects.get(user=clinic[0])
    assert row.format == codec.STATE_FORMAT
    assert codec.state_from_json(row.data) == rebuilt(clinic[0]).state
    assert PlanState.objects.count() == 1  # nobody else's


def test_one_person_by_email(clinic):
    out = io.StringIO()
    call_command("rebuild_plans", "--email", "p1@example.org", stdout=out)
    events = len(selectors.histories([clinic[1].pk])[clinic[1].pk].sessions)
    assert out.getvalue().startswith("Rebuilt the plan state of p1@example.org from ")
    assert events > 0 and PlanState.objects.filter(user=clinic[1]).exists()


def test_an_unknown_email_or_no_choice_is_an_error(clinic):
    with pytest.raises(CommandError, match="no account with the email nobody@example.org"):
        call_command("rebuild_plans", "--email", "nobody@example.org")
    with pytest.raises(CommandError, match="one of the arguments --email --all is required"):
        call_command("rebuild_plans")
    assert not PlanState.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_it_rebuilds_in_worker_processes_too():
    people = [seed(f"w{n}@example.org", 20, n) for n in range(5)]
    # As an operator runs it: its own process (forking this threaded test process could hang).
    proc = subprocess.run(
        [sys.executable, "manage.py", "rebuild_plans", "--all", "--batch", "2", "--jobs", "2"],
        cwd=Path(__file__).resolve().parents[2],
        env=os.environ | {"DATABASE_URL": _database_url()},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Rebuilt the plan states of 5 people" in proc.stdout
    for user in people:
        row = PlanState.objects.get(user=user)
        assert codec.state_from_json(row.data) == rebuilt(user).state
