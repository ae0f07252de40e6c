"""The plan in words (stretching.rules.presenter): what the Today page, the routine page and
`sciatica plan` all read, made once."""

from __future__ import annotations

import io
from argparse import Namespace
from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from stretching import catalogue
from stretching.cli.plan import cmd_plan
from stretching.rules import (
    OVERRIDES,
    ExerciseOutcome,
    Override,
    Plan,
    RuleSettings,
    SessionRecord,
    plan,
)
from stretching.rules.presenter import day_name, present, routine_notes
from stretching.symptoms import CheckIn

CAT = catalogue.default()
LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=LONDON)  # a Friday
RELIEF = "relief-sequence"
TWIST = "bedside-knee-twist"  # in the relief sequence, holds 30 s
TOWEL = "towel-hamstring"  # in the hamstring trio, holds 30 s
BUTTERFLY = "supine-butterfly"  # in the relief sequence, holds 60 s


def session(days_ago: float, routine: str = RELIEF, hurt: tuple[str, ...] = ()) -> SessionRecord:
    start = NOW - timedelta(days=days_ago)
    outcomes = tuple(
        ExerciseOutcome(e, "hurt" if e in hurt else "done")
        for e in CAT.routine(routine).exercise_ids
    )
    return SessionRecord(
        f"{routine}-{days_ago}", routine, start, start + timedelta(minutes=7), outcomes
    )


def plan_of(sessions=(), checkins=(), overrides=(), now=NOW, tz=None, **rules) -> Plan:
    return plan(CAT, sessions, checkins, now, overrides, RuleSettings(**rules), tz=tz)


def test_a_paused_stretch_has_a_status_a_reason_and_a_button_to_bring_it_back():
    words = present(plan_of([session(1, hurt=(TWIST,))]), CAT)
    (line,) = words.paused
    assert (line.name, line.status) == ("Seated knee twist on the bed", "Paused until Sunday")
    assert line.reason.startswith("Seated knee twist on the bed is paused until Sunday because")
    assert line.override.button == "Bring it back now" and not line.stays_off
    assert line.override_help == (
        "It comes back in your next session at a gentler dose. If it hurts again, the plan "
        "leaves it out again."
    )


def test_once_the_pause_is_over_the_status_counts_the_sessions_still_needed():
    words = present(plan_of([session(4, hurt=(TWIST,)), session(2)]), CAT)
    assert words.paused[0].status == "Paused until 1 more session with nothing hurting"


def test_a_stretch_that_stays_off_asks_for_a_clinician_before_the_button():
    sessions, overrides = [], []
    for days in (6, 4, 2):
        sessions.append(session(days, hurt=(TWIST,)))
        if days > 2:
            overrides.append(Override(NOW - timedelta(days=days - 1), TWIST, "resume"))
    line = present(plan_of(sessions, overrides=overrides), CAT).paused[0]
    assert line.status == "Stays off" and line.stays_off
    assert line.override_help.startswith(
        "Please ask a clinician about it first. It comes back in your next session"
    )


def test_a_dose_reads_today_and_full_with_a_button_to_reset_it():
    words = present(plan_of(), CAT)
    butterfly = next(d for d in words.doses if d.exercise_id == BUTTERFLY)
    assert (butterfly.text, butterfly.full) == ("15 s today, building to 60 s", "60 s")
    assert butterfly.at_start and butterfly.override.button == "Reset to the full dose"
    assert butterfly.override_help == (
        "Your next session holds the full 60 s instead of building up to it. If it then "
        "hurts, the plan pauses it, as it does any stretch."
    )


def test_what_a_line_already_says_is_not_repeated_as_a_note():
    checkins = [
        CheckIn(NOW - timedelta(days=1), 4, 2, 3, 0),
        CheckIn(NOW - timedelta(hours=1), 4, 2, 3, 0, numbness=True),
    ]
    p = plan_of([session(1, hurt=(TWIST,))], checkins)
    words = present(p, CAT)
    assert [n.rule for n in words.notes] == ["tier-a"]
    assert {e.rule for e in p.explanations} >= {"tier-a", "pause", "build-up"}


