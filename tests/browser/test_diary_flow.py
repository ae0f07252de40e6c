"""The diary in a real browser at phone size: sign up, answer the safety questions, check in
before a session, play it, check in after from the summary, and see Today and History change.
Screenshots of both pages go to var/screenshots for a person to look at."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from coach.diary.models import CheckIn
from coach.practice.models import PracticeSession

from .conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "stretch-gently-42"
NOW = datetime.now(UTC).replace(second=0, microsecond=0)


def check_in(page, *, leg: int, back: int, left: str, right: str = "None", note: str = "") -> None:
    """Fill the check-in form like a person: tap the numbers and places, then save."""
    page.locator("#f-leg_pain").get_by_text(str(leg), exact=True).click()
    page.locator("#f-back_pain").get_by_text(str(back), exact=True).click()
    page.locator("#f-extent_left").get_by_label(left, exact=True).check()
    page.locator("#f-extent_right").get_by_label(right, exact=True).check()
    if note:
        page.get_by_label("Note (optional)").fill(note)
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Check-in saved.")).to_be_visible()


def table_rows(page, caption: str) -> list[list[str]]:
    table = page.locator("table", has=page.locator("caption", has_text=caption))
    return [
        [c.strip() for c in row.locator("td").all_text_contents()]
        for row in table.locator("tbody tr").all()
    ]


def test_sign_up_check_in_play_check_in_again_and_see_today_and_history(phone, time_machine):
    time_machine.move_to(NOW, tick=True)
    phone.clock.install(time=NOW)

    # Sign up and answer the safety questions.
    phone.goto(f"{phone.base}/account/sign-up/")
    phone.get_by_label("Email").fill("diary@example.org")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("checkbox").check()
    phone.get_by_role("button", name="Create my account").click()
    for radio in phone.locator(
        "input[type=radio][value=no], input[type=radio][value=False], "
        "input[type=radio][value=false]"
    ).all():
        radio.check()
    phone.get_by_role("button", name="See what my answers mean").click()
    phone.get_by_role("link", name="Go on").click()
    expect(phone).to_have_url(re.compile("/today/$"))
    expect(phone.locator(".due")).to_contain_text("0 of up to 10")
    expect(phone.get_by_text("No check-ins yet.")).to_be_visible()
    phone.goto(f"{phone.base}/history/?days=7")
    assert table_rows(phone, "Leg and back pain")[0] == ["No check-ins."]
    assert table_rows(phone, "Finished sessions")[0][1] == "0"

    # Before the session: check in from Today's relief card, which goes on to the player.
    phone.goto(f"{phone.base}/today/")
    relief = phone.locator(".due li", has_text="Relief sequence")
    relief.get_by_role("link", name="Check in first").click()
    expect(phone.get_by_role("heading", name="Before your session: how are you?")).to_be_visible()
    check_in(phone, leg=6, back=4, left="Thigh")
    expect(phone).to_have_url(re.compile("/routines/relief-sequence/play/$"))

    # Play the relief sequence with the page's clock run forward.
    phone.clock.pause_at(NOW + timedelta(minutes=2))
    phone.get_by_role("button", name="Start").click()
    total = phone.evaluate(
        "JSON.parse(document.getElementById('player-data').textContent).timeline.total_seconds"
    )
    # The server's clock goes on to the session's end too, so its result is not from the future.
    time_machine.move_to(NOW + timedelta(minutes=2, seconds=total + 3), tick=True)
    phone.clock.run_for((total + 2) * 1000)
    expect(phone.locator("#summary")).to_be_visible()
    expect(phone.locator("#save-status")).to_contain_text("Saved")
    phone.clock.resume()

    # After: the summary's link opens the after-session check-in for this session.
    phone.get_by_role("link", name="Check in: how do you feel now?").click()
    expect(
        phone.get_by_role("heading", name="After your session: how are you now?")
    ).to_be_visible()
    expect(phone.locator("main")).to_contain_text("Relief sequence")
    check_in(phone, leg=4, back=3, left="Buttock or hip", note="Easier to walk after.")
    expect(phone).to_have_url(re.compile("/today/$"))

    session = PracticeSession.objects.get()
    before, after = CheckIn.objects.order_by("at")
    assert (before.context, before.session, before.leg_pain) == ("before", session, 6)
    assert (after.context, after.session, after.leg_pain) == ("after", session, 4)

    # Today: the session counted, the latest check-in, the plan.
    expect(phone.locator(".due")).to_contain_text("1 of up to 10")
    latest = phone.locator("section", has=phone.locator("#latest-h"))
    expect(latest).to_contain_text("leg pain 4, back pain 3; left leg: buttock or hip")
    expect(phone.locator(".plan-mode")).to_contain_text("Today's plan: Relief sequence")
    expect(phone.locator(".streak")).to_contain_text("1 day in a row with a session.")
    assert axe_violations(phone) == []
    screenshot(phone, "diary-today")

    # History: the charts' tables show both check-ins and the session.
    phone.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    phone.get_by_role("link", name="7 days").click()
    expect(phone.locator("main .meta").first).to_contain_text("2 check-ins, 1 session")
    for summary in phone.locator("details summary").all():
        summary.click()
    pain = table_rows(phone, "Leg and back pain")
    assert [row[1:] for row in pain] == [["4", "3"], ["6", "4"]]
    extent = table_rows(phone, "How far down each leg")
    assert [row[1] for row in extent] == ["buttock or hip", "thigh"]
    assert table_rows(phone, "Finished sessions")[0][1] == "1"
    # two check-ins on two lines (leg and back; left and right) in each of two charts
    expect(phone.locator("svg.chart circle.dot")).to_have_count(8)
    assert axe_violations(phone) == []
    screenshot(phone, "diary-history")

    # Deleting a check-in asks first: cancelling keeps it, confirming removes it.
    entries = phone.locator(
        ".checkin-list li, .checkins li, li",
        has=phone.get_by_role("button", name="Delete this entry"),
    )
    before = entries.count()
    phone.once("dialog", lambda dialog: dialog.dismiss())
    entries.first.get_by_role("button", name="Delete this entry").click()
    expect(entries).to_have_count(before)
    phone.once("dialog", lambda dialog: dialog.accept())
    entries.first.get_by_role("button", name="Delete this entry").click()
    expect(phone.locator(".messages")).to_contain_text("is deleted")
    expect(entries).to_have_count(before - 1)
