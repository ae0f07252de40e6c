"""The reminder settings page (owner, stranger, anonymous), pause and snooze, the calendar feed
(parses, matches the plan, revocable), and reminders in the export and the account deletion."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from dateutil.rrule import rrulestr
from icalendar import Calendar

from coach.reminders.models import ReminderSettings, ReminderSlot, TipSubscription
from coach.reminders.scheduler import tick
from stretching import catalogue, reminders
from stretching.rules import plan

from .factories import PASSWORD, make_user
from .reminder_helpers import make_reminders

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 16, 6, 0, tzinfo=UTC)  # a Monday
FORM = {
    "zone": "America/New_York",
    "days": ["0", "1", "2", "3", "4"],
    "quiet_start": "22:00",
    "quiet_end": "07:00",
    "times_morning_hamstring": "07:30",
    "times_hamstring_trio": "08:00, 18:00",
    "times_relief": "09:00, 13:00, 19:00",
    "times_warm_up": "",
    "follow_up": "on",
    "email": "on",
}


@pytest.fixture
def alice():
    return make_user("alice@example.org")


def test_it_saves_the_chosen_times_and_plans_the_slots(client, alice):
    client.force_login(alice)
    page = client.get("/reminders/").content.decode()
    assert "Morning hamstring stretch (once, in the morning)" in page
    with time_machine.travel(NOW, tick=False):
        response = client.post("/reminders/", FORM, follow=True)
    assert "Your reminders are saved." in response.content.decode()
    rs = ReminderSettings.objects.get(user=alice)
    assert rs.times == {
        "morning-hamstring": ["07:30"],
        "hamstring-trio": ["08:00", "18:00"],
        "relief": ["09:00", "13:00", "19:00"],
    }
    assert (rs.zone, rs.days) == ("America/New_York", [0, 1, 2, 3, 4])
    first = ReminderSlot.objects.filter(user=alice, kind="reminder").first()
    assert first.due_at.astimezone(ZoneInfo("America/New_York")).strftime("%a %H:%M") == (
        "Mon 07:30"
    )


def test_it_names_what_is_wrong_with_the_times_and_keeps_what_was_typed(client, alice):
    client.force_login(alice)
    bad = FORM | {"times_morning_hamstring": "15:00", "times_hamstring_trio": "8 o'clock"}
    page = client.post("/reminders/", bad).content.decode()
    assert "&#x27;8 o&#x27;clock&#x27; is not a time like 07:30." in page
    assert not ReminderSettings.objects.filter(user=alice).exists()
    page = client.post("/reminders/", FORM | {"times_morning_hamstring": "15:00"}).content
    assert "Morning hamstring: choose a time between 04:00 and 12:00." in page.decode()


def test_anonymous_people_are_sent_to_sign_in(client):
    for url in ("/reminders/", "/reminders/calendar/download.ics"):
        assert client.get(url)["Location"].startswith("/account/sign-in/")


def test_a_pause_stops_the_coming_slots_and_snooze_moves_one(client, alice):
    stranger = make_user("bob@example.org")
    client.force_login(alice)
    with time_machine.travel(NOW, tick=False):
        client.post("/reminders/", FORM)
        slot = ReminderSlot.objects.filter(user=alice, kind="reminder").first()
        due = slot.due_at
        client.post(f"/reminders/snooze/{slot.pk}/", {"minutes": "30"})
        slot.refresh_from_db()
        assert (slot.due_at - due, slot.snoozed) == (timedelta(minutes=30), True)
        client.force_login(stranger)
        assert client.post(f"/reminders/snooze/{slot.pk}/", {"minutes": "30"}).status_code == 404
        client.force_login(alice)
        client.post("/reminders/pause/", {"days": "3"})
        assert not ReminderSlot.objects.filter(
            user=alice, due_at__lt=NOW + timedelta(days=3)
        ).exists()


def test_the_calendar_feed_parses_and_its_next_occurrences_match_the_reminders(client, alice):
    client.force_login(alice)
    with time_machine.travel(NOW, tick=False):
        client.post("/reminders/", FORM)
        client.post("/reminders/calendar/")
        rs = ReminderSettings.objects.get(user=alice)
        client.logout()
        response = client.get(f"/reminders/calendar/{rs.calendar_token}.ics")
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]
    events = cal.walk("VEVENT")
    assert all(e.walk("VALARM") for e in events)
    week = (NOW, NOW + timedelta(days=7))
    found = sorted(
        when.astimezone(UTC)
        for e in events
        for when in rrulestr(e["RRULE"].to_ical().decode(), dtstart=e.decoded("DTSTART")).between(
            *week, inc=True
        )
    )
    person = plan(catalogue.default(), [], [], NOW, tz=ZoneInfo("America/New_York"))
    schedule = reminders.Schedule(
        zone="America/New_York",
        times={
            "morning-hamstring": (time(7, 30),),
            "hamstring-trio": (time(8), time(18)),
            "relief": (time(9), time(13), time(19)),
        },
        days=frozenset(range(5)),
        follow_up=False,
    )
    expected = [s.at for s in reminders.slots(person, schedule, *week)]
    assert found == expected
    assert len(found) == 5 * 6


def test_a_revoked_feed_address_answers_404(client, alice):
    client.force_login(alice)
    client.post("/reminders/", FORM)
    client.post("/reminders/calendar/")
    old = ReminderSettings.objects.get(user=alice).calendar_token
    assert client.get(f"/reminders/calendar/{old}.ics").status_code == 200
    client.post("/reminders/calendar/", {"revoke": "1"})
    assert client.get(f"/reminders/calendar/{old}.ics").status_code == 404
    client.post("/reminders/calendar/")
    assert client.get(f"/reminders/calendar/{old}.ics").status_code == 404


def test_the_ics_download_holds_one_event_per_reminder_time(client, alice):
    client.force_login(alice)
    client.post("/reminders/", FORM)
    response = client.get("/reminders/calendar/download.ics")
    assert "attachment" in response["Content-Disposition"]
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert sorted(summaries) == sorted(
        ["Morning hamstring", "Hamstring trio", "Hamstring trio"] + ["Relief sequence"] * 3
    )


def test_reminders_are_in_the_export_and_go_with_the_account(client, alice):
    make_reminders(alice)
    TipSubscription.objects.create(
        email="alice@example.org", confirmed_at=NOW, send_time=NOW.time(), next_at=NOW
    )
    other = TipSubscription.objects.create(
        email="carol@example.org", confirmed_at=NOW, send_time=NOW.time(), next_at=NOW
    )
    client.force_login(alice)
    with time_machine.travel(NOW, tick=False):
        tick()
    data = client.get("/account/export/sciatica-coach.json").json()
    section = data["reminders"]
    assert section["settings"]["times"] == {"morning-hamstring": ["07:30"]}
    assert {s["reminder"] for s in section["slots"]} == {"morning-hamstring"}
    assert [t["email"] for t in section["tips_by_email"]] == ["alice@example.org"]
    client.post("/account/delete/", {"password": PASSWORD})
    assert not ReminderSettings.objects.exists()
    assert not ReminderSlot.objects.exists()
    assert list(TipSubscription.objects.all()) == [other]
