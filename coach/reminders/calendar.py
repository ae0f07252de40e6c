"""The reminders as a calendar (RFC 5545, the icalendar library): one recurring event per
reminder time with an RRULE on the chosen days, in the person's zone (with its VTIMEZONE), and
an alarm at the start, so a phone's own calendar reminds them even when nothing else runs."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from stretching import i18n
from stretching.reminders import Schedule, active_reminders
from stretching.rules import Plan

from . import links

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
EVENT_MINUTES = 10
"""[design] How long each event shows in the calendar."""


def calendar(plan: Plan, schedule: Schedule, *, user_id: int, now: datetime) -> bytes:
    """The person's reminders that the plan asks for, from today (or the end of a pause), in
    the active language (the caller overrides it with the person's)."""
    core = i18n.language(get_language()) or i18n.DEFAULT_LANGUAGE
    names = i18n.catalogue(core).routines
    cal = Calendar()
    cal.add("prodid", "-//Sciatica Coach//Reminders//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Sciatica Coach reminders"))
    cal.add("x-wr-timezone", schedule.zone)
    tz = ZoneInfo(schedule.zone)
    start = max(now, schedule.paused_until or now).astimezone(tz).date()
    for reminder in active_reminders(plan, schedule):
        name = plan.routine_names.get(reminder.routine_id, reminder.routine_id)
        if core != i18n.DEFAULT_LANGUAGE and reminder.routine_id in names:
            name = names[reminder.routine_id].name
        call = _time_for(name, core)
        for wall in sorted(schedule.times.get(reminder.id, ())):
            event = Event()
            event.add("uid", f"{reminder.id}-{wall:%H%M}-{user_id}@sciatica-coach")
            event.add("summary", name)
            event.add("dtstamp", now)
            event.add("dtstart", datetime.combine(_first_day(start, schedule), wall, tz))
            event.add("duration", timedelta(minutes=EVENT_MINUTES))
            event.add("rrule", _rule(schedule))
            event.add("url", links.player_url(reminder.routine_id))
            start_now = _("Start now:")
            event.add("description", f"{call}. {start_now} {links.player_url(reminder.routine_id)}")
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", call)
            alarm.add("trigger", timedelta(0))
            event.add_component(alarm)
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def _time_for(name: str, core: str) -> str:
    """'Time for your morning hamstring' (the reminder email's subject, in the language)."""
    if core == i18n.DEFAULT_LANGUAGE:
        return f"Time for your {name.lower()}"
    return _("Time for your routine: %(name)s") % {"name": name}


def _rule(schedule: Schedule) -> dict[str, object]:
    if len(schedule.days) == 7:
        return {"freq": "daily"}
    return {"freq": "weekly", "byday": [DAYS[d] for d in sorted(schedule.days)]}


def _first_day(start: date, schedule: Schedule) -> date:
    """The first chosen weekday from `start` (the event's first occurrence)."""
    day = start
    while day.weekday() not in schedule.days:
        day += timedelta(days=1)
    return day
