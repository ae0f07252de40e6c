"""A routine a clinician assigned is reminded like the built-in ones: on at its usual times the
moment it is assigned, sent by the worker with a link into its own player, movable and
clearable on the settings page (named as the clinician named it), and gone once taken back."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from coach.clinic.routines import routine_unassign
from coach.reminders.models import ReminderSettings, ReminderSlot
from coach.reminders.scheduler import tick

from .clinic_factories import assign, make_clinician, make_share
from .factories import make_user
from .reminder_helpers import make_reminders, run_worker, speaks

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
MONDAY_6AM = datetime(2026, 11, 16, 6, 0, tzinfo=LONDON)
KEY = "routine:clinic-{}-1"


def run_minutes(start: datetime, minutes: int) -> None:
    for n in range(minutes + 1):
        with time_machine.travel(start + timedelta(minutes=n), tick=False):
            tick()
            run_worker()


def assigned_mail(person) -> list:
    """The emails about the assigned routine (the 07:30 one goes out too, late)."""
    return [m for m in mail.outbox if f"/my-routines/clinic-{person.pk}-1/play/" in m.body]


@pytest.fixture
def ana():
    """A person with reminders for the morning stretch only, whose clinician assigns them the
    "Morning set" (twice a day, any time of day) at 06:00 on a Monday."""
    person = make_user("ana@example.org")
    make_reminders(person, times={"morning-hamstring": ["07:30"]})
    share = make_share(person, make_clinician("sam@clinic.example"))
    with time_machine.travel(MONDAY_6AM, tick=False):
        assign(share)
    person.share = share
    return person


def planned(person) -> list[tuple[str, str]]:
    return [
        (s.reminder, f"{s.due_at.astimezone(LONDON):%a %H:%M}")
        for s in ReminderSlot.objects.filter(user=person, status="planned").order_by("due_at")
    ]


def test_an_assigned_routine_is_planned_at_its_usual_times_as_soon_as_it_is_assigned(ana):
    key = KEY.format(ana.pk)
    assert planned(ana)[:3] == [
        ("morning-hamstring", "Mon 07:30"),
        (key, "Mon 09:00"),
        (key, "Mon 19:00"),
    ]


def test_the_worker_emails_it_with_its_name_and_a_link_into_its_own_player(ana):
    run_minutes(datetime(2026, 11, 16, 8, 59, tzinfo=LONDON), 2)
    [message] = assigned_mail(ana)
    assert message.subject == "Time for your morning set"
    assert "session 1 of your morning set today" in message.body
    assert f"http://127.0.0.1:8000/my-routines/clinic-{ana.pk}-1/play/" in message.body


def test_in_spanish_it_keeps_the_name_the_clinician_gave_it(ana):
    speaks(ana, "es")
    run_minutes(datetime(2026, 11, 16, 8, 59, tzinfo=LONDON), 2)
    [message] = assigned_mail(ana)
    assert message.subject == "Es hora de tu rutina: Morning set"
    assert "clinic-" not in message.subject


def test_the_settings_page_shows_it_with_its_times_and_saving_moves_or_clears_them(client, ana):
    client.force_login(ana)
    field = f"times_routine_clinic_{ana.pk}_1"
    page = client.get("/reminders/")
    assert "Morning set, from your clinician (2 times a day)" in page.text
    assert page.context["form"][field].value() == "09:00, 19:00"

    form = {"zone": "Europe/London", "days": [str(d) for d in range(7)],
            "quiet_start": "22:00", "quiet_end": "07:00", "email": "on",
            "times_morning_hamstring": "07:30"}  # fmt: skip
    wrong = client.post("/reminders/", form | {field: "10:00"})
    assert "Morning set: choose 2 times, or none to turn it off." in wrong.text
    assert ReminderSettings.objects.get(user=ana).times == {"morning-hamstring": ["07:30"]}

    with time_machine.travel(MONDAY_6AM, tick=False):
        client.post("/reminders/", form | {field: "08:15, 20:00"})
    key = KEY.format(ana.pk)
    assert [t for r, t in planned(ana) if r == key][:2] == ["Mon 08:15", "Mon 20:00"]

    with time_machine.travel(MONDAY_6AM, tick=False):
        client.post("/reminders/", form | {field: ""})
    assert ReminderSettings.objects.get(user=ana).times[key] == []  # off, not back to usual
    assert [r for r, _ in planned(ana) if r == key] == []
    assert client.get("/reminders/").context["form"][field].value() == ""


def test_taking_the_routine_back_drops_its_reminders(ana):
    with time_machine.travel(MONDAY_6AM + timedelta(minutes=5), tick=False):
        routine_unassign(share=ana.share, routine_id=f"clinic-{ana.pk}-1")
    assert planned(ana)[0] == ("morning-hamstring", "Mon 07:30")
    assert [r for r, _ in planned(ana) if r.startswith("routine:")] == []
    run_minutes(datetime(2026, 11, 16, 8, 59, tzinfo=LONDON), 2)
    assert [m.subject for m in mail.outbox] == ["Time for your morning hamstring"]


def test_the_calendar_holds_it_at_its_times_opening_its_own_player(client, ana):
    from icalendar import Calendar

    client.force_login(ana)
    with time_machine.travel(MONDAY_6AM, tick=False):
        response = client.get("/reminders/calendar/download.ics")
    events = [e for e in Calendar.from_ical(response.content).walk("VEVENT")]
    mine = {
        f"{e.decoded('DTSTART'):%H:%M}": str(e["URL"])
        for e in events
        if e["SUMMARY"] == "Morning set"
    }
    player = f"http://127.0.0.1:8000/my-routines/clinic-{ana.pk}-1/play/"
    assert mine == {"09:00": player, "19:00": player}
