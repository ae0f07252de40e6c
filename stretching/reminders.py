"""Reminders: when to remind a person of a routine, in their own time zone, and what to say.

From the person's plan (stretching.rules.Plan) and their choices (a `Schedule`: times, days,
quiet hours, time zone, a pause, snoozed slots) this module works out the reminder slots in a
window of time, whether each one should still go out when its moment comes, and the message.
Pure: no clock, no database; the Django app stores the slots and sends them.

Decisions where the issue leaves room (numbers named once, below):

- A slot is the person's chosen local time on a local date. Its key (reminder, local date,
  slot time, kind) is the same however often it is computed, so storing it under a unique key
  sends it once. Its moment is that wall time in the person's zone: a time that does not exist
  that day (the clocks went forward) goes out at the next minute that does; a time that happens
  twice (the clocks went back) goes out at the first.
- "Already done in its slot": by the slot's moment the person has finished as many sessions of
  the routine that local day as there are slots of the reminder up to this one (the second of
  two hamstring-trio slots is not sent once two sessions are done that day).
- One gentle follow-up `FOLLOW_UP_AFTER` a slot, only if the slot is still undone then, only on
  the same local day, before the reminder's next slot, and never in quiet hours. Nothing at all
  goes out in quiet hours.
- A routine a clinician assigned gets a reminder of its own (`for_routine`): as many times a
  day as the routine asks for, on at its usual times until the person changes or clears them.
- After a session that hurt (that day or the day before) the message says what changed, in the
  plan's own sentences (the stretch that rests, the shorter hold), not the same call again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .catalogue import Routine
from .rules import Plan, SessionRecord

Kind = Literal["reminder", "follow-up"]
SlotKey = tuple[str, date, time, Kind]

FOLLOW_UP_AFTER = timedelta(minutes=90)
"""[design] A slot still undone this long after it went out gets its one gentle follow-up."""
MORNING = (time(4, 0), time(12, 0))
"""[design] The morning hamstring stretch is reminded between these local times."""
CHANGED_RULES = frozenset({"pause", "stays-off", "reduced-dose", "shortened"})
"""The plan's sentences that say what changed after something hurt."""
MAX_LATE = timedelta(hours=2)
"""[design] A reminder more than this late (the worker was down) is dropped, not sent."""


@dataclass(frozen=True)
class Reminder:
    """One kind of reminder: a routine, how many times a day, and when by default."""

    id: str
    routine_id: str
    default_times: tuple[time, ...]
    min_times: int = 1
    max_times: int = 1
    between: tuple[time, time] | None = None
    """The local times it may be set to (None: any)."""
    name: str = ""
    """How the settings and their problems name it ('' its id, capitalised)."""


REMINDERS: tuple[Reminder, ...] = (
    Reminder("morning-hamstring", "morning-hamstring", (time(7, 30),), between=MORNING),
    Reminder("hamstring-trio", "hamstring-trio", (time(8, 0), time(18, 0)), 2, 2),
    Reminder("relief", "relief-sequence", (time(12, 30),), 1, 10),
    Reminder("warm-up", "daily-warm-up", (time(8, 0),)),
)
BY_ID: Mapping[str, Reminder] = {r.id: r for r in REMINDERS}

ASSIGNED = "routine:"
"""A reminder of a routine a clinician assigned is this and the routine's id."""
ASSIGNED_WINDOWS: Mapping[str, tuple[time, time]] = {
    "morning": (time(7, 30), time(11, 30)),
    "evening": (time(18, 0), time(21, 0)),
    "any": (time(9, 0), time(19, 0)),
}
"""[design] An assigned routine's usual times spread evenly over its part of the day, outside
the usual quiet hours."""
ASSIGNED_BETWEEN: Mapping[str, tuple[time, time] | None] = {
    "morning": MORNING,
    "evening": (time(16, 0), time(23, 59)),
    "any": None,
}
"""[design] The local times an assigned routine may be set to, by its part of the day."""


