"""The player made for the floor: at phone sizes from 320x568 up, for guests and signed-in
people, every step of every routine fits one screen that does not scroll, with the count, the cue
and the buttons to stop pinned in view and big enough to read and tap from a mat."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from playwright.sync_api import expect

from stretching import catalogue
from stretching.timeline import compile_timeline
from tests.web.factories import make_recheck, make_user

from .conftest import answer_screen_all_no, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Near the real date: the server refuses results dated long before a person's first use.
T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
SIZES = [(320, 568), (390, 844), (412, 915)]
CAT = catalogue.default()
MIN_COUNT_PX = 80
MIN_CUE_PX = 20
MIN_TARGET_PX = 48

# Everything the figures above ask of the screen, measured in the page; returns what is wrong.
MEASURE_JS = """({ countPx, cuePx, targetPx }) => {
  const problems = [];
  const W = innerWidth, H = innerHeight;
  const tall = Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);
  if (tall > H) problems.push(`scrolls: ${tall} > ${H}`);
  if (scrollY !== 0) problems.push(`scrolled to ${scrollY}`);
  const inView = (el, name) => {
    const r = el.getBoundingClientRect();
    if (!el.offsetParent || !r.width || !r.height) return problems.push(`${name} is not shown`);
    if (r.top < 0 || r.left < 0 || r.bottom > H + 0.5 || r.right > W + 0.5)
      problems.push(`${name} is outside the screen: ${JSON.stringify(r)}`);
  };
  const px = (id) => parseFloat(getComputedStyle(document.getElementById(id)).fontSize);
  const named = { count: 'count', cue: 'cue', hurts: 'This hurts', spreads: 'Spreads' };
  for (const [id, name] of Object.entries({ ...named, stop: 'End' })) {
    inView(document.getElementById(id), name);
  }
  if (px('count') < countPx) problems.push(`count at ${px('count')}px`);
  if (px('cue') < cuePx) problems.push(`cue at ${px('cue')}px`);
  for (const b of document.querySelectorAll('#player button')) {
    if (!b.offsetParent) continue;
    const r = b.getBoundingClientRect();
    const name = b.textContent.trim();
    if (r.width < targetPx || r.height < targetPx) problems.push(`button too small: ${name}`);
    inView(b, `button ${name}`);
  }
  // nothing overlaps: the blocks follow each other down the screen
  const blocks = ['.overall-row', '.ex-name', '#figure', '#thigh', '.count-row', '#cue',
    '.controls', '.alarms'];
  let above = null;
  for (const sel of blocks) {
    const el = document.querySelector(sel);
    if (!el.offsetParent) continue;
    const r = el.getBoundingClientRect();
    if (above && r.top < above.bottom - 1) problems.push(`${sel} overlaps ${above.sel}`);
    above = { sel, bottom: r.bottom };
  }
  // pinned to the bottom: the row with "This hurts" ends at the screen's bottom edge
  const gap = H - document.getElementById('hurts').getBoundingClientRect().bottom;
  if (gap > 24) problems.push(`"This hurts" floats ${gap}px above the bottom`);
  return problems;
}"""


def measure(page):
    """What is wrong with the screen as it is now (nothing, when all is well)."""
    figures = {"countPx": MIN_COUNT_PX, "cuePx": MIN_CUE_PX, "targetPx": MIN_TARGET_PX}
    return page.evaluate(MEASURE_JS, figures)


def sign_in(page, live_server):
    """A signed-in person (consent given, safety questions answered), by their session cookie."""
    user = make_user("floor@example.org")
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return user


def open_player(page, routine, *, user=None):
    """The player for a routine with the page's clock frozen; the quick check first if asked."""
    if user is not None:
        make_recheck(user)
    page.goto(f"{page.base}/routines/{routine}/play/")
    if "/account/check/" in page.url:
        page.get_by_role("button", name=re.compile("^None of these")).click()
        page.goto(f"{page.base}/routines/{routine}/play/")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#stage")).to_be_visible()


def start_clock(page):
    """The page's clock, frozen: only the test moves time (installed on a page of the app)."""
    page.goto(f"{page.base}/")
    page.clock.install(time=T0)
    page.clock.pause_at(T0 + timedelta(seconds=1))


