"""Reminder slots (stretching.reminders): local times across daylight-saving changes, never twice
and never skipped, what stops a reminder, the one gentle follow-up, and what it says."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from stretching import catalogue, reminders
from stretching.reminders import Schedule, Slot, decide, local_moment, message, problems, slots
from stretching.rules import ExerciseOutcome, SessionRecord, plan
from stretching.screening import forbidden_phrases_in

CAT = catalogue.default()
ZONES = ("Europe/London", "America/New_York", "Australia/Sydney")
CHANGES = {
    # The two daylight-saving changes of 2026 in each zone (forward, back).
    "Europe/London": (date(2026, 3, 29), date(2026, 10, 25)),
    "America/New_York": (date(2026, 3, 8), date(2026, 11, 1)),
    "Australia/Sydney": (date(2026, 10, 4), date(2026, 4, 5)),
}
MORNING_ONLY = {"morning-hamstring": (time(7, 30),)}


def fresh_plan(now: datetime, sessions=(), zone: str = "Europe/London"):
    return plan(CAT, sessions, (), now, tz=ZoneInfo(zone))


def session(at: datetime, routine: str = "hamstring-trio", hurt: tuple[str, ...] = ()):
    outcomes = tuple(
        ExerciseOutcome(e, "hurt" if e in hurt else "done")
        for e in CAT.routine(routine).exercise_ids
    )
    return SessionRecord(f"{routine}-{at}", routine, at, at + timedelta(minutes=8), outcomes)


def local(at: datetime, zone: str) -> datetime:
    return at.astimezone(ZoneInfo(zone))


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("change", [0, 1], ids=["first-change", "second-change"])
def test_it_fires_a_0730_reminder_at_0730_local_every_day_across_the_clock_change(zone, change):
    day = CHANGES[zone][change]
    tz = ZoneInfo(zone)
    start = datetime.combine(day - timedelta(days=3), time(0), tz)
    end = datetime.combine(day + timedelta(days=4), time(0), tz)
    schedule = Schedule(zone=zone, times=MORNING_ONLY, follow_up=False)
    found = slots(fresh_plan(start, zone=zone), schedule, start, end)
    assert [local(s.at, zone).date() for s in found] == [
        day + timedelta(days=n) for n in range(-3, 4)
    ]
    assert {local(s.at, zone).time() for s in found} == {time(7, 30)}
    gaps = {b.at - a.at for a, b in zip(found, found[1:], strict=False)}
    assert gaps <= {timedelta(hours=23), timedelta(hours=24), timedelta(hours=25)}


@pytest.mark.parametrize(
    ("zone", "day", "chosen", "fires"),
    [
        ("Europe/London", date(2026, 3, 29), time(1, 30), time(2, 0)),
        ("America/New_York", date(2026, 3, 8), time(2, 30), time(3, 0)),
        ("Australia/Sydney", date(2026, 10, 4), time(2, 15), time(3, 0)),
    ],
)
def test_a_time_that_does_not_exist_that_day_fires_at_the_next_valid_minute(
    zone, day, chosen, fires
):
    at = local_moment(day, chosen, ZoneInfo(zone))
    assert local(at, zone).replace(tzinfo=None) == datetime.combine(day, fires)
    assert (
        local_moment(day + timedelta(days=1), chosen, ZoneInfo(zone))
        .astimezone(ZoneInfo(zone))
        .time()
        == chosen
    )


def test_a_time_that_happens_twice_fires_once_at_the_first():
    tz = ZoneInfo("Europe/London")
    day = date(2026, 10, 25)  # 01:00 to 02:00 happens twice
    start = datetime.combine(day, time(0), tz)
    schedule = Schedule(times={"relief": (time(1, 30),)}, quiet=None, follow_up=False)
    found = slots(fresh_plan(start), schedule, start, start + timedelta(hours=4))
    assert [s.at for s in found] == [datetime(2026, 10, 25, 0, 30, tzinfo=UTC)]


window_starts = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 20), timezones=st.just(UTC)
)
walls = st.times().map(lambda t: t.replace(second=0, microsecond=0))


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    start=window_starts,
    hours=st.lists(st.integers(1, 30), min_size=1, max_size=6),
    relief=st.lists(walls, min_size=1, max_size=10, unique=True),
    quiet=st.none() | st.tuples(walls, walls),
)
def test_ticking_window_by_window_finds_each_slot_once_and_none_in_quiet_hours(
    zone, start, hours, relief, quiet
):
    """However the time is cut into ticks, the slots are the same: never twice, never skipped."""
    schedule = Schedule(
        zone=zone, times={"relief": tuple(relief), "hamstring-trio": (time(8), time(18))},
        quiet=quiet,
    )  # fmt: skip
    p = fresh_plan(start, zone=zone)
    cuts = [start]
    for h in hours:
        cuts.append(cuts[-1] + timedelta(hours=h))
    ticked = [s for a, b in zip(cuts, cuts[1:], strict=False) for s in slots(p, schedule, a, b)]
    whole = slots(p, schedule, cuts[0], cuts[-1])
    assert ticked == whole
    assert len({s.key for s in whole}) == len(whole)
    tz = ZoneInfo(zone)
    for s in whole:
        wall = s.at.astimezone(tz)
        assert not schedule.in_quiet_hours(wall.time().replace(second=0, microsecond=0))
        if s.kind == "reminder":
            assert wall.date() == s.local_date
            assert wall.time() >= s.slot_time  # the chosen time, or the next valid minute


def test_it_follows_a_slot_that_passed_undone_once_and_not_once_it_is_done():
    tz = ZoneInfo("Europe/London")
    start = datetime(2026, 11, 16, 0, 0, tzinfo=tz)  # a Monday
    schedule = Schedule(times=MORNING_ONLY)
    p = fresh_plan(start)
    found = slots(p, schedule, start, start + timedelta(days=1))
    assert [(s.kind, local(s.at, "Europe/London").time()) for s in found] == [
        ("reminder", time(7, 30)),
        ("follow-up", time(9, 0)),
    ]
    reminder, follow = found
    assert decide(follow, p, schedule, [], follow.at).send
    done = session(datetime(2026, 11, 16, 8, 10, tzinfo=tz), "morning-hamstring")
    assert decide(follow, p, schedule, [done], follow.at) == reminders.Decision(
        False, "already done"
    )
    assert decide(reminder, p, schedule, [done], reminder.at).send  # done only later


def test_no_follow_up_in_quiet_hours_nor_after_the_next_slot():
    tz = ZoneInfo("Europe/London")
    start = datetime(2026, 11, 16, 0, 0, tzinfo=tz)
    schedule = Schedule(
        times={"relief": (time(12, 0), time(13, 0), time(20, 45))}, quiet=(time(22), time(7))
    )
    found = slots(fresh_plan(start), schedule, start, start + timedelta(days=1))
    assert [(s.kind, local(s.at, "Europe/London").time()) for s in found] == [
        ("reminder", time(12, 0)),
        ("reminder", time(13, 0)),
        ("follow-up", time(14, 30)),
        ("reminder", time(20, 45)),
    ]


def test_the_second_trio_slot_is_not_sent_once_two_sessions_are_done_that_day():
    tz = ZoneInfo("Europe/London")
    day = datetime(2026, 11, 16, 0, 0, tzinfo=tz)
    schedule = Schedule(times={"hamstring-trio": (time(8), time(18))}, follow_up=False)
    p = fresh_plan(day)
    first, second = slots(p, schedule, day, day + timedelta(days=1))
    one = [session(day.replace(hour=7))]
    two = [*one, session(day.replace(hour=12))]
    assert not decide(first, p, schedule, one, first.at).send
    assert decide(second, p, schedule, one, second.at).send
    assert decide(second, p, schedule, two, second.at).reason == "already done"
    yesterday = [session(day - timedelta(hours=2)), session(day - timedelta(hours=1))]
    assert decide(first, p, schedule, yesterday, first.at).send


@pytest.mark.parametrize(
    ("blocked", "reason"),
    [
        ("consent-withdrawn", "consent withdrawn"),
        ("locked", "the safety screen has locked routines"),
    ],
)
def test_nothing_goes_out_when_consent_is_withdrawn_or_routines_are_locked(blocked, reason):
    day = datetime(2026, 11, 16, 0, 0, tzinfo=UTC)
    schedule = Schedule(times=MORNING_ONLY)
    p = fresh_plan(day)
    assert reminders.due(p, schedule, [], day, day + timedelta(days=2)) != []
    assert reminders.due(p, schedule, [], day, day + timedelta(days=2), blocked=blocked) == []
    [first, *_] = slots(p, schedule, day, day + timedelta(days=1))
    assert decide(first, p, schedule, [], first.at, blocked=blocked).reason == reason


def test_a_pause_and_the_chosen_days_leave_those_days_out():
    tz = ZoneInfo("Europe/London")
    monday = datetime(2026, 11, 16, 0, 0, tzinfo=tz)
    schedule = Schedule(
        times=MORNING_ONLY,
        follow_up=False,
        days=frozenset({0, 1, 2, 3, 4}),
        paused_until=monday + timedelta(days=2),
    )
    found = slots(fresh_plan(monday), schedule, monday, monday + timedelta(days=7))
    assert [f"{local(s.at, 'Europe/London'):%a}" for s in found] == ["Wed", "Thu", "Fri"]


def test_a_snoozed_slot_goes_out_later_under_the_same_key():
    tz = ZoneInfo("Europe/London")
    monday = datetime(2026, 11, 16, 0, 0, tzinfo=tz)
    key = ("morning-hamstring", monday.date(), time(7, 30), "reminder")
    later = datetime(2026, 11, 16, 8, 0, tzinfo=tz)
    schedule = Schedule(times=MORNING_ONLY, follow_up=False, snoozed={key: later})
    [slot] = slots(fresh_plan(monday), schedule, monday, monday + timedelta(days=1))
    assert slot.key == key
    assert slot.at == later.astimezone(UTC)


def test_the_plan_decides_which_reminders_there_are():
    """The relief sequence is reminded while the plan is in relief; the warm-up once it has
    moved on to it (pain 0 for a full day)."""
    from stretching.symptoms import CheckIn

    tz = ZoneInfo("Europe/London")
    now = datetime(2026, 11, 18, 6, 0, tzinfo=tz)
    zeros = [
        CheckIn(at=now - timedelta(hours=h), leg_pain=0, back_pain=0, extent_left=0, extent_right=0)
        for h in (30, 2)
    ]
    graduated = plan(CAT, [], zeros, now, tz=tz)
    assert graduated.mode == "warm-up"
    schedule = Schedule(times={"relief": (time(9),), "warm-up": (time(8),)}, follow_up=False)
    day = (now, now + timedelta(days=1))
    assert [s.reminder_id for s in slots(graduated, schedule, *day)] == ["warm-up"]
    assert [s.reminder_id for s in slots(fresh_plan(now), schedule, *day)] == ["relief"]
    stored = slots(None, schedule, *day)  # what the app keeps: every reminder the person set
    assert [s.reminder_id for s in stored] == ["warm-up", "relief"]
    sent = [s.reminder_id for s in stored if decide(s, graduated, schedule, [], s.at).send]
    assert sent == ["warm-up"]
    assert decide(stored[1], graduated, schedule, [], stored[1].at).reason == (
        "the plan no longer asks for it"
    )


def test_after_a_stretch_hurt_the_reminder_says_what_changed_in_the_plans_words():
    tz = ZoneInfo("Europe/London")
    hurt_at = datetime(2026, 11, 16, 18, 0, tzinfo=tz)
    twist = "bedside-knee-twist"
    sessions = [session(hurt_at, "relief-sequence", hurt=(twist,))]
    now = datetime(2026, 11, 17, 6, 0, tzinfo=tz)
    p = plan(CAT, sessions, (), now, tz=tz)
    schedule = Schedule(times={"relief": (time(9),)}, follow_up=False)
    [slot] = slots(p, schedule, now, now + timedelta(hours=12))
    said = message(slot, p, sessions, tz)
    paused = next(e.text for e in p.explanations if e.exercise_id == twist)
    assert paused in said.changed
    assert "paused" in paused
    assert "changed after a stretch hurt" in said.line
    calm = message(slot, fresh_plan(now), [], tz)
    assert calm.changed == ()
    assert calm.title == "Time for your relief sequence"
    for m in (said, calm):
        assert forbidden_phrases_in(m.title + " " + m.text) == ()


def test_a_reminder_long_overdue_is_dropped_not_sent_late():
    day = datetime(2026, 11, 16, 0, 0, tzinfo=UTC)
    schedule = Schedule(times=MORNING_ONLY, follow_up=False)
    p = fresh_plan(day)
    [slot] = slots(p, schedule, day, day + timedelta(days=1))
    assert decide(slot, p, schedule, [], slot.at + timedelta(minutes=30)).send
    assert decide(slot, p, schedule, [], slot.at + timedelta(hours=3)).reason == "too late"


def test_it_names_every_problem_with_the_chosen_times():
    bad = Schedule(
        zone="Mars/Olympus",
        times={"morning-hamstring": (time(14),), "hamstring-trio": (time(8),), "relief": ()},
        days=frozenset(),
        quiet=(time(13), time(15)),
    )
    assert problems(bad) == [
        "'Mars/Olympus' is not a time zone we know.",
        "Choose at least one day of the week.",
        "Morning hamstring: choose a time between 04:00 and 12:00.",
        "Morning hamstring: a time falls in your quiet hours.",
        "Hamstring trio: choose 2 times, or none to turn it off.",
    ]
    assert problems(Schedule()) == []


def test_slots_do_not_read_the_clock():
    """The same window gives the same slots whatever the machine's clock says."""
    tz = ZoneInfo("Australia/Sydney")
    start = datetime(2026, 10, 3, 0, 0, tzinfo=tz)
    p = fresh_plan(start, zone="Australia/Sydney")
    schedule = Schedule(zone="Australia/Sydney")
    first = slots(p, schedule, start, start + timedelta(days=3))
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False):
        assert slots(p, schedule, start, start + timedelta(days=3)) == first
    assert all(isinstance(s, Slot) for s in first)


