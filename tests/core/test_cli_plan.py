"""`sciatica plan` and `sciatica play --email` over a planner given in code (no database):
what a person reads, and when a session is refused."""

import io
import json
from datetime import UTC, datetime, timedelta

from stretching import catalogue, gate, rules
from stretching.cli import PersonError, PersonPlan, Saved, build_parser, main
from stretching.screening import QUESTIONS

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)  # a Friday
CAT = catalogue.default()
TWIST = "bedside-knee-twist"


def session(days_ago: float, hurt=(), routine="relief-sequence", n=0) -> rules.SessionRecord:
    start = NOW - timedelta(days=days_ago)
    ids = CAT.routine(routine).exercise_ids
    return rules.SessionRecord(
        id=f"s{days_ago}-{n}",
        routine_id=routine,
        started_at=start,
        ended_at=start + timedelta(minutes=7),
        outcomes=tuple(rules.ExerciseOutcome(e, "hurt" if e in hurt else "done") for e in ids),
    )


SCREENED = gate.Facts(
    "given", gate.FullScreen({q.id: False for q in QUESTIONS}, NOW - timedelta(minutes=5))
)


def planner_for(sessions=(), safety=SCREENED, saved=None):
    def planner(email):
        if email not in (None, "alice@example.org"):
            raise PersonError(f"No account with the email '{email}'.")
        plan = rules.plan(CAT, sessions, [], NOW, tz=UTC)

        def store(result):
            saved.append(result)
            return Saved(1)

        return PersonPlan(
            "alice@example.org",
            plan,
            CAT,
            store if saved is not None else None,
            safety=safety,
            clock=lambda: NOW,
        )

    return planner


def run(*args, planner=None):
    out = io.StringIO()
    return main(list(args), out=out, planner=planner), out.getvalue()


def test_plan_is_documented_with_an_example():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert "Example: sciatica plan --email you@example.org" in sub.choices["plan"].format_help()
    assert "--email" in sub.choices["play"].format_help()


def test_plan_prints_the_mode_what_is_due_what_is_paused_and_the_doses():
    code, text = run("plan", planner=planner_for([session(1, hurt=(TWIST,))]))
    assert code == 0
    assert text.startswith("Today's plan for alice@example.org, Friday 20 November 2026, 18:00")
    assert "Relief sequence\n  Do the relief sequence at least once a day" in text
    assert "Relief sequence    0 of up to 10  1" in text
    assert "Hamstring trio     0 of 2         2" in text
    assert "  Seated knee twist on the bed: paused until Sunday\n" in text
    assert "is paused until Sunday because it hurt on Thursday, and until" in " ".join(text.split())
    assert "  Lying butterfly stretch: 15 s today, building to 60 s\n" in text
    assert "How things are going: not enough data." in text


def test_plan_json_has_the_same_plan():
    code, text = run(
        "plan",
        "--email",
        "alice@example.org",
        "--json",
        planner=planner_for([session(1, hurt=(TWIST,))]),
    )
    data = json.loads(text)
    assert code == 0 and data["person"] == "alice@example.org" and data["mode"] == "relief"
    paused = data["paused"][0]
    assert paused["exercise_id"] == TWIST and paused["status"] == "Paused until Sunday"
    assert paused["until"] == "2026-11-22T18:07:00+00:00"
    assert paused["reason"].startswith("Seated knee twist on the bed is paused until Sunday")
    butterfly = next(d for d in data["doses"] if d["exercise_id"] == "supine-butterfly")
    assert (butterfly["hold_seconds"], butterfly["page_hold_seconds"]) == (15, 60)
    assert butterfly["text"] == "15 s today, building to 60 s"
    relief = next(d for d in data["due"] if d["routine_id"] == "relief-sequence")
    assert relief["text"] == "0 of up to 10" and relief["still_due"] == 1


def test_an_unknown_person_exits_2_with_the_planners_message(capsys):
    code, _ = run("plan", "--email", "bob@example.org", planner=planner_for())
    assert code == 2
    assert "sciatica: No account with the email 'bob@example.org'." in capsys.readouterr().err


def test_plan_without_a_database_says_so(capsys):
    assert run("plan")[0] == 2
    assert "plan needs the app's database" in capsys.readouterr().err


def test_play_refuses_an_eleventh_relief_session_with_the_plans_message(capsys):
    today = [session(i / 24, n=i) for i in range(1, 11)]
    code, _ = run(
        "play",
        "relief-sequence",
        "--email",
        "alice@example.org",
        planner=planner_for(today, saved=[]),
    )
    assert code == 3
    assert (
        "You have done 10 sessions of Relief sequence today, the most the routine asks for."
    ) in capsys.readouterr().err


def test_play_refuses_while_the_safety_screen_says_stop(capsys):
    code, _ = run(
        "play",
        "hip-flexor",
        "--email",
        "alice@example.org",
        planner=planner_for(safety=gate.Facts("given")),
    )
    assert code == 3
    err = capsys.readouterr().err
    assert "sciatica: Please answer the safety questions before your first session." in err
    assert "The safety questions are in the web app" in err


def test_play_follows_the_plan_and_saves_for_the_person(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    saved = []
    code, text = run(
        "play",
        "relief-sequence",
        "--email",
        "alice@example.org",
        "--speed",
        "2000",
        planner=planner_for([session(1, hurt=(TWIST,))], saved=saved),
    )
    assert code == 0
    assert "- Seated knee twist on the bed is paused until Sunday" in text
    assert "Saved as session 1 for alice@example.org." in text
    played = {e.exercise_id for e in saved[0].exercises}
    assert TWIST not in played and "supine-butterfly" in played
