"""The ten tips by email: a double opt-in from /learn/ (nothing stored before the link, which
expires), one tip a day at the chosen time, and unsubscribing by one click or by the header."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from coach.reminders.links import unsubscribe_url
from coach.reminders.models import TipSubscription
from coach.reminders.scheduler import tick
from stretching import tips
from stretching.screening import forbidden_phrases_in

from .reminder_helpers import run_worker

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 16, 10, 0, tzinfo=PARIS)


def link(message, prefix: str) -> str:
    return re.search(rf"http://127\.0\.0\.1:8000({prefix}[^\s\"<>]+)", message.body).group(1)


def subscribe(client, email="reader@example.org") -> str:
    """Post the /learn/ form and follow the confirm link; the path of that link."""
    page = client.get("/learn/").content.decode()
    assert 'action="/reminders/tips/"' in page
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            "/reminders/tips/", {"email": email, "send_time": "08:15", "zone": "Europe/Paris"}
        )
    assert response["Location"] == "/reminders/tips/sent/"
    [confirm] = mail.outbox
    assert confirm.subject == "Confirm the ten tips by email"
    assert not TipSubscription.objects.exists()  # nothing stored before the link
    return link(confirm, "/reminders/tips/confirm/")


def test_double_opt_in_then_one_tip_a_day_at_the_chosen_time(client):
    path = subscribe(client)
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        assert "Yes, send me the tips" in client.get(path).content.decode()
        assert not TipSubscription.objects.exists()  # a link checker's GET confirms nothing
        client.post(path)
    sub = TipSubscription.objects.get()
    assert sub.next_at == datetime(2026, 11, 17, 8, 15, tzinfo=PARIS)
    mail.outbox.clear()
    for day in range(17, 20):
        for minute in (14, 15, 16):
            with time_machine.travel(datetime(2026, 11, day, 8, minute, tzinfo=PARIS), tick=False):
                tick()
                run_worker()
    assert [m.subject for m in mail.outbox] == [
        f"Tip {n} of 10: {tips.default().number(n).title}" for n in (1, 2, 3)
    ]
    first = mail.outbox[0]
    assert tips.default().number(1).paragraphs[0] in first.body
    html, _ = first.alternatives[0]
    assert f'<h1 style="font-size: 1.4em;">{tips.default().number(1).title}</h1>' in html
    assert forbidden_phrases_in(first.body) == ()


def test_a_confirm_link_expires(client):
    path = subscribe(client)
    with time_machine.travel(NOW + timedelta(days=4), tick=False):
        response = client.post(path)
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert not TipSubscription.objects.exists()


def confirm(client) -> TipSubscription:
    path = subscribe(client)
    with time_machine.travel(NOW, tick=False):
        client.post(path)
    return TipSubscription.objects.get()


def test_one_click_unsubscribe_by_the_header_deletes_the_address(client):
    confirm(client)
    with time_machine.travel(datetime(2026, 11, 17, 8, 15, tzinfo=PARIS), tick=False):
        tick()
        run_worker()
    tip = mail.outbox[-1]
    url = tip.extra_headers["List-Unsubscribe"].strip("<>")
    assert tip.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    response = client.post(
        url.removeprefix("http://127.0.0.1:8000"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not TipSubscription.objects.exists()


def test_the_unsubscribe_link_asks_first_and_a_forged_one_does_nothing(client):
    sub = confirm(client)

    path = unsubscribe_url("tips", sub.pk).removeprefix("http://127.0.0.1:8000")
    assert "Stop the tips" in client.get(path).content.decode()
    assert TipSubscription.objects.exists()
    forged = path.replace("/unsubscribe/", "/unsubscribe/x")
    assert client.post(forged).status_code == 404
    assert TipSubscription.objects.exists()
    assert "your address is deleted" in client.post(path).content.decode()
    assert not TipSubscription.objects.exists()


def test_a_bad_address_is_refused_with_the_form_again(client):
    response = client.post("/reminders/tips/", {"email": "not-an-address", "send_time": "08:00"})
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert mail.outbox == []
