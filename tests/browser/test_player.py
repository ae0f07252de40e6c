"""The guided player in a real browser at phone size, with the page clock under test control."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from coach.practice.models import PracticeSession
from stretching import catalogue
from stretching.timeline import compile_timeline
from tests.results import hip_flexor_played

from .conftest import answer_screen_all_no

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RELIEF = compile_timeline(catalogue.default(), "relief-sequence")
HAMSTRINGS = compile_timeline(catalogue.default(), "hamstring-trio")


# Near the real date: the server refuses results dated long before a person's first use.
T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)


def open_player(page, routine="relief-sequence", screened=True):
    """Open the player with the page's clock frozen: only the test moves time."""
    if screened:
        answer_screen_all_no(page)
    page.clock.install(time=T0)
    page.goto(f"{page.base}/routines/{routine}/play/")
    page.clock.pause_at(T0 + timedelta(seconds=5))
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#stage")).to_be_visible()


def seconds(page, s):
    page.clock.run_for(int(s * 1000))


def shown_index(page):
    return int(page.locator("#player").get_attribute("data-index"))


def first_step(exercise_id, kind="hold", timeline=RELIEF):
    return next(s for s in timeline.steps if s.exercise_id == exercise_id and s.kind == kind)


def test_it_plays_the_relief_sequence_with_pause_back_and_hurt_and_saves_the_summary(phone):
    open_player(phone)
    expect(phone.locator("#ex-name")).to_have_text("Standing buttock squeeze")
    expect(phone.locator("#phase")).to_have_text("get ready")
    assert "First: Glute squeeze" in phone.evaluate("window.__spoken")[0]

    seconds(phone, 12)  # into the first set: squeeze-and-release with its rhythm
    expect(phone.locator("#variant")).to_have_text("feet straight, hip-width apart")
    expect(phone.locator("#count")).to_have_text("1/8")
    expect(phone.locator("#phase")).to_have_text("squeeze")
    seconds(phone, 4)
    expect(phone.locator("#phase")).to_have_text("release")
    seconds(phone, 2)
    expect(phone.locator("#count")).to_have_text("2/8")
    expect(phone.locator("#phase")).to_have_text("squeeze")

    # pause: the clock stops; resume: it goes on from where it was
    phone.get_by_role("button", name="Pause").click()
    expect(phone.locator("#phase")).to_have_text("paused")
    index = shown_index(phone)
    seconds(phone, 120)
    assert shown_index(phone) == index
    phone.get_by_role("button", name="Resume").click()
    expect(phone.locator("#phase")).to_have_text("squeeze")

    # the second set is done with the toes turned out, and the picture shows it
    figure = phone.locator("#figure")
    expect(figure).to_have_attribute("src", re.compile(r"/standing-glute-squeeze\.svg$"))
    second = next(s for s in RELIEF.steps if s.set_number == 2)
    seconds(phone, second.start + 1 - 18)
    expect(phone.locator("#variant")).to_have_text("toes turned out")
    expect(figure).to_have_attribute("src", re.compile(r"/standing-glute-squeeze--toes-out\.svg$"))
    expect(figure).to_have_attribute(
        "alt", re.compile(r"^Drawing of Standing buttock squeeze \(toes turned out\): ")
    )

    # the knee twist hurts on the left: it stops at once and the butterfly comes next
    twist = first_step("bedside-knee-twist")
    seconds(phone, twist.start + 8 - (second.start + 1))
    expect(phone.locator("#ex-name")).to_have_text("Seated knee twist on the bed")
    expect(phone.locator("#side")).to_have_text("Left leg stretched")
    phone.get_by_role("button", name="This hurts").click()
    expect(phone.locator("#ex-name")).to_have_text("Lying butterfly stretch")
    expect(phone.locator("#phase")).to_have_text("get ready")
    assert any("Noted that it hurt" in s for s in phone.evaluate("window.__spoken"))

    # back, early in a step, returns to the step before it
    seconds(phone, first_step("supine-butterfly", "ready").duration + 2)
    expect(phone.locator("#phase")).to_have_text("hold")
    seconds(phone, 5)
    phone.get_by_role("button", name="Back").click()  # 5 s in: restarts this hold
    expect(phone.locator("#count")).to_have_text("60")

    seconds(phone, RELIEF.total_seconds)
    expect(phone.locator("#summary")).to_be_visible()
    expect(phone.locator("#n-done")).to_have_text("4")
    expect(phone.locator("#n-hurt")).to_have_text("1")
    expect(phone.locator("#save-status")).to_contain_text("Saved")
    expect(phone.locator(".outcome-hurt")).to_contain_text("Seated knee twist on the bed")

    session = PracticeSession.objects.get()
    assert session.completed and session.source == "web" and session.guest_key
    hurt = session.outcomes.get(outcome="hurt")
    assert (hurt.exercise_id, hurt.side, hurt.held_seconds) == ("bedside-knee-twist", "left", 8)


