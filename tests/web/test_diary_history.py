"""History: leg and back pain, how far down the leg, and sessions per day, drawn on the server
as inline SVG with a table for each, filtered by 7, 30 or 90 days."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from .factories import make_checkin, make_session, make_user

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def svg(text: str, chart: str) -> str:
    return re.search(
        rf'<svg class="chart"[^>]*aria-labelledby="{chart}-t.*?</svg>', text, re.S
    ).group(0)


def table(text: str, caption: str) -> str:
    return re.search(rf"<caption[^>]*>{caption}</caption>.*?</table>", text, re.S).group(0)


@pytest.fixture
def diary():
    user = make_user()
    make_checkin(user, at=NOW - timedelta(days=20), leg=8, back=2, left=5)
    make_checkin(user, at=NOW - timedelta(days=3), leg=6, back=3, left=4)
    make_checkin(user, at=NOW - timedelta(hours=3), leg=3, back=4, left=2, right=1)
    make_session(user, started_at=NOW - timedelta(hours=4), hurt=("bedside-knee-twist",))
    make_session(
        user, started_at=NOW - timedelta(hours=2), source="cli", skipped=("supine-butterfly",)
    )
    make_session(user, started_at=NOW - timedelta(days=2))
    return user


def test_it_draws_pain_lines_with_a_dot_for_each_check_in_and_a_table(client, diary):
    client.force_login(diary)
    text = client.get("/history/?days=30").content.decode()
    pain = svg(text, "pain")
    assert pain.count('<g class="series leg">') == 1 and pain.count('<g class="series back">') == 1
    assert pain.count("<circle") == 6
    assert "Fri 20 Nov 15:00: leg pain 3" in pain and "Fri 20 Nov 15:00: back pain 4" in pain
    rows = table(text, "Leg and back pain at each check-in")
    assert "<td>Fri 20 Nov, 15:00</td><td>3</td><td>4</td>" in rows
    assert "<td>Sat 31 Oct, 18:00</td><td>8</td><td>2</td>" in rows


def test_it_draws_how_far_down_each_leg_with_named_places(client, diary):
    client.force_login(diary)
    text = client.get("/history/").content.decode()
    extent = svg(text, "extent")
    for label in ("none", "low back", "buttock or hip", "thigh", "below the knee", "foot"):
        assert f">{label}</text>" in extent
    rows = table(text, "How far down each leg symptoms reached at each check-in")
    assert "<td>Fri 20 Nov, 15:00</td><td>buttock or hip</td><td>low back</td>" in rows


def test_it_draws_a_bar_for_each_day_with_sessions(client, diary):
    client.force_login(diary)
    text = client.get("/history/?days=7").content.decode()
    bars = svg(text, "sessions")
    assert bars.count('<rect class="bar"') == 2
    assert "<title>20 Nov: 2 sessions</title>" in bars
    assert "<title>18 Nov: 1 session</title>" in bars
    rows = table(text, "Finished sessions each day")
    assert rows.count("<tr><td>") == 7
    assert "<td>Fri 20 Nov</td><td>2</td>" in rows and "<td>Thu 19 Nov</td><td>0</td>" in rows


def test_it_lists_sessions_from_web_and_terminal_with_what_hurt(client, diary):
    client.force_login(diary)
    text = client.get("/history/?days=7").content.decode()
    assert '<p class="hurt"><strong>Hurt:</strong> Seated knee twist on the bed</p>' in text
    assert "<p><strong>Skipped:</strong> Lying butterfly stretch</p>" in text
    assert "· terminal" in text and "· web" in text


def test_it_filters_by_7_30_or_90_days(client, diary):
    client.force_login(diary)
    week = client.get("/history/?days=7").content.decode()
    assert "The last 7 days: 2 check-ins, 3 sessions." in week
    assert "Sat 31 Oct" not in week
    month = client.get("/history/?days=30").content.decode()
    assert "The last 30 days: 3 check-ins" in month
    assert 'aria-current="page">30 days' in month
    for odd in ("365", "abc", "-7"):
        assert "The last 30 days" in client.get(f"/history/?days={odd}").content.decode()


def test_it_draws_inline_svg_without_inline_styles_or_scripts(client, diary):
    client.force_login(diary)
    text = client.get("/history/?days=90").content.decode()
    assert text.count('<svg class="chart"') == 3
    assert "style=" not in text and "<style" not in text
    # the only scripts are the app's own files; nothing inline (the CSP would block it), only
    # the scripts' words as data, which no browser runs
    assert re.findall(r"<script[^>]*>", text) == [
        '<script id="site-words" type="application/json">',
        '<script type="module" src="/static/coach/site.js">',
        '<script type="module" src="/static/coach/pwa.js">',
    ]
    assert "/static/coach/diary.css" in text
    for chart in ("pain", "extent", "sessions"):
        assert re.search(rf'viewBox="0 0 360 200" role="img" aria-labelledby="{chart}-t', text)


def test_it_says_when_nothing_was_recorded(client):
    client.force_login(make_user())
    text = client.get("/history/").content.decode()
    assert text.count("Nothing recorded in these days yet.") == 3
    assert "No check-ins in these days." in text and "No sessions in these days." in text


def test_it_shows_a_stranger_none_of_another_persons_history(client, diary):
    client.force_login(make_user("stranger@example.org"))
    text = client.get("/history/?days=90").content.decode()
    assert "The last 90 days: 0 check-ins, 0 sessions." in text
    assert "Hurt:" not in text


def test_it_sends_anonymous_people_to_sign_in(client):
    assert client.get("/history/?days=7")["Location"].startswith("/account/sign-in/?next=")


def test_a_busy_window_lists_the_latest_check_ins_and_keeps_every_one_in_the_tables(client):
    user = make_user()
    for i in range(55):  # before and after sessions: several check-ins a day
        make_checkin(user, at=NOW - timedelta(hours=2 * i + 1), leg=i % 11)
    client.force_login(user)
    text = client.get("/history/?days=7").content.decode()
    assert table(text, "Leg and back pain at each check-in").count("<tr><td>") == 55
    assert svg(text, "pain").count("<circle") == 110
    cards = re.findall(r'<li class="card entry">.*?</li>', text, re.S)
    assert len(cards) == 50
    assert "<strong>Fri 20 Nov, 17:00</strong>" in cards[0]  # the newest first
    assert 'data-confirm="Delete the check-in of Fri 20 Nov, 17:00?' in cards[0]
    assert "The latest 50 are listed; 55 in all in these days" in text