def for_routine(routine: Routine) -> Reminder:
    """The reminder of a routine a clinician assigned: as many times a day as it asks for, at
    times spread over its part of the day (the person may move them)."""
    n = routine.frequency.times_per_day_max or 1
    part = (
        routine.frequency.time_of_day
        if routine.frequency.time_of_day in ASSIGNED_WINDOWS
        else "any"
    )
    return Reminder(
        ASSIGNED + routine.id,
        routine.id,
        spread(*ASSIGNED_WINDOWS[part], n),
        n,
        n,
        between=ASSIGNED_BETWEEN[part],
        name=routine.name,
    )


def spread(first: time, last: time, n: int) -> tuple[time, ...]:
    """`n` times from `first` to `last`, evenly apart, to the nearest quarter hour."""
    if n == 1:
        return (first,)
    start, end = first.hour * 60 + first.minute, last.hour * 60 + last.minute
    minutes = (round((start + i * (end - start) / (n - 1)) / 15) * 15 for i in range(n))
    return tuple(time(m // 60, m % 60) for m in minutes)


def routine_of(reminder_id: str) -> str:
    """The routine a reminder id stands for; KeyError for an id that is neither a built-in
    reminder nor an assigned routine's."""
    if reminder_id in BY_ID:
        return BY_ID[reminder_id].routine_id
    if reminder_id.startswith(ASSIGNED) and len(reminder_id) > len(ASSIGNED):
        return reminder_id[len(ASSIGNED) :]
    raise KeyError(reminder_id)


@dataclass(frozen=True)
class Schedule:
    """The person's choices. `times`: per reminder id, the local times (empty: off)."""

    zone: str = "Europe/London"
    times: Mapping[str, tuple[time, ...]] = field(
        default_factory=lambda: {r.id: r.default_times for r in REMINDERS}
    )
    days: frozenset[int] = frozenset(range(7))
    """Weekdays reminders go out on, Monday 0."""
    quiet: tuple[time, time] | None = (time(22, 0), time(7, 0))
    """Quiet hours from the first time to the second (may cross midnight)."""
    paused_until: datetime | None = None
    snoozed: Mapping[SlotKey, datetime] = field(default_factory=dict)
    """A snoozed slot goes out at its new moment instead, under the same key."""
    follow_up: bool = True
    assigned: tuple[Reminder, ...] = ()
    """Reminders of the routines a clinician assigned to the person (`for_routine`)."""

    @property
    def reminders(self) -> tuple[Reminder, ...]:
        """Every reminder the person can set: the built-in ones, then their assigned ones."""
        return REMINDERS + self.assigned

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def in_quiet_hours(self, wall: time) -> bool:
        if self.quiet is None or self.quiet[0] == self.quiet[1]:
            return False
        start, end = self.quiet
        if start < end:
            return start <= wall < end
        return wall >= start or wall < end


def problems(schedule: Schedule) -> list[str]:
    """What is wrong with the person's choices, in words for the settings page."""
    found = []
    try:
        schedule.tz  # noqa: B018  (loading the zone is the check)
    except (ZoneInfoNotFoundError, ValueError):
        found.append(f"'{schedule.zone}' is not a time zone we know.")
    if not schedule.days:
        found.append("Choose at least one day of the week.")
    for reminder in schedule.reminders:
        chosen = schedule.times.get(reminder.id, ())
        if not chosen:
            continue
        if len(set(chosen)) != len(chosen):
            found.append(f"{label(reminder)}: the same time is chosen twice.")
        if not reminder.min_times <= len(chosen) <= reminder.max_times:
            found.append(f"{label(reminder)}: {_count_rule(reminder)}.")
        if reminder.between and any(not _within(t, reminder.between) for t in chosen):
            lo, hi = reminder.between
            found.append(f"{label(reminder)}: choose a time between {lo:%H:%M} and {hi:%H:%M}.")
        if any(schedule.in_quiet_hours(t) for t in chosen):
            found.append(f"{label(reminder)}: a time falls in your quiet hours.")
    return found


def label(reminder: Reminder) -> str:
    """How the problems name a reminder: its name, else its id capitalised."""
    return reminder.name or reminder.id.replace("-", " ").capitalize()


def _count_rule(reminder: Reminder) -> str:
    if reminder.min_times == reminder.max_times:
        n = reminder.min_times
        return f"choose {n} time{'s' if n != 1 else ''}, or none to turn it off"
    return f"choose {reminder.min_times} to {reminder.max_times} times, or none to turn it off"


def _within(t: time, between: tuple[time, time]) -> bool:
    return between[0] <= t <= between[1]


# --- time -----------------------------------------------------------------------------------


def exists(wall: datetime, tz: ZoneInfo) -> bool:
    """Whether the local wall time happens at all in the zone (not skipped by the clocks)."""
    local = wall.replace(tzinfo=tz, fold=0)
    return local.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == wall.replace(fold=0)


def local_moment(day: date, wall: time, tz: ZoneInfo) -> datetime:
    """The UTC moment of a local date and wall time: the first of two when the clocks went
    back, the next minute that exists when they went forward past it."""
    when = datetime.combine(day, wall.replace(second=0, microsecond=0))
    while not exists(when, tz):
        when += timedelta(minutes=1)
    return when.replace(tzinfo=tz, fold=0).astimezone(UTC)


# --- slots ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One reminder (or its follow-up) for one local date and chosen time."""

    reminder_id: str
    routine_id: str
    local_date: date
    slot_time: time
    kind: Kind
    at: datetime
    """When it goes out (UTC)."""
    index: int
    """Its place among the reminder's slots that day, from 1."""

    @property
    def key(self) -> SlotKey:
        return (self.reminder_id, self.local_date, self.slot_time, self.kind)


def active_reminders(plan: Plan | None, schedule: Schedule) -> list[Reminder]:
    """The reminders the person set that the plan asks for (a routine it wants done today);
    with no plan, every reminder the person set (whether each goes out is decided at its
    moment, by `decide`, so the stored slots follow the plan as it changes)."""
    found = []
    for reminder in schedule.reminders:
        item = plan.due_for(reminder.routine_id) if plan is not None else None
        asked = plan is None or (item is not None and item.due)
        if asked and schedule.times.get(reminder.id):
            found.append(reminder)
    return found


def slots(plan: Plan | None, schedule: Schedule, start: datetime, end: datetime) -> list[Slot]:
    """Every reminder and follow-up whose moment falls in [start, end), in time order (of the
    reminders the plan asks for, or of all the person set when `plan` is None)."""
    tz = schedule.tz
    first = start.astimezone(tz).date() - timedelta(days=1)
    last = end.astimezone(tz).date() + timedelta(days=1)
    found: list[Slot] = []
    for reminder in active_reminders(plan, schedule):
        day = first
        while day <= last:
            if day.weekday() in schedule.days:
                found += _day_slots(reminder, day, schedule, tz)
            day += timedelta(days=1)
    return sorted(
        (s for s in found if start <= s.at < end and not _paused(s, schedule)),
        key=lambda s: (s.at, s.reminder_id, s.kind),
    )


def _day_slots(reminder: Reminder, day: date, schedule: Schedule, tz: ZoneInfo) -> list[Slot]:
    times = sorted(schedule.times.get(reminder.id, ()))
    moments = []
    for index, wall in enumerate(times, start=1):
        key: SlotKey = (reminder.id, day, wall, "reminder")
        at = schedule.snoozed.get(key) or local_moment(day, wall, tz)
        moments.append(
            Slot(reminder.id, reminder.routine_id, day, wall, "reminder", at.astimezone(UTC), index)
        )
    found = [s for s in moments if not schedule.in_quiet_hours(_wall(s.at, tz))]
    if not schedule.follow_up:
        return found
    for n, slot in enumerate(moments):
        if slot not in found:
            continue  # nothing went out, so nothing to follow up
        later = slot.at + FOLLOW_UP_AFTER
        next_at = moments[n + 1].at if n + 1 < len(moments) else None
        same_day = later.astimezone(tz).date() == day
        before_next = next_at is None or later < next_at
        if same_day and before_next and not schedule.in_quiet_hours(_wall(later, tz)):
            found.append(replace(slot, kind="follow-up", at=later))
    return found


def _wall(at: datetime, tz: ZoneInfo) -> time:
    return at.astimezone(tz).time().replace(second=0, microsecond=0)


def _paused(slot: Slot, schedule: Schedule) -> bool:
    return schedule.paused_until is not None and slot.at < schedule.paused_until


# --- whether a slot still goes out ----------------------------------------------------------

Blocked = Literal["", "consent-withdrawn", "locked"]


@dataclass(frozen=True)
class Decision:
    send: bool
    reason: str


def decide(
    slot: Slot,
    plan: Plan,
    schedule: Schedule,
    sessions: Iterable[SessionRecord],
    now: datetime,
    *,
    blocked: Blocked = "",
    late_after: timedelta | None = MAX_LATE,
) -> Decision:
    """Whether the slot goes out now: not when consent is withdrawn, the safety screen has
    locked routines, everything is paused, the plan no longer asks for the routine (or has
    nothing to play), the routine is already done in its slot, or the moment is long past
    (`late_after`; None for a retry of a slot that was on time)."""
    if blocked == "consent-withdrawn":
        return Decision(False, "consent withdrawn")
    if blocked == "locked":
        return Decision(False, "the safety screen has locked routines")
    if _paused(slot, schedule):
        return Decision(False, "paused")
    if late_after is not None and now - slot.at > late_after:
        return Decision(False, "too late")
    if slot.reminder_id not in {r.id for r in active_reminders(plan, schedule)}:
        return Decision(False, "the plan no longer asks for it")
    if done_in_slot(slot, sessions, schedule.tz, now):
        return Decision(False, "already done")
    may, _why = plan.can_start(slot.routine_id)
    if not may:
        return Decision(False, "nothing to play now")
    return Decision(True, "due")


def done_in_slot(
    slot: Slot, sessions: Iterable[SessionRecord], tz: ZoneInfo, now: datetime
) -> bool:
    """Whether the person has finished as many sessions of the routine that local day, by
    now, as there are slots of the reminder up to this one."""
    done = sum(
        1
        for s in sessions
        if s.routine_id == slot.routine_id
        and s.completed
        and s.started_at <= now
        and s.started_at.astimezone(tz).date() == slot.local_date
    )
    return done >= slot.index


def due(
    plan: Plan,
    schedule: Schedule,
    sessions: Sequence[SessionRecord],
    start: datetime,
    end: datetime,
    *,
    blocked: Blocked = "",
) -> list[Slot]:
    """The slots in [start, end) that go out, each decided at its own moment."""
    return [
        s
        for s in slots(plan, schedule, start, end)
        if decide(s, plan, schedule, sessions, s.at, blocked=blocked).send
    ]


# --- what it says ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    """A reminder's words: a title, a line, what changed in the plan, and the routine to open."""

    title: str
    line: str
    changed: tuple[str, ...]
    routine_id: str

    @property
    def text(self) -> str:
        return "\n\n".join((self.line, *self.changed))


def message(slot: Slot, plan: Plan, sessions: Iterable[SessionRecord], tz: ZoneInfo) -> Message:
    """What the reminder says. After a session that hurt (the slot's day or the day before)
    it says what changed, in the plan's own sentences."""
    name = plan.routine_names.get(slot.routine_id, slot.routine_id)
    changed = what_changed(slot, plan, sessions, tz)
    if slot.kind == "follow-up":
        title = f"Still time for your {name.lower()} today"
        line = f"Your {name.lower()} is still waiting, whenever suits you. No pressure."
    else:
        title = f"Time for your {name.lower()}"
        line = _call(slot, name, plan)
    if changed:
        line = f"{line} Your plan changed after a stretch hurt:"
    return Message(title, line, changed, slot.routine_id)


def _call(slot: Slot, name: str, plan: Plan) -> str:
    item = plan.due_for(slot.routine_id)
    if item is not None and item.maximum and item.maximum > 1:
        return f"It is time for session {slot.index} of your {name.lower()} today."
    return f"It is time for your {name.lower()}."


def what_changed(
    slot: Slot, plan: Plan, sessions: Iterable[SessionRecord], tz: ZoneInfo
) -> tuple[str, ...]:
    """The plan's sentences about the routine's stretches that rest or hold shorter, when a
    session hurt on the slot's day (before it) or the day before; else nothing."""
    since = slot.local_date - timedelta(days=1)
    hurt = any(
        s.provoking and since <= s.end.astimezone(tz).date() and s.end <= slot.at for s in sessions
    )
    if not hurt:
        return ()
    return tuple(e.text for e in plan.explanations_for(slot.routine_id) if e.rule in CHANGED_RULES)
