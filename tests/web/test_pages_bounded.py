"""Pages read bounded data: History sums up in the database and lists only the latest
sessions, "All" draws the whole diary a week at a time, Today reads the kept plan state; a
longer history costs no more queries, and reading a page writes nothing."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coach.diary import plan_state

from .factories import make_checkin, make_session, make_user

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=ZoneInfo("Europe/London"))  # a Friday
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def diary(email: str, days: int, per_day: int = 2):
    user = make_user(email)
    for day in range(days):
        for i in range(per_day):
            make_session(user, started_at=NOW - timedelta(days=day, hours=2 + 3 * i))
        make_checkin(user, at=NOW - timedelta(days=day, hours=1), leg=6 - day % 3, left=2)
    plan_state.rebuild(user.pk)
    return user


def queries(client, user, url: str) -> list[str]:
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("url", ["/today/", "/history/?days=90", "/history/?days=all"])
def test_a_longer_history_costs_no_more_queries_and_reading_writes_nothing(client, url):
    short = queries(client, diary("short@example.org", 10), url)
    long = queries(client, diary("long@example.org", 120), url)
    assert len(long) == len(short)
    assert [q for q in long if WRITES.match(q)] == []


def test_today_reads_the_kept_state_and_only_the_latest_sessions(client):
    user = diary("kept@example.org", 60)
    sql = queries(client, user, "/today/")
    sessions = [q for q in sql if 'FROM "practice_practicesession"' in q]
    assert sessions and all('"started_at" >=' in q or "LIMIT" in q or "MAX(" in q for q in sessions)


def test_history_lists_the_latest_fifty_sessions_and_counts_the_rest(client):
    user = make_user()
    for i in range(62):
        make_session(user, started_at=NOW - timedelta(hours=2 * i + 1))
    client.force_login(user)
    text = client.get("/history/?days=7").content.decode()
    assert text.count('<li class="card session">') == 50
    assert "The last 7 days: 0 check-ins, 62 sessions." in text
    assert "The latest 50 are listed; 62 in all in these days" in text
    bars = re.findall(r"<title>(\d+ Nov): (\d+) sessions?</title>", text)
    assert sum(int(n) for _, n in bars) == 62  # every one counted in the chart


def test_all_draws_the_whole_diary_one_week_at_a_time(client):
    user = make_user()
    make_checkin(user, at=datetime(2026, 9, 1, 9, 0, tzinfo=NOW.tzinfo), leg=8, back=3, left=4)
    make_checkin(user, at=datetime(2026, 9, 3, 9, 0, tzinfo=NOW.tzinfo), leg=5, back=2, left=3)
    make_checkin(user, at=NOW - timedelta(hours=3), leg=2, back=1, left=1, numbness=True)
    for day in (2, 3):
        make_session(user, started_at=datetime(2026, 9, day, 8, 0, tzinfo=NOW.tzinfo))
    make_session(user, started_at=NOW - timedelta(hours=5))
    client.force_login(user)
    text = client.get("/history/?days=all").content.decode()
    assert 'aria-current="page">All, by week</a>' in text
    assert "Since the week of 31 Aug 2026: 3 check-ins, 3 sessions." in text
    assert "<title>Week of 31 Aug 2026: 2 sessions</title>" in text
    assert "<title>Week of 16 Nov 2026: 1 session</title>" in text
    assert text.count('<rect class="bar"') == 2  # empty weeks draw no bar
    assert "Week of 31 Aug 2026: leg pain 6.5" in text  # the week's average
    assert "Sessions per week" in text and ">31 Aug</text>" in text
    assert "<td>31 Aug 2026</td><td>2</td><td>6.5</td><td>2.5</td>" in text
    assert "<td>16 Nov 2026</td><td>low back</td><td>none</td><td>yes</td><td>no</td>" in text


def test_all_for_a_new_person_says_nothing_is_recorded(client):
    client.force_login(make_user())
    text = client.get("/history/?days=all").content.decode()
    assert "0 check-ins, 0 sessions." in text
    assert text.count("Nothing recorded in these days yet.") == 3


def test_all_over_a_year_is_labelled_by_month(client):
    user = make_user()
    make_checkin(user, at=NOW - timedelta(days=400), leg=7)
    make_checkin(user, at=NOW - timedelta(days=1), leg=3)
    client.force_login(user)
    text = client.get("/history/?days=all").content.decode()
    pain = re.search(r'aria-labelledby="pain-t.*?</svg>', text, re.S).group(0)
    months = re.findall(r'text-anchor="middle">([A-Z][a-z]{2} \d{4})</text>', pain)
    assert months[0] in ("Nov 2025", "Dec 2025") and months[-1].endswith("2026")
    assert len(set(months)) == len(months) >= 4
