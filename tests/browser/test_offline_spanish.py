"""The installed app offline for a Spanish browser: a kept page says it is a kept copy in
Spanish, a check-in made with no connection says in Spanish that it is kept on the phone, and
the quick safety check the phone asks before a session started offline asks the core's Spanish
questions and shows its Spanish words."""

import pytest
from django.test import Client
from django.utils import translation
from playwright.sync_api import expect

from coach.diary.models import CheckIn
from coach.lib.site_words import site_words
from stretching import gate, screening
from tests.web.factories import make_recheck, make_user

from .conftest import OFFLINE_ERRORS, SPEECH_STUB
from .offline_app import PLAYER, wait_for_worker, wait_until_kept

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

with translation.override("es"):
    PALABRAS = site_words()


@pytest.fixture
def telefono(browser, browser_context_args, live_server):
    """A phone whose browser asks for Spanish, with the service worker allowed to run, signed
    in as Alicia; checked as the `app` page is (no request leaves the app, no error but a
    refused request while the network is cut)."""
    context = browser.new_context(
        **{**browser_context_args, "service_workers": "allow", "locale": "es"}
    )
    context.add_init_script(SPEECH_STUB)
    alicia = make_user("alicia@example.org")
    client = Client()
    client.force_login(alicia)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.base = live_server.url
    page.person = alicia
    errors: list[str] = []
    context.on("weberror", lambda e: errors.append(str(e.error)))
    context.on("console", lambda m: m.type == "error" and errors.append(m.text))
    yield page
    context.close()
    errors = [e for e in errors if not any(a in e for a in OFFLINE_ERRORS)]
    assert not errors, f"the page reported errors: {errors}"


def open_and_keep(page, path: str) -> None:
    """Open `path` online (in Spanish) and wait until the service worker has kept it."""
    page.goto(f"{page.base}{path}")
    assert page.locator("html").get_attribute("lang") == "es"
    wait_for_worker(page)
    wait_until_kept(page, path)


def test_a_check_in_made_offline_says_in_spanish_that_it_is_kept_on_the_phone(telefono):
    page = telefono
    open_and_keep(page, "/checkin/")
    page.context.set_offline(True)
    page.goto(f"{page.base}/checkin/")
    expect(page.locator(".offline-note")).to_contain_text(
        "Sin conexión: se muestra lo que se guardó a las"
    )
    for name, value in [("leg_pain", "3"), ("back_pain", "2"), ("extent_left", "2")]:
        page.locator(f'input[name="{name}"][value="{value}"]').check(force=True)
    page.locator('input[name="extent_right"][value="0"]').check(force=True)
    page.locator("form.checkin button[type=submit]").click()
    kept = PALABRAS["keptOffline"].replace("{what}", "Tu registro")
    expect(page.get_by_role("status").filter(has_text=kept)).to_be_visible()
    expect(page.locator("#queue-status")).to_have_text(PALABRAS["queuedOne"].replace("{n}", "1"))
    assert not CheckIn.objects.exists()


def test_the_quick_check_asked_offline_before_a_session_is_in_spanish(telefono):
    page = telefono
    make_recheck(page.person)  # answered online today: the server serves the player
    open_and_keep(page, PLAYER)
    page.context.set_offline(True)
    page.goto(f"{page.base}{PLAYER}")
    expect(page.locator(".offline-note")).to_be_visible()
    page.get_by_role("button", name="Empezar").click()

    check = page.locator("#offline-check")
    heading = gate.quick_check_question("es")
    expect(check.get_by_role("heading", name=heading)).to_be_visible()
    expect(check).to_contain_text(PALABRAS["checkOffline"])
    spanish = screening.words("es").tier("A")
    for question in spanish:
        expect(check.get_by_label(question.text)).to_be_visible()
    expect(check.get_by_role("button", name=PALABRAS["noneOfThese"])).to_be_visible()

    check.get_by_label(spanish[0].text).check()
    check.get_by_role("button", name=PALABRAS["tickedSome"]).click()
    emergency = screening.recheck([spanish[0].id], "es")
    expect(check.get_by_role("heading", name=emergency.headline)).to_be_visible()
    expect(check).to_contain_text(emergency.message)
    expect(check).to_contain_text(PALABRAS["lockedUntilOnline"])
    expect(check).to_contain_text(PALABRAS["noSessionToday"])
    expect(page.locator("#stage")).to_be_hidden()
