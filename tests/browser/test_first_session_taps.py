"""A first session in a few taps, no less safe: a guest at phone size goes from the home page to
the first hold answering every safety question, every tap counted; the grouped screen still
locks on a warning sign, refuses a group left unanswered, and works without JavaScript."""

import json
import re
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from coach.diary.models import CheckIn
from stretching.screening import (
    CLINICIAN_HEADLINE,
    EMERGENCY_HEADLINE,
    QUESTIONS,
    TIER_A,
    TIER_B,
)
from tests.web.factories import make_user

from .conftest import PHONE, axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
MAX_TAPS = 8
NONE_OF_THESE = "None of these apply to me"

# Every trusted click or tap the page receives, kept across page loads: a check that the test's
# own count misses nothing.
COUNT_CLICKS = """
addEventListener('click', (e) => {
  if (!e.isTrusted) return;
  sessionStorage.setItem('taps', String(Number(sessionStorage.getItem('taps') || 0) + 1));
}, true);
"""


class Taps:
    """Taps on the page, counted."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def __call__(self, locator) -> None:
        locator.tap()
        self.count += 1


def group(page, tier: str):
    return page.locator(f"#group-{tier.lower()}")


def answered(page) -> dict[str, str]:
    """The answer chosen on the page for each question ("" when none)."""
    return page.evaluate(
        """(ids) => Object.fromEntries(ids.map((id) => [id,
            document.querySelector(`input[name="${id}"]:checked`)?.value || ""]))""",
        [q.id for q in QUESTIONS],
    )


def test_a_guest_reaches_the_first_hold_in_at_most_8_taps_answering_every_question(phone):
    phone.add_init_script(COUNT_CLICKS)
    phone.clock.install(time=T0)
    tap = Taps(phone)
    phone.goto(phone.base + "/")
    main = phone.locator("main")
    expect(main.get_by_role("link", name="Create an account")).to_be_in_viewport()
    expect(main.get_by_role("link", name="Sign in")).to_be_in_viewport()
    screenshot(phone, "home-guest")

    tap(phone.get_by_role("link", name="Relief sequence", exact=True))
    tap(phone.get_by_role("link", name="Start", exact=True))
    expect(phone.get_by_role("heading", name="Safety questions before you start")).to_be_visible()
    tap(group(phone, "A").get_by_label(NONE_OF_THESE))
    tap(group(phone, "B").get_by_label(NONE_OF_THESE))
    assert answered(phone) == {q.id: "no" for q in QUESTIONS}  # every question answered
    tap(phone.get_by_role("button", name="See what my answers mean"))
    expect(phone.get_by_role("heading", name="You can go on to the routines")).to_be_visible()
    tap(phone.get_by_role("link", name="Start relief sequence"))

    expect(phone).to_have_url(re.compile(r"/routines/relief-sequence/play/$"))
    timeline = json.loads(phone.locator("#player-data").text_content())["timeline"]
    first = next(s for s in timeline["steps"] if s["kind"] in ("hold", "reps"))
    phone.clock.pause_at(T0.timestamp() * 1000 + 600_000)
    tap(phone.get_by_role("button", name="Start", exact=True))
    expect(phone.locator("#stage")).to_be_visible()
    in_position = phone.get_by_role("button", name=re.compile("in position", re.I))
    if in_position.count() and in_position.first.is_visible():
        tap(in_position.first)
    else:
        phone.clock.run_for((first["start"] + 1) * 1000)
    expect(phone.locator("#player")).to_have_attribute("data-index", str(first["index"]))
    expect(phone.locator("#phase")).not_to_have_text("get ready")

    clicks = int(phone.evaluate("sessionStorage.getItem('taps')"))
    assert clicks == tap.count, "the page saw taps the count missed"
    assert tap.count <= MAX_TAPS, f"{tap.count} taps from the home page to the first hold"


def open_screen(page) -> None:
    page.goto(page.base + "/account/screen/?next=/routines/relief-sequence/play/")


def test_the_grouped_form_locks_on_a_tier_a_yes_and_never_turns_it_into_a_no(phone):
    open_screen(phone)
    sign = TIER_A[3]  # both legs
    phone.locator(f"#id_{sign.id}_0").check()
    group(phone, "A").get_by_label(NONE_OF_THESE).check()
    assert answered(phone)[sign.id] == "yes"
    expect(group(phone, "A").locator("[data-none-status]")).to_contain_text('"Yes" answer stays')
    group(phone, "B").get_by_label(NONE_OF_THESE).check()
    phone.get_by_role("button", name="See what my answers mean").click()
    expect(phone.get_by_role("heading", name=EMERGENCY_HEADLINE)).to_be_visible()
    expect(phone.get_by_text(sign.text)).to_be_visible()
    expect(phone.get_by_role("link", name=re.compile("^(Start|Go on)"))).to_have_count(0)
    phone.goto(phone.base + "/routines/relief-sequence/play/")
    expect(phone).to_have_url(re.compile("/account/screen/"))


def test_the_grouped_form_asks_to_see_a_clinician_on_a_tier_b_yes(phone):
    open_screen(phone)
    group(phone, "A").get_by_label(NONE_OF_THESE).check()
    group(phone, "A").get_by_label(NONE_OF_THESE).uncheck()  # unticking takes its answers back
    assert answered(phone) == {q.id: "" for q in QUESTIONS}
    group(phone, "A").get_by_label(NONE_OF_THESE).check()
    group(phone, "B").get_by_label(NONE_OF_THESE).check()
    sign = TIER_B[6]  # stable numbness in one leg
    phone.locator(f"#id_{sign.id}_0").check()  # a yes after the box unticks it
    expect(group(phone, "B").get_by_label(NONE_OF_THESE)).not_to_be_checked()
    assert answered(phone) == {q.id: "yes" if q == sign else "no" for q in QUESTIONS}
    phone.get_by_role("button", name="See what my answers mean").click()
    expect(phone.get_by_role("heading", name=CLINICIAN_HEADLINE)).to_be_visible()
    expect(phone.get_by_role("heading", name="After you have seen a clinician")).to_be_visible()
    expect(phone.get_by_role("link", name="Start relief sequence")).to_have_count(0)


def test_a_group_left_unanswered_is_refused_with_each_question_named(phone):
    open_screen(phone)
    group(phone, "A").get_by_label(NONE_OF_THESE).check()
    phone.locator(f"#id_{TIER_B[0].id}_1").check()
    phone.get_by_role("button", name="See what my answers mean").click()
    summary = phone.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("9 still need a yes or a no")
    for q in TIER_B[1:]:
        expect(summary.get_by_role("link", name=q.text)).to_be_visible()
    expect(summary.get_by_role("link", name=TIER_B[0].text)).to_have_count(0)
    # what was answered stays answered; the first link takes the person to that question
    assert answered(phone)[TIER_B[0].id] == "no"
    assert all(answered(phone)[q.id] == "no" for q in TIER_A)
    summary.get_by_role("link", name=TIER_B[1].text).click()
    expect(phone.locator(f"#id_{TIER_B[1].id}_0")).to_be_focused()
    expect(phone.locator(f"#q-{TIER_B[1].id} legend")).to_be_in_viewport()
    screenshot(phone, "screen-errors")
    assert axe_violations(phone) == []


def test_the_none_of_these_boxes_work_without_javascript(browser, live_server):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.base = live_server.url
    open_screen(page)
    group(page, "A").get_by_label(NONE_OF_THESE).check()
    assert answered(page) == {q.id: "" for q in QUESTIONS}  # no script fills the radios
    page.locator(f"#id_{TIER_B[4].id}_0").check()
    group(page, "B").get_by_label(NONE_OF_THESE).check()
    page.get_by_role("button", name="See what my answers mean").click()
    expect(page.get_by_role("heading", name=CLINICIAN_HEADLINE)).to_be_visible()
    expect(page.get_by_text(TIER_B[4].text)).to_be_visible()
    page.get_by_role("link", name="Answer the questions again").click()
    group(page, "A").get_by_label(NONE_OF_THESE).check()
    group(page, "B").get_by_label(NONE_OF_THESE).check()
    page.get_by_role("button", name="See what my answers mean").click()
    page.get_by_role("link", name="Start relief sequence").click()
    expect(page).to_have_url(re.compile("/routines/relief-sequence/play/$"))
    context.close()


def test_the_screen_and_its_result_are_accessible_at_phone_size(phone):
    open_screen(phone)
    screenshot(phone, "screen-grouped")
    assert axe_violations(phone) == []
    for tier in ("A", "B"):
        group(phone, tier).get_by_label(NONE_OF_THESE).check()
    screenshot(phone, "screen-none-of-these")
    phone.get_by_role("button", name="See what my answers mean").click()
    expect(phone.get_by_role("link", name="Start relief sequence")).to_be_in_viewport()
    screenshot(phone, "screen-result")
    assert axe_violations(phone) == []


@pytest.fixture
def signed_in(phone, context):
    client = Client()
    client.force_login(make_user())
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": phone.base}]
    )
    return phone


def test_the_check_in_chooses_no_leg_for_the_person_and_keeps_what_was_entered(signed_in):
    page = signed_in
    page.allowed_errors.append("400 (Bad Request)")  # the refused save answers 400
    page.goto(page.base + "/checkin/")
    for side in ("left", "right"):
        expect(page.locator(f"#f-extent_{side} input:checked")).to_have_count(0)
    screenshot(page, "checkin-empty")
    assert axe_violations(page) == []
    page.locator("#f-leg_pain").get_by_text("5", exact=True).click()
    page.locator("#f-back_pain").get_by_text("2", exact=True).click()
    page.locator("#f-extent_left").get_by_label("Thigh", exact=True).check()
    page.get_by_role("button", name="Save check-in").click()
    summary = page.locator("#error-summary")
    message = "Please choose how far down your right leg symptoms reach."
    expect(summary.get_by_role("link", name=message)).to_be_visible()
    expect(page.locator("#f-extent_right")).to_contain_text(message)
    expect(page.locator("#f-extent_left").get_by_label("Thigh", exact=True)).to_be_checked()
    expect(page.locator("#id_leg_pain_5")).to_be_checked()
    assert not CheckIn.objects.exists()
    screenshot(page, "checkin-error")
    assert axe_violations(page) == []
    page.locator("#f-extent_right").get_by_label("None", exact=True).check()
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Check-in saved.")).to_be_visible()
    entry = CheckIn.objects.get()
    assert (entry.leg_pain, entry.back_pain, entry.extent_left, entry.extent_right) == (5, 2, 3, 0)
