"""The scheduler tick and the worker send a person's reminder by email at their local time, once,
with a link into the player and one-click unsubscribe; not when the routine is done, consent
is withdrawn or the safety screen has locked routines; a failed send is retried."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from coach.reminders import sending
from coach.reminders.models import Delivery, ReminderSlot
from coach.reminders.scheduler import tick
from stretching.screening import forbidden_phrases_in

from .factories import make_consent, make_screen, make_session, make_user
from .reminder_helpers import make_reminders, run_worker

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(zone: str, *args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone))


@pytest.fixture
def alice():
    user = make_user("alice@example.org")
    make_reminders(user, times={"morning-hamstring": ["07:30"]})
    return user


def run_minutes(start: datetime, minutes: int) -> None:
    """The scheduler ticking and the worker running, minute by minute, on a travelled clock."""
    for n in range(minutes + 1):
        with time_machine.travel(start + timedelta(minutes=n), tick=False):
            tick()
            run_worker()


def test_it_emails_the_reminder_at_the_local_time_with_a_link_into_the_player(alice):
    run_minutes(at("Europe/London", 2026, 11, 16, 7, 28), 3)
    [message] = mail.outbox
    assert message.to == ["alice@example.org"]
    assert message.subject == "Time for your morning hamstring"
    assert "http://127.0.0.1:8000/routines/morning-hamstring/play/" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert 'href="http://127.0.0.1:8000/routines/morning-hamstring/play/"' in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://127.0.0.1:8000/reminders/unsubscribe/"
    )
    assert forbidden_phrases_in(message.subject + message.body) == ()
    slot = ReminderSlot.objects.get(status="sent")
    assert slot.sent_at == at("Europe/London", 2026, 11, 16, 7, 30)
    assert Delivery.objects.filter(slot=slot, channel="email", ok=True).count() == 1


@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York", "Australia/Sydney"])
def test_a_0730_reminder_goes_out_at_0730_local_each_day_across_both_clock_changes(zone):
    user = make_user("alice@example.org")
    make_reminders(user, zone=zone, times={"morning-hamstring": ["07:30"]})
    changes = {
        "Europe/London": [(2026, 3, 29), (2026, 10, 25)],
        "America/New_York": [(2026, 3, 8), (2026, 11, 1)],
        "Australia/Sydney": [(2026, 4, 5), (2026, 10, 4)],
    }[zone]
    for y, m, d in changes:
        mail.outbox.clear()
        change = datetime(y, m, d)
        for day in (change + timedelta(days=n) for n in (-1, 0, 1)):
            run_minutes(at(zone, day.year, day.month, day.day, 7, 29), 2)
            sent = [s.sent_at.astimezone(ZoneInfo(zone)) for s in ReminderSlot.objects.filter(
                user=user, status="sent", local_date=day.date())]  # fmt: skip
            assert [(s.hour, s.minute) for s in sent] == [(7, 30)]
        assert len(mail.outbox) == 3  # one a day, never twice, never skipped


def test_a_time_skipped_by_the_clocks_goes_out_at_the_next_valid_minute():
    user = make_user("alice@example.org")
    make_reminders(user, times={"relief": ["01:30"]}, quiet=None)
    run_minutes(datetime(2026, 3, 29, 0, 58, tzinfo=UTC), 4)  # 01:00 UTC is 02:00 BST
    [slot] = ReminderSlot.objects.filter(status="sent")
    assert slot.sent_at.astimezone(LONDON).time() == time(2, 0)
    assert len(mail.outbox) == 1


def test_it_does_not_remind_of_a_routine_already_done_for_its_slot(alice):
    make_session(
        alice, routine_id="morning-hamstring", started_at=at("Europe/London", 2026, 11, 16, 6, 50)
    )
    run_minutes(at("Europe/London", 2026, 11, 16, 7, 29), 2)
    assert mail.outbox == []
    assert ReminderSlot.objects.get(status="skipped").reason == "already done"


def test_nothing_is_sent_when_consent_is_withdrawn():
    user = make_user("alice@example.org", consent=False)
    make_consent(user, withdrawn=True)
    make_reminders(user)
    run_minutes(at("Europe/London", 2026, 11, 16, 7, 29), 2)
    assert mail.outbox == []
    assert ReminderSlot.objects.get(status="skipped").reason == "consent withdrawn"


def test_nothing_is_sent_while_the_safety_screen_has_locked_routines():
    user = make_user("alice@example.org", screened=False)
    make_screen(user, yes=("a1",))
    make_reminders(user)
    run_minutes(at("Europe/London", 2026, 11, 16, 7, 29), 2)
    assert mail.outbox == []
    assert (
        ReminderSlot.objects.get(status="skipped").reason == "the safety screen has locked routines"
    )


def test_one_gentle_follow_up_when_the_slot_passes_undone(alice):
    alice.reminder_settings.follow_up = True
    alice.reminder_settings.save()
    run_minutes(at("Europe/London", 2026, 11, 16, 7, 29), 2)
    run_minutes(at("Europe/London", 2026, 11, 16, 8, 59), 2)
    assert [m.subject for m in mail.outbox] == [
        "Time for your morning hamstring",
        "Still time for your morning hamstring today",
    ]


def test_a_slot_is_sent_once_however_often_it_is_claimed_or_delivered(alice):
    with time_machine.travel(at("Europe/London", 2026, 11, 16, 7, 0), tick=False):
        tick()  # stores the day's slot
    with time_machine.travel(at("Europe/London", 2026, 11, 16, 7, 31), tick=False):
        tick()
        tick()
        [slot] = ReminderSlot.objects.filter(status="queued")
        assert sending.deliver_slot(slot.pk) == "sent"
        assert sending.deliver_slot(slot.pk) == "not queued"
        run_worker()
    assert len(mail.outbox) == 1


def test_a_failed_send_is_retried_later_and_sent_once(alice, monkeypatch):
    real = sending.emails.send_reminder
    calls = []

    def flaky(**kwargs):
        calls.append(kwargs)
        if len(calls) < 3:
            raise ConnectionRefusedError("SMTP server down")
        real(**kwargs)

    monkeypatch.setattr(sending.emails, "send_reminder", flaky)
    run_minutes(at("Europe/London", 2026, 11, 16, 7, 29), 4)  # retries wait 30 s, then 60 s
    assert len(calls) == 3
    assert len(mail.outbox) == 1
    slot = ReminderSlot.objects.exclude(status="planned").get()
    assert (slot.status, slot.attempts) == ("sent", 2)
    assert list(Delivery.objects.order_by("at").values_list("ok", flat=True)) == [
        False,
        False,
        True,
    ]
