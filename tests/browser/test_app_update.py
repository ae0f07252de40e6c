"""A new version of the app never switches under a running session: it waits, says "A new
version is ready" once the session is over, and takes over when the person reloads."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.web.factories import make_screen, make_user

from .offline_app import (
    PLAYER,
    RELIEF,
    answer_quick_check_online,
    sign_in,
    wait_for_worker,
    wait_until,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHELLS = """async () => (await caches.keys()).filter((k) => k.startsWith('sciatica-shell-'))"""
WAITING = """async () => Boolean((await navigator.serviceWorker.getRegistration()).waiting)"""


def test_a_new_version_waits_until_the_session_is_over(app, settings):
    person = make_user("alice@example.org", screened=False)
    make_screen(person, at=timezone.now() - timedelta(days=1))
    sign_in(app, "alice@example.org")
    app.clock.install(time=timezone.now() - timedelta(minutes=15))
    answer_quick_check_online(app, PLAYER)
    wait_for_worker(app)
    wait_until(
        app, "async () => (await caches.keys()).some((k) => k.startsWith('sciatica-shell-'))"
    )
    [first_shell] = app.evaluate(SHELLS)

    app.clock.pause_at(timezone.now() - timedelta(minutes=14))
    app.get_by_role("button", name="Start").click()
    app.clock.run_for(20_000)
    app.evaluate("window.__sameSession = true")  # gone if the page were reloaded under it
    shown = app.locator("#overall-text").text_content()

    settings.PWA_RELEASE = "a newer one"  # the server now offers a new worker
    app.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
    wait_until(app, WAITING, timeout=30)
    app.clock.run_for(40_000)
    expect(app.locator("#player")).to_have_attribute("data-state", "playing")
    expect(app.locator("#overall-text")).not_to_have_text(shown)
    assert app.evaluate("window.__sameSession === true")
    expect(app.get_by_text("A new version is ready")).to_have_count(0)
    assert first_shell in app.evaluate(SHELLS)  # the running version's files are all there

    app.clock.run_for(RELIEF.total_seconds * 1000)  # to the end of the session
    expect(app.locator("#player")).to_have_attribute("data-state", "done")
    expect(app.get_by_text("A new version is ready")).to_be_visible()
    with app.expect_navigation():  # the page reloads into the new version
        app.get_by_role("button", name="Reload").click()
    wait_until(app, f"async () => !(await caches.keys()).includes('{first_shell}')", timeout=30)
    [new_shell] = app.evaluate(SHELLS)
    assert new_shell != first_shell
    assert not app.evaluate(WAITING)