def problems_at_every_step(page, routine):
    """Walk the routine's steps by the clock, measuring each mid-step and near its end (the last
    rep's count is the widest); a resting step at its first Thigh Test, question shown."""
    steps = json.loads(page.locator("#player-data").text_content())["timeline"]["steps"]
    found, now = [], 0.0
    for step in steps:
        kind, start, duration = step["kind"], step["start"], step["duration"]
        moments = [step["check_every"] + 1] if kind == "open" else [duration / 2]
        if kind != "open" and duration > 2:
            moments.append(duration - 0.5)
        for into in moments:
            page.clock.run_for(int((start + into - now) * 1000))
            now = start + into
            expect(page.locator("#player")).to_have_attribute("data-index", str(step["index"]))
            where = f"{routine} step {step['index']} ({kind}) {into} s in"
            found += [f"{where}: {p}" for p in measure(page)]
        if kind == "open":
            expect(page.locator("#thigh")).to_be_visible()
            page.get_by_role("button", name="Top of the thigh").click()
            now = steps[step["index"] + 1]["start"]
    return found


# Every size as a guest; signed in (the plan's notes and shorter holds) on the smallest screen,
# where they are hardest to fit, which keeps the suite's time down.
LAYOUTS = [(size, False) for size in SIZES] + [(SIZES[0], True)]


@pytest.mark.parametrize(
    ("size", "signed_in"),
    LAYOUTS,
    ids=[f"{w}x{h}-{'signed-in' if s else 'guest'}" for (w, h), s in LAYOUTS],
)
def test_every_step_of_every_routine_fits_one_screen_that_does_not_scroll(
    phone, live_server, size, signed_in
):
    phone.set_viewport_size({"width": size[0], "height": size[1]})
    user = sign_in(phone, live_server) if signed_in else None
    if not signed_in:
        answer_screen_all_no(phone)
    start_clock(phone)
    problems = []
    for routine in sorted(CAT.routines):
        open_player(phone, routine, user=user)
        phone.locator("#pause").focus()  # focus moving to Pause must not scroll the page
        problems += problems_at_every_step(phone, routine)
    assert problems == []


def _step(routine, exercise_id, kind):
    steps = compile_timeline(CAT, routine).steps
    return next(s for s in steps if s.exercise_id == exercise_id and s.kind == kind)


@pytest.mark.parametrize("size", SIZES[:2], ids=[f"{w}x{h}" for w, h in SIZES[:2]])
def test_screenshots_mid_reps_mid_hold_thigh_check_and_summary(phone, size):
    """Pictures to look at (var/screenshots/player-*.png), each screen measured as above."""
    phone.set_viewport_size({"width": size[0], "height": size[1]})
    name = f"{size[0]}x{size[1]}"
    answer_screen_all_no(phone)
    start_clock(phone)
    open_player(phone, "relief-sequence")
    reps = _step("relief-sequence", "standing-glute-squeeze", "reps")
    phone.clock.run_for((reps.start + 20) * 1000)
    screenshot(phone, f"player-{name}-mid-reps")
    assert measure(phone) == []
    hold = _step("relief-sequence", "bedside-knee-twist", "hold")
    phone.clock.run_for((hold.start - reps.start - 20 + 12) * 1000)
    expect(phone.locator("#side")).to_have_text("Left leg stretched")
    screenshot(phone, f"player-{name}-mid-hold")
    assert measure(phone) == []
    phone.get_by_role("button", name="End").click()
    phone.get_by_role("button", name="Tap again to end").click()
    expect(phone.get_by_role("heading", name="Stopped early")).to_be_visible()
    expect(phone.locator("#save-status")).to_contain_text("Saved")
    screenshot(phone, f"player-{name}-summary")
    open_player(phone, "resting-add-on")
    rest = _step("resting-add-on", "supine-leg-on-chair-rest", "open")
    phone.clock.run_for((rest.start + 181) * 1000)
    expect(phone.locator("#thigh")).to_be_visible()
    screenshot(phone, f"player-{name}-thigh-check")
    assert measure(phone) == []
