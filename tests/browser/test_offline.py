"""The app with no network: opened from the home-screen start URL (Today), a session played and
a check-in made offline reach History exactly once when the connection returns, even if the tab
was closed meanwhile; a safety "yes" answered offline locks sessions on the phone at once."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coach.accounts.models import ScreeningResponse
from coach.diary.models import CheckIn
from coach.practice.models import PracticeSession
from stretching.screening import EMERGENCY_HEADLINE, EMERGENCY_MESSAGE, TIER_A

from .offline_app import PLAYER, TWIST, play_relief_offline_with_one_hurt, prepare_online

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check_in_after(page):
    page.get_by_role("link", name="Check in: how do you feel now?").click()
    expect(page.locator(".offline-note")).to_be_visible()
    page.locator("#f-leg_pain").get_by_text("3", exact=True).click()
    page.locator("#f-back_pain").get_by_text("2", exact=True).click()
    page.locator("#f-extent_left").get_by_label("Thigh", exact=False).first.check()
    page.locator("#f-extent_right").get_by_label("None", exact=True).check()
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Your check-in is kept on this phone")).to_be_visible()


def assert_in_history_once(page, person):
    page.goto(f"{page.base}/history/")
    expect(page.locator(".card.session")).to_have_count(1)
    expect(page.locator(".card.session")).to_contain_text("Relief sequence")
    expect(page.locator(".card.session .hurt")).to_contain_text("Seated knee twist")
    expect(page.locator(".card.entry")).to_have_count(1)
    expect(page.locator(".card.entry")).to_contain_text("After a session")
    session = PracticeSession.objects.get()
    assert session.user == person and session.routine_id == "relief-sequence"
    assert [o.outcome for o in session.outcomes.filter(exercise_id=TWIST)] == ["hurt"]
    assert CheckIn.objects.get().user == person
    assert ScreeningResponse.objects.filter(user=person, kind="recheck").count() == 2


def test_a_session_and_check_in_made_offline_reach_history_once_when_back_online(app, app_context):
    person = prepare_online(app)
    app.clock.install(time=timezone.now() - timedelta(minutes=15))  # the session ends about now
    app_context.set_offline(True)
    play_relief_offline_with_one_hurt(app)
    expect(app.locator("#queue-status")).to_have_text("2 entries waiting to be sent")
    check_in_after(app)
    expect(app.locator("#queue-status")).to_have_text("3 entries waiting to be sent")
    assert not PracticeSession.objects.exists() and not CheckIn.objects.exists()

    app_context.set_offline(False)
    expect(app.locator("#queue-status")).to_be_hidden()
    assert_in_history_once(app, person)


def test_entries_kept_in_a_closed_tab_are_sent_when_the_app_opens_online_later(app, app_context):
    person = prepare_online(app)
    app.clock.install(time=timezone.now() - timedelta(minutes=15))  # the session ends about now
    app_context.set_offline(True)
    play_relief_offline_with_one_hurt(app)
    check_in_after(app)
    app.close()

    app_context.set_offline(False)
    later = app_context.new_page()
    later.base = app.base
    later.goto(f"{later.base}/today/")
    expect(later.locator("#queue-status")).to_be_hidden()
    assert_in_history_once(later, person)


def test_a_yes_in_the_quick_check_offline_shows_the_emergency_words_and_locks_sessions(
    app, app_context
):
    person = prepare_online(app)
    app_context.set_offline(True)
    app.goto(f"{app.base}{PLAYER}")
    app.get_by_role("button", name="Start").click()
    app.get_by_label(TIER_A[0].text).check()
    app.get_by_role("button", name="I ticked one or more").click()
    lock = app.locator("#offline-check")
    expect(lock.get_by_role("heading", name=EMERGENCY_HEADLINE)).to_be_visible()
    expect(lock).to_contain_text(EMERGENCY_MESSAGE)
    expect(lock).to_contain_text("Today's session will not start.")
    expect(app.locator("#stage")).to_be_hidden()

    # Every page says so on this phone, and the player does not start.
    app.goto(f"{app.base}/today/")
    expect(app.locator("#safety-lock")).to_contain_text(EMERGENCY_HEADLINE)
    app.goto(f"{app.base}{PLAYER}")
    app.get_by_role("button", name="Start").click()
    expect(app.locator("#safety-lock")).to_be_visible()
    expect(app.locator("#stage")).to_be_hidden()

    # Back online the answer reaches the server, whose gate now asks again before a session.
    app_context.set_offline(False)
    expect(app.locator("#queue-status")).to_be_hidden()
    kept = ScreeningResponse.objects.filter(user=person, kind="recheck").latest("answered_at")
    assert kept.outcome == "emergency"
    app.goto(f"{app.base}{PLAYER}")
    expect(app).to_have_url(re.compile("/account/check/"))
    app.get_by_role("button", name="None of these").click()
    expect(app).to_have_url(re.compile(re.escape(PLAYER)))
    app.get_by_role("button", name="Start").click()
    expect(app.locator("#stage")).to_be_visible()  # the server said so: the phone unlocks
    expect(app.locator("#safety-lock")).to_have_count(0)
