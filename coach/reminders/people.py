"""Reads about one person for their reminders: their choices as the core's `Schedule`, their
plan in their own zone, their recent sessions, and whether anything may be sent at all."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from coach.diary import selectors as diary
from coach.diary.plans import plan_for_user
from coach.practice.gating import facts_for
from coach.practice.models import AssignedRoutine
from stretching import gate, reminders
from stretching.reminders import REMINDERS, Blocked, Reminder, Schedule, Slot, SlotKey
from stretching.rules import Plan, SessionRecord

from .models import ReminderSettings, ReminderSlot


def parse_times(values: list[str]) -> tuple[time, ...]:
    return tuple(sorted(time.fromisoformat(v) for v in values))


def default_times() -> dict[str, list[str]]:
    return {r.id: [f"{t:%H:%M}" for t in r.default_times] for r in REMINDERS}


def assigned_of(user_id: int) -> tuple[Reminder, ...]:
    """Reminders of the routines a clinician assigned to the person."""
    found = AssignedRoutine.objects.routines_for(user_id)
    return tuple(reminders.for_routine(c.routine()) for c in found)


def times_of(rs: ReminderSettings, assigned: tuple[Reminder, ...]) -> dict[str, tuple[time, ...]]:
    """The chosen times per reminder; an assigned routine the person has not set (or cleared)
    yet is on at its usual times."""
    chosen = {rid: parse_times(values) for rid, values in (rs.times or {}).items()}
    for r in assigned:
        chosen.setdefault(r.id, r.default_times)
    return chosen


def schedule_of(rs: ReminderSettings, snoozed: dict[SlotKey, datetime] | None = None) -> Schedule:
    """The person's choices as the core reads them (snoozed slots from the stored ones), with
    the routines a clinician assigned to them."""
    quiet = (rs.quiet_start, rs.quiet_end) if rs.quiet_start and rs.quiet_end else None
    moved: dict[SlotKey, datetime] = (
        snoozed
        if snoozed is not None
        else {
            (s.reminder, s.local_date, s.slot_time, "reminder"): s.due_at
            for s in ReminderSlot.objects.filter(user_id=rs.user_id, snoozed=True, kind="reminder")
        }
    )
    assigned = assigned_of(rs.user_id)
    return Schedule(
        zone=rs.zone,
        times=times_of(rs, assigned),
        days=frozenset(rs.days) if rs.days else frozenset(range(7)),
        quiet=quiet,
        paused_until=rs.paused_until,
        snoozed=moved,
        follow_up=rs.follow_up,
        assigned=assigned,
    )


def plan_of(user, zone: str, now: datetime) -> Plan:
    """Today's plan, its days in the person's own zone."""
    with timezone.override(ZoneInfo(zone)):
        return plan_for_user(user, now)


def sessions_of(user, now: datetime) -> list[SessionRecord]:
    """The person's sessions of the last two days (what "done" and "what hurt" look at)."""
    since = now - timedelta(days=2)
    return diary.session_records([user.pk], started_at__gte=since)[user.pk]


def blocked_of(user, now: datetime) -> Blocked:
    """Consent withdrawn (or never given), or routines locked by the safety screen."""
    answer = gate.may_start(facts_for(user=user, browser=None), now)
    if answer.step == "give-consent":
        return "consent-withdrawn"
    if answer.step in ("emergency", "see-clinician"):
        return "locked"
    return ""


def core_slot(slot: ReminderSlot) -> Slot:
    return Slot(
        slot.reminder,
        reminders.routine_of(slot.reminder),
        slot.local_date,
        slot.slot_time,
        "follow-up" if slot.kind == "follow-up" else "reminder",
        slot.due_at,
        slot.position,
    )
