"""manage.py quarantine_sessions: rows written past the check (directly, as an import or an
older app would) that break the rules are found, kept, listed for the person and left out of
the plan, so every page answers again."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from coach.practice.models import ExerciseOutcome, PracticeSession

from .factories import make_session, make_user

pytestmark = pytest.mark.django_db
PAGES = (
    "/today/",
    "/history/",
    "/routines/relief-sequence/",
    "/account/export/sciatica-coach.json",
    "/account/export/sciatica-coach-csv.zip",
)


def sweep(*args) -> str:
    out = io.StringIO()
    call_command("quarantine_sessions", *args, stdout=out)
    return out.getvalue()


def set_time_beyond_year_9999(session, column: str) -> None:
    """What the issue saw PostgreSQL keep: 9999-12-31T23:59:59-14:00 is year 10000 in UTC."""
    table = PracticeSession._meta.db_table
    if connection.vendor == "postgresql":
        value = "9999-12-31 23:59:59-14"
    else:  # SQLite keeps UTC as text; written directly, nothing stops a five-digit year
        value = "10000-01-01 13:59:59"
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, session.pk])


def marked(session) -> tuple[bool, str]:
    """Whether the row is quarantined and why, read without its times (which may be out of
    range: loading the row would fail on PostgreSQL)."""
    rows = PracticeSession.every.filter(pk=session.pk)
    return rows.values_list("quarantined", "quarantine_reason").get()


@pytest.fixture
def alice(client):
    user = make_user()
    user.date_joined = timezone.now() - timedelta(days=30)
    user.save()
    client.force_login(user)
    return user


def bad_rows(user) -> dict[str, PracticeSession]:
    now = timezone.now()
    rows = {}
    rows["ended before started"] = make_session(user, started_at=now - timedelta(days=2))
    PracticeSession.objects.filter(pk=rows["ended before started"].pk).update(
        ended_at=now - timedelta(days=3)
    )
    rows["out of range"] = make_session(user, started_at=now - timedelta(days=3))
    PracticeSession.objects.filter(pk=rows["out of range"].pk).update(
        practised_seconds=2_000_000_000, planned_seconds=2_147_483_647
    )
    rows["unknown routine"] = make_session(user, started_at=now - timedelta(days=4))
    PracticeSession.objects.filter(pk=rows["unknown routine"].pk).update(routine_id="nope")
    rows["practised far beyond planned"] = make_session(user, started_at=now - timedelta(days=5))
    PracticeSession.objects.filter(pk=rows["practised far beyond planned"].pk).update(
        ended_at=now - timedelta(days=5) + timedelta(hours=2), practised_seconds=7000
    )
    rows["held beyond planned"] = make_session(user, started_at=now - timedelta(days=6))
    ExerciseOutcome.objects.filter(session=rows["held beyond planned"]).update(held_seconds=999)
    rows["30 hours"] = make_session(user, started_at=now - timedelta(days=7))
    PracticeSession.objects.filter(pk=rows["30 hours"].pk).update(
        ended_at=now - timedelta(days=7) + timedelta(hours=30)
    )
    rows["year 10000"] = make_session(
        user, started_at=now - timedelta(days=8), hurt=("supine-butterfly",)
    )
    set_time_beyond_year_9999(rows["year 10000"], "ended_at")
    return rows


def test_it_quarantines_rows_that_break_the_rules_and_every_page_answers_again(client, alice):
    good = make_session(alice, started_at=timezone.now() - timedelta(hours=3))
    rows = bad_rows(alice)

    printed = sweep()

    assert f"{len(rows)} sessions quarantined." in printed
    for name, row in rows.items():
        quarantined, reason = marked(row)
        assert quarantined and reason, name
        assert f"session {row.pk} (user {alice.pk}): {reason}" in printed
    assert marked(good) == (False, "")
    assert list(PracticeSession.objects.all()) == [good]
    for page in PAGES:
        assert client.get(page).status_code == 200, page
    assert client.get("/routines/relief-sequence/play/").status_code == 302  # the quick check
    assert sweep() == "0 sessions quarantined.\n"


def test_it_names_the_rule_each_row_breaks(alice):
    rows = bad_rows(alice)
    sweep()
    reasons = {name: marked(row)[1] for name, row in rows.items()}
    assert reasons["ended before started"] == "ended_at must not be before started_at"
    assert reasons["out of range"].startswith("planned_seconds must be at most 608")
    assert reasons["unknown routine"].startswith("routine_id must be one of back-and-hip")
    assert reasons["practised far beyond planned"].startswith("practised_seconds must be at most")
    assert reasons["held beyond planned"].startswith("exercises[0].held_seconds must be at most")
    assert "3 hours of pauses" in reasons["30 hours"]
    assert "between the years 1 and 9999 in UTC" in reasons["year 10000"]


def test_the_person_sees_the_sessions_we_could_not_use_with_the_reason(client, alice):
    rows = bad_rows(alice)
    sweep()
    history = client.get("/history/").content.decode()
    assert "Sessions we could not use" in history
    assert "ended_at must not be before started_at" in history
    assert "date unreadable" not in history or connection.vendor == "sqlite"
    exported = json.loads(client.get("/account/export/sciatica-coach.json").content)
    listed = {s["id"]: s["reason"] for s in exported["sessions_not_used"]}
    assert set(listed) == {row.pk for row in rows.values()}
    assert listed[rows["unknown routine"].pk].startswith("routine_id must be one of")
    assert exported["sessions"] == []


def test_a_quarantined_session_that_hurt_does_not_pause_the_stretch(client, alice):
    rows = bad_rows(alice)
    sweep()
    assert marked(rows["year 10000"])[0]
    page = client.get("/routines/relief-sequence/").content.decode()
    assert "Paused" not in page and "paused" not in page


def test_a_dry_run_lists_and_changes_nothing(alice):
    rows = bad_rows(alice)
    printed = sweep("--dry-run")
    assert f"{len(rows)} sessions would be quarantined." in printed
    assert not PracticeSession.every.filter(quarantined=True).exists()


def test_a_guest_row_is_checked_against_when_it_arrived(client):
    guest_row = make_session(guest_key="guest-1", started_at=timezone.now() - timedelta(days=20))
    PracticeSession.objects.filter(pk=guest_row.pk).update(created_at=timezone.now())
    fine = make_session(guest_key="guest-2")
    printed = sweep()
    assert f"session {guest_row.pk} (a guest): started_at must be no earlier than" in printed
    assert marked(fine) == (False, "")


def test_a_session_of_a_routine_the_clinician_assigned_is_known(alice):
    from coach.practice.results import assigned_routines

    from .clinic_factories import assign, make_clinician, make_share

    rid = assign(make_share(alice, make_clinician("dr@example.org"))).routine_id
    plan = assigned_routines([alice.pk])[alice.pk][rid]
    started = timezone.now() - timedelta(days=1)
    kept, beyond = (make_session(alice, routine_id=rid, started_at=started) for _ in range(2))
    for session, practised in ((kept, plan.planned_seconds), (beyond, 99_999)):
        PracticeSession.objects.filter(pk=session.pk).update(
            ended_at=started + timedelta(seconds=plan.planned_seconds),
            planned_seconds=plan.planned_seconds,
            practised_seconds=practised,
        )
        session.outcomes.update(
            planned_seconds=plan.exercises["towel-hamstring"],
            held_seconds=plan.exercises["towel-hamstring"],
        )
    sweep()
    assert marked(kept) == (False, "")
    assert marked(beyond)[1].startswith("practised_seconds must be at most")