def test_symptoms_spreading_stop_the_stretch_and_are_recorded_for_the_rules(phone):
    open_player(phone)
    butterfly = first_step("supine-butterfly")
    seconds(phone, butterfly.start + 20)
    expect(phone.locator("#ex-name")).to_have_text("Lying butterfly stretch")
    phone.get_by_role("button", name="Tingling or pain spreads down my leg").click()
    expect(phone.locator("#ex-name")).to_have_text("Standing thigh stretch with a support")
    assert any("symptoms spread down the leg" in s for s in phone.evaluate("window.__spoken"))
    seconds(phone, RELIEF.total_seconds)
    expect(phone.locator(".outcome-spread")).to_have_text(
        "Lying butterfly stretch: stopped: symptoms spread down the leg (0:20)"
    )
    expect(phone.locator("#save-status")).to_contain_text("Saved")
    outcome = PracticeSession.objects.get().outcomes.get(exercise_id="supine-butterfly")
    assert (outcome.outcome, outcome.spread, outcome.held_seconds) == ("skipped", True, 20)


def test_keys_steer_the_player(phone):
    open_player(phone)
    phone.keyboard.press("n")
    expect(phone.locator("#player")).to_have_attribute("data-index", "1")
    phone.keyboard.press("ArrowRight")
    expect(phone.locator("#player")).to_have_attribute("data-index", "2")
    phone.keyboard.press("b")
    expect(phone.locator("#player")).to_have_attribute("data-index", "1")
    phone.keyboard.press("p")
    expect(phone.locator("#phase")).to_have_text("paused")


def test_every_step_starts_within_50_ms_of_its_schedule(phone):
    open_player(phone)
    seconds(phone, RELIEF.total_seconds + 2)
    expect(phone.locator("#summary")).to_be_visible()
    log = phone.evaluate("window.sciaticaPlayer.log")
    assert [e["index"] for e in log] == list(range(len(RELIEF.steps)))
    worst = max(abs(e["actual"] - e["scheduled"]) for e in log)
    assert worst <= 50, f"a step started {worst} ms off its schedule"


def test_after_the_page_sleeps_mid_hold_it_shows_the_step_the_schedule_says(phone):
    open_player(phone)
    butterfly = first_step("supine-butterfly")
    seconds(phone, butterfly.start + 10)
    expect(phone.locator("#ex-name")).to_have_text("Lying butterfly stretch")
    # The tab is backgrounded: timers are frozen, then time jumps forward 95 s at once.
    phone.clock.fast_forward(95_000)
    phone.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expected = RELIEF.step_at(butterfly.start + 10 + 95 + 0.001)
    expect(phone.locator("#player")).to_have_attribute("data-index", str(expected.index))
    expect(phone.locator("#ex-name")).to_have_text("Standing thigh stretch with a support")


