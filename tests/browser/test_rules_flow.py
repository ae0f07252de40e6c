"""The routine's rules, followed in a real browser over four days: a stretch that hurt is left
out the next day with its reason, and comes back at a reduced dose three days and two clean
sessions later. The server's clock (time-machine, in this process) and the page's clock
(Playwright) move together."""

import json
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from playwright.sync_api import expect

from coach.practice.models import PracticeSession

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "stretch-gently-42"
PLAYER = "/routines/relief-sequence/play/"
TWIST = "bedside-knee-twist"
# Near the real date, so cookies the server dates by its clock stay valid in the browser.
DAY0 = datetime.now(UTC).replace(hour=8, minute=0, second=0, microsecond=0) + timedelta(days=1)


def weekday(when: datetime) -> str:
    return f"{when.astimezone(ZoneInfo(settings.TIME_ZONE)):%A}"


def sign_up_and_screen(page, email: str, then: str) -> None:
    """Create an account through the form, answer the safety questions, go on."""
    page.goto(f"{page.base}/account/sign-up/?next={then}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Safety questions before you start")).to_be_visible()
    for radio in page.locator(
        "input[type=radio][value=no], input[type=radio][value=False], "
        "input[type=radio][value=false]"
    ).all():
        radio.check()
    page.get_by_role("button", name="See what my answers mean").click()
    page.get_by_role("link", name=re.compile("^(Start|Go on)")).click()


def open_player(page) -> dict:
    """Open the player as a person would: the quick safety check first when it asks for one."""
    page.goto(f"{page.base}{PLAYER}")
    if "/account/check/" in page.url:
        page.get_by_role("button", name="None of these").click()
    expect(page).to_have_url(re.compile(re.escape(PLAYER) + "$"))
    return json.loads(page.locator("#player-data").text_content())["timeline"]


def holds(timeline: dict, exercise_id: str) -> list[dict]:
    return [
        s for s in timeline["steps"] if s.get("exercise_id") == exercise_id and s["kind"] == "hold"
    ]


def start(page) -> None:
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#stage")).to_be_visible()


def finish(page, timeline: dict, time_machine, hurt: int = 0) -> None:
    """Run the page's clock to the end; the server's goes there too, so the result it is sent
    is not from the future."""
    ahead = timeline["total_seconds"] + 2
    page_now = datetime.fromtimestamp(page.evaluate("Date.now()") / 1000, UTC)
    time_machine.move_to(page_now + timedelta(seconds=ahead + 1), tick=True)
    page.clock.run_for(ahead * 1000)
    expect(page.locator("#summary")).to_be_visible()
    expect(page.locator("#n-hurt")).to_have_text(str(hurt))
    expect(page.locator("#save-status")).to_contain_text("Saved")


def on_day(page, time_machine, when: datetime) -> None:
    """Both clocks to `when`: the server's ticking on, the page's held for the test to run."""
    time_machine.move_to(when, tick=True)
    page.clock.pause_at(when)


def test_a_stretch_that_hurt_is_left_out_then_returns_at_a_reduced_dose(phone, time_machine):
    time_machine.move_to(DAY0, tick=True)
    phone.clock.install(time=DAY0)

    # Day 0: sign up, screen, play the relief sequence; the knee twist hurts.
    sign_up_and_screen(phone, "rules@example.org", PLAYER)
    on_day(phone, time_machine, DAY0 + timedelta(minutes=2))
    timeline = open_player(phone)
    twist = holds(timeline, TWIST)
    assert [s["duration"] for s in twist] == [15, 15]  # holds start short
    start(phone)
    phone.clock.run_for((twist[0]["start"] + 3) * 1000)
    expect(phone.locator("#ex-name")).to_have_text("Seated knee twist on the bed")
    phone.get_by_role("button", name="This hurts").click()
    expect(phone.locator("#ex-name")).to_have_text("Lying butterfly stretch")
    finish(phone, timeline, time_machine, hurt=1)
    hurt = PracticeSession.objects.get().outcomes.get(outcome="hurt")
    assert hurt.exercise_id == TWIST

    # Day 1: the twist is absent, and the routine page and Today say why.
    day1 = DAY0 + timedelta(days=1)
    on_day(phone, time_machine, day1)
    why = (
        f"Seated knee twist on the bed is paused until {weekday(DAY0 + timedelta(days=3))} "
        f"because it hurt on {weekday(DAY0)}, and until you have done two sessions in a row "
        "with nothing hurting."
    )
    phone.goto(f"{phone.base}/routines/relief-sequence/")
    item = phone.locator("li.ex", has_text="Seated knee twist on the bed")
    expect(item).to_have_class(re.compile(r"\bpaused\b"))
    expect(item.locator(".dose")).to_have_text("Paused today")
    expect(item).to_contain_text(why)
    phone.goto(f"{phone.base}/today/")
    paused = phone.locator(".paused-item")
    expect(paused).to_contain_text("Paused until " + weekday(DAY0 + timedelta(days=3)))
    expect(paused).to_contain_text(why)
    expect(paused.get_by_role("button", name="Bring it back now")).to_be_visible()
    screenshot(phone, "rules-today-paused")
    timeline = open_player(phone)
    assert holds(timeline, TWIST) == []
    expect(phone.locator("#start-panel")).to_contain_text("4 exercises")
    expect(phone.locator("#start-panel")).to_contain_text(why)
    start(phone)
    finish(phone, timeline, time_machine)  # the first clean session

    # Day 2: the second clean session; the pause has a day to run.
    on_day(phone, time_machine, DAY0 + timedelta(days=2))
    timeline = open_player(phone)
    assert holds(timeline, TWIST) == []
    start(phone)
    finish(phone, timeline, time_machine)

    # Day 3: three days and two clean sessions later, back at a reduced dose.
    on_day(phone, time_machine, DAY0 + timedelta(days=3, hours=1))
    back = (
        f"Seated knee twist on the bed came back today at a reduced dose, 5 s instead of "
        f"15 s, after being paused because it hurt on {weekday(DAY0)}."
    )
    phone.goto(f"{phone.base}/routines/relief-sequence/")
    item = phone.locator("li.ex", has_text="Seated knee twist on the bed")
    expect(item).not_to_have_class(re.compile(r"\bpaused\b"))
    expect(item.locator(".dose")).to_have_text("5 s hold today (full dose: 30 s per side)")
    expect(item).to_contain_text(back)
    phone.goto(f"{phone.base}/today/")
    expect(phone.locator(".dose-item", has_text="Seated knee twist on the bed")).to_contain_text(
        "Seated knee twist on the bed: 5 s today, building to 30 s"
    )
    expect(phone.locator(".paused-item")).to_have_count(0)
    screenshot(phone, "rules-today-back")
    timeline = open_player(phone)
    twist = holds(timeline, TWIST)
    assert [s["duration"] for s in twist] == [5, 5]
    start(phone)
    phone.clock.run_for(twist[0]["start"] * 1000 + 100)
    expect(phone.locator("#ex-name")).to_have_text("Seated knee twist on the bed")
    expect(phone.locator("#count")).to_have_text("5")
    finish(phone, timeline, time_machine)
    assert PracticeSession.objects.filter(completed=True).count() == 4