def test_graduation_is_said_in_why_not_as_a_note():
    checkins = [CheckIn(NOW - timedelta(days=2), 0, 0), CheckIn(NOW - timedelta(hours=1), 0, 0)]
    words = present(plan_of(checkins=checkins), CAT)
    assert words.headline == "Daily warm-up"
    assert words.why.startswith("Your leg and back pain were both 0 on Wednesday")
    assert words.why.endswith("the plan goes back to the relief sequence.")
    assert words.notes == ()


def test_doses_of_routines_not_shown_first_are_listed_apart_unless_history_changed_them():
    p = plan_of([session(5, "hamstring-trio", hurt=(TOWEL,)), session(4), session(3)])
    words = present(p, CAT, first=[RELIEF])
    first = [d.exercise_id for d in words.doses]
    apart = [d.exercise_id for d in words.other_doses]
    assert BUTTERFLY in first and TOWEL in first  # the towel came back at a reduced dose
    assert apart and not set(apart) & set(CAT.routine(RELIEF).exercise_ids)
    assert all(d.at_start for d in words.other_doses)
    assert present(p, CAT).other_doses == ()


def test_the_build_up_rule_follows_the_plans_numbers():
    words = present(plan_of(hold_step_seconds=10, start_hold_seconds=20), CAT)
    assert words.build_up_rule == (
        "Holds start at 20 s (or the page's hold if shorter) and rise 10 s after every 2 "
        "sessions in a row where nothing hurt and the next check-in was no worse."
    )


def test_the_status_follows_the_persons_zone_like_the_reason():
    auckland = ZoneInfo("Pacific/Auckland")  # 13 hours ahead: Saturday there
    line = present(plan_of([session(1, hurt=(TWIST,))], tz=auckland), CAT).paused[0]
    assert line.status == "Paused until Monday"
    assert "is paused until Monday because it hurt on Friday" in line.reason
    assert day_name(NOW + timedelta(hours=1), NOW) == "later today"


def test_the_routine_page_gets_its_own_stretches_notes_and_the_plan_wide_lines():
    checkins = [CheckIn(NOW - timedelta(days=1), 4, 2, 3, 0), CheckIn(NOW, 4, 2, 3, 0, True)]
    p = plan_of([session(1, hurt=(TWIST,))], checkins)
    relief, trio = routine_notes(p, RELIEF), routine_notes(p, "hamstring-trio")
    assert relief.by_exercise[TWIST].startswith("Seated knee twist on the bed is paused")
    assert TWIST not in trio.by_exercise and TOWEL in trio.by_exercise
    assert relief.plan_wide == trio.plan_wide and "new numbness" in relief.plan_wide[0]


def test_sciatica_plan_prints_the_presentations_lines():
    p = plan_of([session(1, hurt=(TWIST,))])
    out = io.StringIO()
    person = SimpleNamespace(person="alice@example.org", plan=p, catalogue=CAT)
    assert cmd_plan(Namespace(email=None, json=False), out, lambda email: person) == 0
    text, words = out.getvalue(), present(p, CAT)
    assert f"{words.headline}\n" in text and words.trend_line in " ".join(text.split())
    for line in words.paused:
        assert f"  {line.name}: {line.status[:1].lower()}{line.status[1:]}\n" in text
    for d in words.doses:
        assert f"  {d.name}: {d.text}\n" in text


def test_each_override_says_what_it_did():
    assert set(OVERRIDES) == {"resume", "reset-dose"}
    assert OVERRIDES["resume"].message("Seated knee twist on the bed") == (
        "Seated knee twist on the bed is back in your routine."
    )
    assert OVERRIDES["reset-dose"].message("Lying butterfly stretch") == (
        "Lying butterfly stretch is back to its full dose."
    )