def test_the_thigh_test_keeps_a_side_resting_past_six_minutes_until_top(phone):
    timeline = compile_timeline(catalogue.default(), "resting-add-on")
    ready = timeline.steps[0].duration
    open_player(phone, "resting-add-on")
    seconds(phone, ready + 179)
    expect(phone.locator("#thigh")).to_be_hidden()
    seconds(phone, 2)
    expect(phone.locator("#thigh")).to_be_visible()
    assert any("Thigh check" in s for s in phone.evaluate("window.__spoken"))
    phone.get_by_role("button", name="Near the knee").click()
    expect(phone.locator("#thigh")).to_be_hidden()
    # near the knee at 3 and 6 minutes, the middle at 9: the left side keeps resting
    for answer in ("Near the knee", "Middle"):
        seconds(phone, 180)
        expect(phone.locator("#thigh")).to_be_visible()
        phone.get_by_role("button", name=answer).click()
        expect(phone.locator("#side")).to_have_text("Left leg straight")
        expect(phone.locator("#phase")).to_have_text("to the thigh check")
    seconds(phone, 180)
    phone.get_by_role("button", name="Top of the thigh").click()  # 12 minutes in: switch
    expect(phone.locator("#phase")).to_have_text("switch")
    seconds(phone, 5)
    expect(phone.locator("#side")).to_have_text("Right leg straight")
    seconds(phone, 181)
    phone.get_by_role("button", name="Top of the thigh").click()
    expect(phone.locator("#phase")).to_have_text("done")
    seconds(phone, 6)
    expect(phone.locator("#summary")).to_be_visible()
    expect(phone.locator("#n-done")).to_have_text("1")
    # the server keeps the answers: side, seconds into that side's rest, where it was felt
    expect(phone.locator("#save-status")).to_contain_text("Saved")
    session = PracticeSession.objects.get()
    assert session.checks == [
        {"side": "left", "at": 181, "answer": "knee"},
        {"side": "left", "at": 361, "answer": "knee"},
        {"side": "left", "at": 541, "answer": "middle"},
        {"side": "left", "at": 721, "answer": "top"},
        {"side": "right", "at": 181, "answer": "top"},
    ]
    # getting ready, 12:01 on the left, the switch, 3:01 on the right, the closing step
    assert session.practised_seconds == ready + 721 + 5 + 181 + 5


def test_this_hurts_counts_only_the_seconds_spent_as_practised_and_says_stopped(phone):
    open_player(phone, "hip-flexor")
    seconds(phone, 10 + 16)  # 16 s into the first hold
    phone.get_by_role("button", name="This hurts").click()
    expect(phone.locator("#phase")).to_have_text("done")
    seconds(phone, 6)
    expect(phone.locator("#summary")).to_be_visible()
    # the only stretch hurt: the session stopped there, and nothing calls it done
    expect(phone.get_by_role("heading", name="Stopped", exact=True)).to_be_visible()
    spoken = phone.evaluate("window.__spoken")
    assert (
        "That was the last one." in spoken[-3]
        and spoken[-1] == "Stopped there. What you did is kept."
    )
    assert not any("done" in s.lower() for s in spoken)
    expect(phone.locator("#n-time")).to_have_text("0:31")  # never the 2:38 jumped over
    expect(phone.locator("#save-status")).to_contain_text("Saved")
    session = PracticeSession.objects.get()
    assert (session.practised_seconds, session.completed) == (31, True)


def test_ending_the_session_early_takes_a_confirming_tap_and_keeps_what_was_done(phone):
    open_player(phone, "hamstring-trio")
    second = first_step("chair-edge-hamstring", timeline=HAMSTRINGS)
    seconds(phone, second.start + 3)  # 3 s into the second stretch
    phone.get_by_role("button", name="End").click()
    expect(phone.get_by_role("button", name="Tap again to end")).to_be_visible()
    expect(phone.locator("#stage")).to_be_visible()  # one tap alone ends nothing
    seconds(phone, 5)
    expect(phone.get_by_role("button", name="End", exact=True)).to_be_visible()
    phone.get_by_role("button", name="End", exact=True).click()
    phone.get_by_role("button", name="Tap again to end").click()
    expect(phone.get_by_role("heading", name="Stopped early")).to_be_visible()
    expect(phone.locator("#n-done")).to_have_text("1")
    expect(phone.locator("#n-skipped")).to_have_text("1")
    practised = second.start + 3 + 5
    expect(phone.locator("#n-time")).to_have_text(f"{practised // 60}:{practised % 60:02d}")
    expect(phone.locator("#save-status")).to_contain_text("Saved")
    spoken = phone.evaluate("window.__spoken")
    assert spoken[-1] == "Stopped early. What you did is kept."
    assert not any("done" in s.lower() for s in spoken)  # never called done
    session = PracticeSession.objects.get()
    assert (session.completed, session.practised_seconds) == (False, practised)
    assert [(o.exercise_id, o.outcome) for o in session.outcomes.all()] == [
        ("supine-hamstring-straight-leg", "done"),
        ("chair-edge-hamstring", "skipped"),
    ]


