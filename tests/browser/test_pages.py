"""The player in a phone-sized browser (axe at its start, mid-hold and on its summary), tap
targets and the print version, with screenshots for a person to look at (var/screenshots/).
axe on every other page, in both languages, is tests/browser/test_axe_everywhere.py."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from .conftest import SCREENSHOTS, answer_screen_all_no, axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_player_a_visitor_opens_has_no_serious_accessibility_violation(phone):
    """Every other page, for a visitor, a person and a clinician in both languages, is checked
    by test_axe_everywhere.py."""
    answer_screen_all_no(phone)
    phone.goto(phone.base + "/routines/relief-sequence/play/")
    screenshot(phone, "player-start")
    assert axe_violations(phone) == []


def test_the_player_mid_hold_and_its_summary_are_accessible(phone):
    answer_screen_all_no(phone)
    # near the real date: the server refuses results dated long ago or in the future
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    phone.clock.install(time=start)
    phone.goto(phone.base + "/routines/relief-sequence/play/")
    phone.clock.pause_at(start + timedelta(seconds=5))
    phone.get_by_role("button", name="Start").click()
    phone.clock.run_for(242_000)  # mid-hold in the knee twist
    expect(phone.locator("#phase")).to_have_text("hold")
    screenshot(phone, "player-mid-hold")
    phone.get_by_role("button", name="Pause").click()  # stop the session here...
    phone.clock.resume()  # ...and let axe's own timers run
    assert axe_violations(phone) == []
    phone.get_by_role("button", name="Resume").click()
    phone.clock.fast_forward(400_000)
    expect(phone.locator("#summary")).to_be_visible()
    expect(phone.locator("#save-status")).to_contain_text("Saved")
    expect(phone.locator("#overall-text")).to_have_text("8:07 practised")
    expect(phone.get_by_role("link", name="Create an account to keep it")).to_be_visible()
    screenshot(phone, "player-summary")
    assert axe_violations(phone) == []


def test_buttons_are_large_enough_to_tap(phone):
    answer_screen_all_no(phone)
    phone.goto(phone.base + "/routines/relief-sequence/play/")
    phone.get_by_role("button", name="Start").click()
    small = phone.evaluate("""() => [...document.querySelectorAll('button, .btn')]
        .filter(b => b.offsetParent !== null)
        .map(b => [b.textContent.trim(), b.getBoundingClientRect()])
        .filter(([, r]) => r.width < 44 || r.height < 44).map(([t]) => t)""")
    assert small == []


def test_the_print_version_fits_the_routine_on_one_page(phone):
    phone.goto(phone.base + "/routines/relief-sequence/")
    phone.emulate_media(media="print")
    expect(phone.get_by_role("link", name="Start", exact=True)).to_be_hidden()
    expect(phone.locator("details ol").first).to_be_visible()
    pdf = phone.pdf(format="A4", print_background=True)
    (SCREENSHOTS / "routine-print.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1
