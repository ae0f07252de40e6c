"""Stop any time, nothing lost: ending early, closing the tab, going elsewhere mid-session and a
guest signing up after a partial session each leave exactly one session with what was done; and
the time to get into position, which "I'm in position" cuts short or the person's setting holds
until they tap."""

import time
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from coach.practice.models import PracticeSession
from stretching import catalogue
from stretching.timeline import compile_timeline

from .conftest import answer_screen_all_no

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Near the real date: the server refuses results dated long before a person's first use.
T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
HIP = compile_timeline(catalogue.default(), "hip-flexor")
RELIEF = compile_timeline(catalogue.default(), "relief-sequence")
PASSWORD = "stretch-gently-42"


def open_player(page, routine="hip-flexor", *, wait_for_tap=False):
    """The player with the page's clock frozen; the setting to wait for the tap as asked."""
    answer_screen_all_no(page)
    page.clock.install(time=T0)
    page.goto(f"{page.base}/routines/{routine}/play/")
    page.clock.pause_at(T0 + timedelta(seconds=5))
    setting = page.get_by_label("wait until I tap")
    if setting.is_checked() != wait_for_tap:
        setting.click()
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#stage")).to_be_visible()


def seconds(page, s):
    page.clock.run_for(int(s * 1000))


def the_one_session(timeout=10.0):
    """The one session saved, once the request sent as the page went away has arrived."""
    deadline = time.monotonic() + timeout
    while not PracticeSession.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    return PracticeSession.objects.get()


def outcomes(session):
    return [(o.exercise_id, o.outcome, o.held_seconds) for o in session.outcomes.all()]


def test_closing_the_tab_mid_session_saves_what_was_done_once(phone):
    open_player(phone)
    seconds(phone, HIP.steps[0].duration + 25)  # the first hold and 5 s of rest
    phone.close(run_before_unload=True)
    session = the_one_session()
    assert not session.completed
    assert session.practised_seconds == HIP.steps[0].duration + 25
    assert outcomes(session) == [("hip-flexor-chair-lunge", "skipped", 20)]
    time.sleep(1)  # anything sent twice would have arrived by now
    assert PracticeSession.objects.count() == 1


def test_going_elsewhere_mid_session_saves_what_was_done_once(phone):
    open_player(phone)
    seconds(phone, HIP.steps[0].duration + 12)
    phone.get_by_role("button", name="Pause").click()  # paused time is not practised
    seconds(phone, 30)
    phone.goto(f"{phone.base}/")
    session = the_one_session()
    assert (session.completed, session.practised_seconds) == (False, HIP.steps[0].duration + 12)
    assert outcomes(session) == [("hip-flexor-chair-lunge", "skipped", 12)]
    phone.go_back()  # back where the player was: a new page, nothing sent again
    phone.wait_for_load_state()
    time.sleep(1)
    assert PracticeSession.objects.count() == 1


def test_hiding_the_page_after_a_normal_finish_does_not_save_it_twice(phone):
    open_player(phone)
    seconds(phone, HIP.total_seconds + 1)
    expect(phone.get_by_role("heading", name="Session done")).to_be_visible()
    expect(phone.locator("#save-status")).to_contain_text("Saved")
    phone.evaluate("dispatchEvent(new PageTransitionEvent('pagehide'))")
    phone.close(run_before_unload=True)
    time.sleep(1)
    session = PracticeSession.objects.get()
    assert session.completed and outcomes(session) == [("hip-flexor-chair-lunge", "done", 120)]


def test_a_page_hidden_mid_session_shows_and_saves_it_as_stopped_early(phone):
    open_player(phone)
    seconds(phone, HIP.steps[0].duration + 20)
    phone.evaluate("dispatchEvent(new PageTransitionEvent('pagehide'))")  # e.g. into the bfcache
    expect(phone.get_by_role("heading", name="Stopped early")).to_be_visible()
    expect(phone.locator("#save-status")).to_contain_text("Saved")
    seconds(phone, 300)  # time goes on: the session stays as it was when the page hid
    assert the_one_session().practised_seconds == HIP.steps[0].duration + 20
    assert PracticeSession.objects.count() == 1


def test_a_guest_who_signs_up_after_a_partial_session_keeps_it(phone):
    open_player(phone, "relief-sequence")
    seconds(phone, RELIEF.steps[1].end + 4)  # the first set of squeezes and 4 s of rest
    phone.goto(f"{phone.base}/account/sign-up/")  # mid-session, straight to making an account
    phone.get_by_label("Email").fill("newcomer@example.org")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("checkbox").check()
    phone.get_by_role("button", name="Create my account").click()
    expect(phone.get_by_text("is in your history now")).to_be_visible()
    user = get_user_model().objects.get(email="newcomer@example.org")
    session = PracticeSession.objects.get()
    assert session.user == user and not session.guest_key
    assert not session.completed and session.practised_seconds == RELIEF.steps[1].end + 4
    assert outcomes(session) == [("standing-glute-squeeze", "skipped", 56)]


def _ready(timeline, exercise_id):
    return next(s for s in timeline.steps if s.exercise_id == exercise_id and s.kind == "ready")


def test_getting_down_for_the_pillow_squeeze_takes_20_s_or_more_unless_in_position_sooner(phone):
    open_player(phone, "relief-sequence")
    pillow = _ready(RELIEF, "supine-pillow-squeeze")
    assert pillow.duration >= 20
    seconds(phone, pillow.start + 19)
    expect(phone.locator("#ex-name")).to_have_text("Pillow squeeze with your legs up")
    expect(phone.locator("#phase")).to_have_text("get ready")
    assert any(
        "Lie on your back, calves on the chair" in s for s in phone.evaluate("window.__spoken")
    )
    phone.get_by_role("button", name="I'm in position").click()  # in position early
    expect(phone.locator("#count")).to_have_text("1/10")
    expect(phone.locator("#phase")).to_have_text("squeeze")
    twist = _ready(RELIEF, "bedside-knee-twist")
    assert twist.duration >= 20
    seconds(phone, twist.duration - pillow.start - pillow.duration + twist.start - 1)
    expect(phone.locator("#ex-name")).to_have_text("Seated knee twist on the bed")
    expect(phone.locator("#phase")).to_have_text("get ready")


def test_with_the_setting_each_get_ready_waits_for_im_in_position(phone):
    open_player(phone, "relief-sequence", wait_for_tap=True)
    seconds(phone, 10 * 60)  # ten minutes: the first exercise has not started without the tap
    expect(phone.locator("#player")).to_have_attribute("data-index", "0")
    expect(phone.locator("#phase")).to_have_text("waiting for you")
    assert phone.evaluate("window.__spoken").count("Tap I'm in position when you are there.") == 1
    phone.get_by_role("button", name="I'm in position").click()
    expect(phone.locator("#count")).to_have_text("1/8")
    pillow = _ready(RELIEF, "supine-pillow-squeeze")
    seconds(phone, pillow.start + pillow.duration + 120 - RELIEF.steps[1].start)
    expect(phone.locator("#ex-name")).to_have_text("Pillow squeeze with your legs up")
    expect(phone.locator("#phase")).to_have_text("waiting for you")
    phone.get_by_role("button", name="I'm in position").click()
    expect(phone.locator("#phase")).to_have_text("squeeze")
    # the setting is remembered on this phone
    phone.goto(f"{phone.base}/routines/hip-flexor/play/")
    expect(phone.get_by_label("wait until I tap")).to_be_checked()
