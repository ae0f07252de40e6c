"""The tips at phone size: no accessibility violation, readable without scripts, screenshots."""

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_tip_list_and_a_tip_have_no_accessibility_violation(phone):
    phone.goto(phone.base + "/learn/")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Ten tips")
    expect(phone.locator("ol.cards > li")).to_have_count(10)
    screenshot(phone, "learn-list")
    assert axe_violations(phone, serious_only=False) == []

    phone.get_by_role("link", name="Sitting with sciatica").click()
    expect(phone).to_have_url(phone.base + "/learn/sitting/")
    expect(phone.get_by_role("heading", name="Try today")).to_be_visible()
    screenshot(phone, "learn-tip")
    assert axe_violations(phone, serious_only=False) == []

    phone.get_by_role("link", name="Seated figure-four stretch", exact=False).click()
    expect(phone).to_have_url(phone.base + "/exercises/seated-figure-four/")


def test_the_urgent_care_tip_has_no_accessibility_violation(phone):
    phone.goto(phone.base + "/learn/when-to-seek-care-urgently/")
    expect(phone.locator(".notice-danger li")).to_have_count(9)
    screenshot(phone, "learn-urgent")
    assert axe_violations(phone, serious_only=False) == []


def test_the_tips_read_and_page_through_with_scripts_off(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/learn/what-sciatica-is/")
    page.get_by_role("link", name="Next: Why these stretches").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Why these stretches")
    context.close()