def test_a_result_posted_twice_with_one_key_is_recorded_once(phone):
    answer_screen_all_no(phone)
    phone.goto(f"{phone.base}/routines/hip-flexor/play/")
    body = hip_flexor_played(T0, seconds=180)
    statuses = phone.evaluate(
        """async (body) => {
        const { send } = await import('/static/coach/outbox.js');
        const item = { url: '/api/sessions/', key: 'same-key-123', body };
        const a = await send(item); const b = await send(item);
        return [a.status, a.data.created, b.status, b.data.created, a.data.id === b.data.id];
    }""",
        body,
    )
    assert statuses == ["saved", True, "saved", False, True]
    assert PracticeSession.objects.count() == 1


def test_a_result_finished_offline_is_delivered_when_the_connection_returns(phone, context):
    open_player(phone, "hip-flexor")
    phone.allowed_errors.append("ERR_INTERNET_DISCONNECTED")
    context.set_offline(True)
    seconds(phone, 200)
    expect(phone.locator("#save-status")).to_contain_text("No connection")
    assert PracticeSession.objects.count() == 0
    expect(phone.locator("#queue-status")).to_have_text("1 entry waiting to be sent")
    context.set_offline(False)
    expect(phone.locator("#save-status")).to_contain_text("Saved")
    assert PracticeSession.objects.count() == 1
    expect(phone.locator("#queue-status")).to_be_hidden()


def test_the_player_asks_the_safety_questions_first(phone):
    phone.goto(f"{phone.base}/routines/relief-sequence/play/")
    expect(phone.get_by_role("heading", name="Safety questions before you start")).to_be_visible()
    for radio in phone.locator(
        "input[type=radio][value=no], input[type=radio][value=False], "
        "input[type=radio][value=false]"
    ).all():
        radio.check()
    phone.get_by_role("button", name="See what my answers mean").click()
    phone.get_by_role("link", name="Start relief sequence").click()
    phone.get_by_role("button", name="Start").click()
    expect(phone.locator("#stage")).to_be_visible()


def test_voice_and_tones_can_be_turned_off(phone):
    open_player(phone)
    phone.get_by_role("button", name="Voice on").click()
    expect(phone.get_by_role("button", name="Voice off")).to_have_attribute("aria-pressed", "false")
    spoken = len(phone.evaluate("window.__spoken"))
    seconds(phone, 12)
    assert len(phone.evaluate("window.__spoken")) == spoken
    # every cue still shows on screen and reaches screen readers
    expect(phone.locator("#live")).not_to_be_empty()
    expect(phone.locator("#cue")).not_to_be_empty()


def test_a_device_clock_running_ahead_is_named_when_the_session_cannot_be_saved(phone):
    phone.allowed_errors.append("status of 400")  # the refusal itself
    answer_screen_all_no(phone)
    ahead = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    phone.clock.install(time=ahead)
    phone.goto(f"{phone.base}/routines/hamstring-trio/play/")
    phone.clock.pause_at(ahead + timedelta(seconds=5))
    phone.get_by_role("button", name="Start").click()
    seconds(phone, HAMSTRINGS.total_seconds + 2)
    expect(phone.locator("#summary")).to_be_visible()
    expect(phone.locator("#save-status")).to_have_text(
        "Not saved: This session ends later than the time now, so this device's clock seems to "
        "be ahead. Set the clock right and your next session is saved as usual."
    )
    assert PracticeSession.every.count() == 0
