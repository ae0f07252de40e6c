"""The clinician's patient list and patient page: the figures each person's rows add up to,
the flags, sorting and filtering, a fixed number of queries however many people share, and
every look in the access log."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from coach.clinic.models import AccessRecord
from coach.clinic.services import share_stop
from stretching import catalogue

from .clinic_factories import assign, make_clinician, make_share, sign_in_clinician
from .factories import make_checkin, make_recheck, make_screen, make_session, make_user

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 10, 18, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def clinician():
    return make_clinician("sam@clinic.example")


@pytest.fixture
def desk(clinician):
    browser = Client()
    sign_in_clinician(browser, clinician)
    return browser


def days_ago(n: float):
    return NOW - timedelta(days=n)


def row_of(page: str, email: str) -> str:
    start = page.index(f">{email}</a>")
    return page[start : page.index("</tr>", start)]


def test_the_list_adds_up_sessions_against_the_plan_and_the_trends(desk, clinician):
    pat = make_user("pat@example.org")
    make_share(pat, clinician)
    for n in range(1, 6):  # five finished sessions this week, one stopped early
        make_session(pat, started_at=days_ago(n))
    make_session(
        pat,
        started_at=days_ago(
            2,
        ),
        completed=False,
        hurt=("supine-butterfly",),
    )
    for n in range(10, 20):  # two more weeks ago
        if n % 5 == 0:
            make_session(pat, started_at=days_ago(n))
    for n in range(8, 28):  # leg pain 7 and symptoms to the calf before this week
        make_checkin(pat, at=days_ago(n), leg=7, back=4, left=4)
    for n in range(0, 7):  # this week leg 3 and only to the thigh; the back a little worse
        make_checkin(pat, at=days_ago(n + 0.1), leg=3, back=5, left=3)
    page = desk.get("/clinic/").content.decode()
    row = row_of(page, "pat@example.org")
    assert (
        '<td data-label="Sessions, 7 days">5 of 7</td>' in row
    )  # finished sessions against one a day
    assert '<td data-label="Sessions, 28 days">7 of 28</td>' in row
    assert 'class="hurt-count">1</td>' in row
    assert '<td data-label="Leg pain" class="trend-improving">improving</td>' in row  # leg 7 -> 3
    assert (
        '<td data-label="Back pain" class="trend-about-the-same">about the same</td>' in row
    )  # back 4 -> 5
    assert '<td data-label="Down the leg">retreating</td>' in row
    assert '<span class="meta">none</span>' in row  # no flags


def test_an_assigned_routine_raises_what_the_plan_asks_for(desk, clinician):
    pat = make_user("pat@example.org")
    assign(make_share(pat, clinician))  # twice a day
    make_session(pat, started_at=days_ago(1))
    row = row_of(desk.get("/clinic/").content.decode(), "pat@example.org")
    assert '<td data-label="Sessions, 7 days">1 of 21</td>' in row


def test_flags_tier_answers_three_worse_days_and_three_quiet_days(desk, clinician):
    tier_a = make_user("a@example.org")
    make_recheck(tier_a, yes=("a1",), at=days_ago(2))
    tier_b = make_user("b@example.org", screened=False)
    make_screen(tier_b, yes=("b1",), at=days_ago(40))
    worse = make_user("worse@example.org")
    for n in range(4, 25):
        make_checkin(worse, at=days_ago(n), leg=3, left=2)
    for n in range(3):
        make_checkin(worse, at=days_ago(n) - timedelta(hours=2), leg=6, left=2)
    quiet = make_user("quiet@example.org")
    make_session(quiet, started_at=days_ago(4))
    for person in (tier_a, tier_b, worse, quiet):
        make_share(person, clinician)
        if person is not quiet:
            make_session(person, started_at=days_ago(0.5))
    page = desk.get("/clinic/").content.decode()
    assert '<span class="flag">Tier A answer</span>' in row_of(page, "a@example.org")
    assert '<span class="flag">Tier B answer</span>' in row_of(page, "b@example.org")
    assert '<span class="flag">Worse for 3 days</span>' in row_of(page, "worse@example.org")
    assert '<span class="flag">No activity for 3 days</span>' in row_of(page, "quiet@example.org")
    assert "Worse for 3 days" not in row_of(page, "quiet@example.org")
    shown = desk.get("/clinic/", {"show": "tier"}).content.decode()
    assert "a@example.org" in shown and "b@example.org" in shown
    assert "worse@example.org" not in shown and "quiet@example.org" not in shown
    first = desk.get("/clinic/", {"sort": "flags"}).content.decode()
    assert first.index("a@example.org") < first.index("quiet@example.org")


def test_only_people_sharing_with_this_clinician_now_are_listed(desk, clinician):
    mine, stopped = make_user("mine@example.org"), make_user("stopped@example.org")
    make_share(mine, clinician)
    share_stop(share=make_share(stopped, clinician))
    make_share(make_user("theirs@example.org"), make_clinician("kim@clinic.example"))
    page = desk.get("/clinic/").content.decode()
    assert "mine@example.org" in page
    assert "stopped@example.org" not in page and "theirs@example.org" not in page
    assert "mine@example.org" not in desk.get("/clinic/", {"q": "zzz"}).content.decode()


def test_each_person_listed_gets_one_access_record(desk, clinician):
    people = [make_user(f"p{i}@example.org") for i in range(3)]
    for p in people:
        make_share(p, clinician)
    desk.get("/clinic/")
    records = AccessRecord.objects.all()
    assert sorted(r.patient_id for r in records) == sorted(p.pk for p in people)
    assert {(r.actor_email, r.action, r.clinic_name) for r in records} == {
        ("sam@clinic.example", "view", "Riverside Physio")
    }
    assert all(r.address == "127.0.0.1" and r.path == "/clinic/" for r in records)


def test_the_list_takes_the_same_queries_for_three_people_or_twelve(desk, clinician):
    def queries(n: int) -> int:
        for i in range(n):
            p = make_user(f"n{n}-{i}@example.org")
            make_share(p, clinician)
            make_session(p, started_at=days_ago(1))
            make_checkin(p, at=days_ago(1))
        with CaptureQueriesContext(connection) as ctx:
            assert desk.get("/clinic/").status_code == 200
        return len(ctx.captured_queries)

    assert queries(3) == queries(9)


def test_the_patient_page_has_historys_charts_and_is_recorded(desk, clinician):
    pat = make_user("pat@example.org")
    make_share(pat, clinician)
    make_checkin(pat, at=days_ago(1), leg=6)
    make_session(pat, started_at=days_ago(1), hurt=("supine-butterfly",))
    page = desk.get(f"/clinic/patients/{pat.pk}/").content.decode()
    for chart in ('id="pain-h"', 'id="extent-h"', 'id="sessions-h"'):
        assert chart in page
    butterfly = catalogue.default().exercise("supine-butterfly").name
    assert f"<strong>Hurt:</strong> {butterfly}" in page
    (record,) = AccessRecord.objects.all()
    assert (record.patient_id, record.action) == (pat.pk, "view")
    assert record.what.startswith("patient page")
