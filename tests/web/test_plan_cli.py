"""`sciatica plan` and `sciatica play --email` end to end: the installed command as a real
process, reading and writing the test database."""

import json
import os
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone

from coach.diary.plans import plan_for_user
from coach.practice.models import PracticeSession
from stretching import catalogue
from stretching.rules import presenter
from stretching.timeline import compile_timeline, format_duration

from .factories import make_checkin, make_session, make_user
from .test_cli_play import SCIATICA, Terminal, _database_url

RELIEF = "relief-sequence"

pytestmark = pytest.mark.django_db(transaction=True)
TWIST = "bedside-knee-twist"


def sciatica(*args: str) -> subprocess.CompletedProcess:
    env = os.environ | {"DATABASE_URL": _database_url()}
    return subprocess.run(
        [str(SCIATICA), *args], capture_output=True, text=True, env=env, timeout=60
    )


def hurt_yesterday(user):
    """A relief session yesterday in which the knee twist hurt; returns the pause's end."""
    session = make_session(user, started_at=timezone.now() - timedelta(days=1), hurt=(TWIST,))
    return session.ended_at + timedelta(hours=72)


def test_plan_prints_the_persons_plan_with_its_explanations():
    alice = make_user("alice@example.org")
    until = hurt_yesterday(alice)
    make_user("bob@example.org")
    proc = sciatica("plan", "--email", "Alice@Example.org")
    assert proc.returncode == 0, proc.stderr
    out, day = proc.stdout, presenter.day_name(until, timezone.localtime())
    assert out.startswith("Today's plan for alice@example.org, ")
    assert "\nRelief sequence\n  Do the relief sequence at least once a day" in out
    assert "Relief sequence    0 of up to 10  1" in out
    assert f"  Seated knee twist on the bed: paused until {day}\n" in out
    assert f"Seated knee twist on the bed is paused until {day} because it hurt " in " ".join(
        out.split()
    )
    assert "  Lying butterfly stretch: 15 s today, building to 60 s\n" in out


def test_plan_json_reads_the_same_database():
    alice = make_user("alice@example.org")
    hurt_yesterday(alice)
    make_checkin(alice, at=timezone.now() - timedelta(hours=1), numbness=True)
    proc = sciatica("plan", "--json")  # the only account
    data = json.loads(proc.stdout)
    assert data["person"] == "alice@example.org" and data["mode"] == "relief"
    assert [p["exercise_id"] for p in data["paused"]] == [TWIST]
    assert data["safety_check_needed"] is True
    assert any(
        e["rule"] == "tier-a" and "new numbness or tingling" in e["text"]
        for e in data["explanations"]
    )


def test_with_several_accounts_it_asks_for_email():
    make_user("alice@example.org")
    make_user("bob@example.org")
    proc = sciatica("plan")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == (
        "sciatica: There are 2 accounts; say whose plan with --email, for "
        "example: sciatica plan --email you@example.org\n"
    )


def test_an_unknown_email_exits_2_and_suggests_the_close_one():
    make_user("alice@example.org")
    make_user("bob@example.org")
    proc = sciatica("plan", "--email", "alise@example.org")
    assert proc.returncode == 2
    assert proc.stderr == (
        "sciatica: No account with the email 'alise@example.org'. "
        "Did you mean: alice@example.org?\n"
    )


def test_with_no_accounts_it_says_to_sign_up_first():
    proc = sciatica("plan")
    assert proc.returncode == 2
    assert "There are no accounts yet. Sign up in the web app first." in proc.stderr


def test_play_with_email_follows_the_plan_and_saves_for_the_person():
    alice = make_user("alice@example.org")
    hurt_yesterday(alice)
    term = Terminal("play", "relief-sequence", "--email", "alice@example.org", "--speed", "60")
    # Yesterday's session was saved after her safety answers: this one asks the quick check.
    term.expect("Please answer the quick safety check before this session.")
    term.expect("[Enter] none of these")
    term.send("\r")
    term.expect("- Seated knee twist on the bed is paused until")
    # The routine as her plan compiles it: without the twist, the butterfly's hold built down.
    planned = compile_timeline(
        catalogue.default(), "relief-sequence", plan_for_user(alice).adjustments_for(RELIEF)
    ).usual_seconds
    assert planned < compile_timeline(catalogue.default(), RELIEF).usual_seconds
    term.expect(f"Relief sequence: about {format_duration(planned)}")
    assert term.wait() == 0
    assert "Saved as session" in term.output and "for alice@example.org." in term.output
    session = PracticeSession.objects.filter(source="cli").get()
    assert session.user == alice and session.completed
    assert TWIST not in {o.exercise_id for o in session.outcomes.all()}
    butterfly = session.outcomes.get(exercise_id="supine-butterfly")
    assert butterfly.planned_seconds == 15  # built up from 15 s, not the page's 60 s


def test_play_with_email_refuses_an_eleventh_relief_session():
    alice = make_user("alice@example.org")
    now = timezone.localtime()
    start = max(now.replace(hour=0, minute=0, second=0), now - timedelta(seconds=20))
    for i in range(10):
        make_session(alice, started_at=start + timedelta(seconds=i))
    proc = sciatica("play", "relief-sequence", "--email", "alice@example.org")
    assert proc.returncode == 3
    assert proc.stderr == (
        "sciatica: You have done 10 sessions of Relief sequence today, the "
        "most the routine asks for. Let your body rest now; it is here again "
        "tomorrow.\n"
    )
    assert PracticeSession.objects.filter(source="cli").count() == 0


def test_play_with_email_asks_for_the_safety_questions_first():
    make_user("carol@example.org", screened=False)
    proc = sciatica("play", "hip-flexor", "--email", "carol@example.org")
    assert proc.returncode == 3
    assert proc.stderr.startswith(
        "sciatica: Please answer the safety questions before your first session.\n"
    )
    assert "The safety questions are in the web app" in proc.stderr