# --- routines a clinician assigned ---------------------------------------------------------


def assigned(times_per_day: int, time_of_day: str = "any") -> reminders.Reminder:
    from stretching.custom import read_custom

    data = {"name": "Morning set", "times_per_day": times_per_day, "time_of_day": time_of_day,
            "exercises": [{"exercise_id": "supine-piriformis"}]}  # fmt: skip
    return reminders.for_routine(read_custom(data, CAT, "clinic-7-1").routine())


@pytest.mark.parametrize(
    ("n", "part", "usual"),
    [
        (1, "any", ("09:00",)),
        (2, "any", ("09:00", "19:00")),
        (3, "any", ("09:00", "14:00", "19:00")),
        (2, "morning", ("07:30", "11:30")),
        (3, "evening", ("18:00", "19:30", "21:00")),
    ],
)
def test_an_assigned_routine_is_reminded_as_often_as_it_asks_over_its_part_of_the_day(
    n, part, usual
):
    r = assigned(n, part)
    assert (r.id, r.routine_id, r.min_times, r.max_times) == (
        "routine:clinic-7-1",
        "clinic-7-1",
        n,
        n,
    )
    assert tuple(f"{t:%H:%M}" for t in r.default_times) == usual
    assert not any(Schedule().in_quiet_hours(t) for t in r.default_times)  # 22:00 to 07:00
    assert reminders.routine_of(r.id) == "clinic-7-1"


def test_an_assigned_routine_is_planned_and_its_problems_name_it():
    r = assigned(2)
    schedule = Schedule(times={r.id: r.default_times}, assigned=(r,), follow_up=False)
    now = datetime(2026, 11, 16, 0, 0, tzinfo=UTC)
    found = slots(None, schedule, now, now + timedelta(days=1))
    assert [(s.reminder_id, s.routine_id, f"{s.at:%H:%M}") for s in found] == [
        ("routine:clinic-7-1", "clinic-7-1", "09:00"),
        ("routine:clinic-7-1", "clinic-7-1", "19:00"),
    ]
    once = Schedule(times={r.id: (time(9),)}, assigned=(r,))
    assert problems(once) == ["Morning set: choose 2 times, or none to turn it off."]
    assert problems(Schedule(times={r.id: (time(9),)})) == []  # not assigned: not reminded
    with pytest.raises(KeyError):
        reminders.routine_of("routine:")
