"""Every flow with the keyboard alone, in English and in Spanish, with axe on every page it
passes: sign up, the safety questions, a check-in, the relief sequence with "this hurts",
History, the export and deleting the account.

Nothing is clicked: focus moves with Tab (Shift+Tab never needed), radio groups with the arrow
keys, and Enter or Space acts, as for a person who cannot use a pointer. Elements are found by
what they are (ids, names, addresses), so the same walk holds in both languages; the words on
the way are checked in the page's language where the flow depends on them."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from coach.diary.models import CheckIn
from coach.practice.models import PracticeSession

from .conftest import axe_violations, phone_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "stretch-gently-42"
NOW = datetime.now(UTC).replace(second=0, microsecond=0)
SUBMIT = "main form button[type=submit]:not([name=language])"


@pytest.fixture(params=["en", "es"])
def keys(request, browser, browser_context_args, live_server):
    """A phone-sized page whose browser asks for English or Spanish."""
    with phone_in(browser, browser_context_args, live_server, request.param) as page:
        page.allowed_errors = ["Failed to load resource"]  # the forms' 400s, on purpose
        yield page


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
    focused = page.evaluate("document.activeElement?.outerHTML.slice(0, 200)")
    raise AssertionError(f"Tab never reached {selector} on {page.url}; focus is on {focused}")


def press_on(page, selector: str, key: str = "Enter") -> None:
    tab_to(page, selector)
    page.keyboard.press(key)


def go(page, selector: str) -> None:
    """Tab to a link or submit button and press Enter, waiting for the page it leads to."""
    with page.expect_navigation():
        press_on(page, selector)


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def choose(page, name: str, steps: int) -> None:
    """Tab into a radio group and move to its choice `steps` along with the arrow key."""
    tab_to(page, f"input[type=radio][name={name}]")
    page.keyboard.press("Space")  # the first choice
    for _ in range(steps):
        page.keyboard.press("ArrowRight")


def page_checked(page, name: str) -> None:
    """The page is in its language and axe finds nothing serious on it."""
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == page.lang
    screenshot(page, f"keyboard-{page.lang}-{name}")
    assert axe_violations(page) == [], f"{name} ({page.lang})"


def test_every_flow_with_the_keyboard_alone(keys, time_machine):
    page = keys
    time_machine.move_to(NOW, tick=True)
    email = f"keys-{page.lang}@example.org"

    # Sign up.
    page.goto(f"{page.base}/account/sign-up/")
    page_checked(page, "sign-up")
    type_into(page, "#id_email", email)
    type_into(page, "#id_password", PASSWORD)
    press_on(page, "#id_consent", "Space")
    go(page, SUBMIT)

    # The safety questions: "none of these" for each group, then the answer and on.
    expect(page).to_have_url(re.compile("/account/screen/"))
    page_checked(page, "screen")
    press_on(page, "#id_none_a", "Space")
    press_on(page, "#id_none_b", "Space")
    go(page, SUBMIT)
    page_checked(page, "screen-result")
    go(page, "main a.btn-primary")
    expect(page).to_have_url(re.compile("/today/$"))
    page_checked(page, "today")

    # A check-in from Today.
    go(page, "main a[href^='/checkin/']")
    expect(page).to_have_url(re.compile("/checkin/"))
    page_checked(page, "checkin")
    choose(page, "leg_pain", 6)
    choose(page, "back_pain", 3)
    choose(page, "extent_left", 1)
    choose(page, "extent_right", 0)
    go(page, SUBMIT)
    expect(page.locator(".messages")).to_be_visible()
    entry = CheckIn.objects.get(user__email=email)
    assert (entry.leg_pain, entry.back_pain) == (6, 3)

    # The check-in was asked for on the way to the relief sequence: on to its player.
    if "/account/check/" in page.url:  # the quick check before a session
        page_checked(page, "quick-check")
        go(page, "main button[name=none]")
    expect(page).to_have_url(re.compile("/routines/relief-sequence/play/$"))
    page_checked(page, "player")
    page.clock.install(time=NOW + timedelta(minutes=1))  # the test runs the player's clock
    page.clock.pause_at(NOW + timedelta(minutes=2))
    press_on(page, "#start")
    expect(page.locator("#stage")).to_be_visible()
    page.clock.run_for(240_000)  # into the knee twist's first hold
    expect(page.locator("#phase")).to_have_text(re.compile("hold|mantén", re.I))
    page.keyboard.press("h")  # the key the button shows; the button itself next
    page.clock.run_for(2_000)
    press_on(page, "#pause", "Enter")
    page.clock.resume()
    page_checked(page, "player-paused")
    press_on(page, "#pause", "Enter")
    time_machine.move_to(NOW + timedelta(minutes=20), tick=True)  # the server's clock too
    page.clock.fast_forward(600_000)
    expect(page.locator("#summary")).to_be_visible()
    expect(page.locator("#summary")).to_be_focused()
    expect(page.locator("[data-saved]")).to_have_count(1)  # the server took it
    page_checked(page, "summary")
    session = PracticeSession.objects.get(user__email=email)
    assert {o.exercise_id for o in session.outcomes.all() if o.outcome == "hurt"} == {
        "bedside-knee-twist"
    }

    # History, from the menu.
    go(page, "a[href='/history/']")
    expect(page).to_have_url(re.compile("/history/"))
    page_checked(page, "history")

    # The export: from Settings, a download by keyboard.
    go(page, "a[href='/account/settings/']")
    page_checked(page, "settings")
    go(page, "main a[href='/account/export/']")
    page_checked(page, "export")
    with page.expect_download() as download:
        press_on(page, "main a[href$='.json'][download]")
    assert download.value.suggested_filename.endswith(".json")

    # Delete the account from Settings, confirmed with the password.
    go(page, "a[href='/account/settings/']")
    go(page, "main a[href='/account/delete/']")
    page_checked(page, "delete")
    type_into(page, "main input[type=password]", PASSWORD)
    go(page, SUBMIT)
    expect(page).to_have_url(re.compile("/account/deleted/"))
    page_checked(page, "deleted")
    assert not CheckIn.objects.filter(user__email=email).exists()
    assert not PracticeSession.objects.filter(user__email=email).exists()
