"""The Today page: what is due ("3 of up to 10"), the latest check-in, the trend in plain words
with its reason, a streak, and the next-morning check-in after a session day."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from .factories import make_checkin, make_screen, make_session, make_user

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def test_it_counts_sessions_done_today_against_the_routines_limit(client):
    user = make_user()
    for hours in (9, 5, 2):
        make_session(user, started_at=NOW - timedelta(hours=hours))
    make_session(user, started_at=NOW - timedelta(days=1))
    client.force_login(user)
    text = client.get("/today/").content.decode()
    assert "Relief sequence" in text
    assert '<p class="count">3 of up to 10</p>' in text
    assert 'href="/routines/relief-sequence/"' in text


def test_it_shows_the_latest_check_in(client):
    user = make_user()
    make_checkin(user, at=NOW - timedelta(days=1), leg=8, back=2)
    make_checkin(user, at=NOW - timedelta(hours=1), leg=4, back=6, left=2, numbness=True)
    client.force_login(user)
    text = client.get("/today/").content.decode()
    assert "Fri 20 Nov, 17:00: leg pain <strong>4</strong>, back pain <strong>6</strong>" in text
    assert "left leg: buttock or hip" in text and "numbness or tingling" in text


def test_it_says_improving_with_the_reason_when_leg_pain_falls(client):
    user = make_user()
    make_checkin(user, at=NOW - timedelta(days=4), leg=7)
    make_checkin(user, at=NOW - timedelta(days=2), leg=6)
    make_checkin(user, at=NOW - timedelta(hours=2), leg=4)
    client.force_login(user)
    text = client.get("/today/").content.decode()
    assert "<strong>Improving.</strong> Leg pain went from 7 to 4 since 16 Nov." in text


def test_it_says_worse_when_symptoms_reach_further_down_the_leg(client):
    user = make_user()
    make_checkin(user, at=NOW - timedelta(days=3), leg=5, left=2)
    make_checkin(user, at=NOW - timedelta(hours=2), leg=5, left=4)
    client.force_login(user)
    text = client.get("/today/").content.decode()
    assert "<strong>Worse.</strong> Your symptoms now reach further down the leg" in text


def test_it_says_there_is_not_enough_data_for_a_trend_yet(client):
    client.force_login(make_user())
    text = client.get("/today/").content.decode()
    assert "<strong>Not enough data.</strong> There are no check-ins in the last 7 days." in text
    assert "No check-ins yet." in text


def test_it_counts_a_streak_of_days_with_a_session(client):
    user = make_user()
    for days in (0, 1, 2, 4):
        make_session(user, started_at=NOW - timedelta(days=days, hours=1))
    client.force_login(user)
    assert (
        "<strong>3 days</strong> in a row with a session." in client.get("/today/").content.decode()
    )


def test_it_keeps_yesterdays_streak_until_today_is_over(client):
    user = make_user()
    for days in (1, 2):
        make_session(user, started_at=NOW - timedelta(days=days))
    client.force_login(user)
    assert "<strong>2 days</strong> in a row" in client.get("/today/").content.decode()


def test_it_suggests_a_morning_check_in_after_a_session_day(client, time_machine):
    user = make_user()
    make_session(user, started_at=NOW - timedelta(hours=2))
    client.force_login(user)
    assert "Morning check-in" not in client.get("/today/").content.decode()
    time_machine.move_to(NOW + timedelta(hours=14), tick=False)
    text = client.get("/today/").content.decode()
    assert "How is it this morning?" in text and "/checkin/?context=morning" in text
    make_checkin(user, at=NOW + timedelta(hours=5))  # last night, before midnight
    assert "How is it this morning?" in client.get("/today/").content.decode()
    make_checkin(user, context="morning")
    assert "Morning check-in" not in client.get("/today/").content.decode()


def test_it_asks_for_the_safety_questions_before_the_first_session(client):
    client.force_login(make_user(screened=False))
    text = client.get("/today/").content.decode()
    assert 'please <a href="/account/screen/">answer the safety questions</a>' in text


def test_it_keeps_the_clinician_message_on_today_while_routines_are_locked(client):
    user = make_user(screened=False)
    make_screen(user, yes=("b2",))
    client.force_login(user)
    assert "Stop and see a clinician before you start" in client.get("/today/").content.decode()


def test_it_shows_a_stranger_nothing_of_another_persons_diary(client):
    owner = make_user("owner@example.org")
    make_checkin(owner, at=NOW - timedelta(hours=1), leg=9, back=9)
    make_session(owner, started_at=NOW - timedelta(hours=1))
    client.force_login(make_user("stranger@example.org"))
    text = client.get("/today/").content.decode()
    assert "No check-ins yet." in text and "<strong>9</strong>" not in text
    assert '<p class="count">0 of up to 10</p>' in text


def test_it_sends_anonymous_people_to_sign_in(client):
    assert client.get("/today/")["Location"] == "/account/sign-in/?next=/today/"
