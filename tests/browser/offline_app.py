"""Steps a person takes in the installed app, for the browser tests that run the service worker
(the `app` and `app_context` fixtures in conftest.py)."""

import re
import time
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from stretching import catalogue
from stretching.timeline import compile_timeline
from tests.web.factories import PASSWORD, make_screen, make_user


def sign_in(page, email: str) -> None:
    page.goto(f"{page.base}/account/sign-in/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(f"{page.base}/account/sign-in/")


def wait_until(page, script: str, arg=None, timeout: float = 15) -> None:
    """Poll `script` (a function) in the page until it returns true. (wait_for_function would
    evaluate a string, which the app's Content Security Policy forbids.)"""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {script}")
        time.sleep(0.1)


def wait_for_worker(page) -> None:
    """Until the service worker controls this page."""
    try:
        wait_until(page, "() => Boolean(navigator.serviceWorker?.controller)", timeout=30)
    except AssertionError:
        state = page.evaluate(
            """async () => {
                const r = await navigator.serviceWorker.getRegistration();
                return r ? [r.installing?.state, r.waiting?.state, r.active?.state] : 'none';
            }"""
        )
        raise AssertionError(f"no service worker controls the page: {state}") from None


KEPT = """async (paths) => {
    const cache = await caches.open('sciatica-pages');
    const kept = (await cache.keys()).map((r) => {
        const url = new URL(r.url);
        return url.pathname + url.search;
    });
    return paths.every((p) => kept.includes(p));
}"""
ASK_TO_KEEP = """async (paths) => {
    const ready = await navigator.serviceWorker.ready;
    for (const p of paths) {
        ready.active.postMessage({ type: 'keep', url: new URL(p, location.href).href });
    }
}"""


def wait_until_kept(page, *paths: str) -> None:
    """Until the worker keeps `paths` for offline use. A page that came before the worker asks
    it once to keep the page (coach/static/coach/pwa.js); on a loaded machine that one fetch
    can be lost (the page is then kept on its next visit), so after 15 s the test asks once
    more, as that next visit would."""
    try:
        wait_until(page, KEPT, list(paths))
    except AssertionError:
        page.evaluate(ASK_TO_KEEP, list(paths))
        wait_until(page, KEPT, list(paths))


def answer_quick_check_online(page, then: str) -> None:
    page.goto(f"{page.base}/account/check/?next={then}")
    page.get_by_role("button", name="None of these").click()
    expect(page).to_have_url(f"{page.base}{then}")


def queued_count(page) -> int:
    return int(page.locator("html").get_attribute("data-queued") or "0")


RELIEF = compile_timeline(catalogue.default(), "relief-sequence")
PLAYER = "/routines/relief-sequence/play/"
TWIST = "bedside-knee-twist"


def twist_hold():
    return next(s for s in RELIEF.steps if s.exercise_id == TWIST and s.kind == "hold")


def prepare_online(page, email="alice@example.org"):
    """A person with an account opens Today and the relief sequence's player once, online."""
    person = make_user(email, screened=False)
    make_screen(person, at=timezone.now() - timedelta(days=1))
    sign_in(page, email)
    page.goto(f"{page.base}/today/")
    wait_for_worker(page)
    answer_quick_check_online(page, PLAYER)
    wait_until_kept(page, "/today/", PLAYER, "/checkin/?context=after")
    return person


def play_relief_offline_with_one_hurt(page):
    """From Today (the start URL) to the player, the quick check on the phone, then the whole
    sequence with "This hurts" during the knee twist; time is driven by the page clock."""
    page.goto(f"{page.base}/today/")
    expect(page.locator(".offline-note")).to_contain_text("Offline: showing what was saved at")
    page.locator(f'a[href="{PLAYER}"]').first.click()
    expect(page).to_have_url(re.compile(re.escape(PLAYER)))
    expect(page.locator(".offline-note")).to_be_visible()
    page.clock.pause_at(timezone.now() - timedelta(minutes=14))
    page.get_by_role("button", name="Start").click()
    expect(
        page.get_by_role("heading", name="Before you start: any of these today?")
    ).to_be_visible()
    page.get_by_role("button", name="None of these").click()
    expect(page.locator("#stage")).to_be_visible()
    page.clock.run_for((twist_hold().start + 5) * 1000)
    expect(page.locator("#ex-name")).to_have_text("Seated knee twist on the bed")
    page.get_by_role("button", name="This hurts").click()
    page.clock.run_for(RELIEF.total_seconds * 1000)
    expect(page.get_by_role("heading", name="Session done")).to_be_visible()
    expect(page.locator("#save-status")).to_contain_text("No connection right now")
    page.clock.resume()
