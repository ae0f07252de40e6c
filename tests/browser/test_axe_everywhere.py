"""axe on every page the app serves, in English and in Spanish: for a visitor, a person, a
clinician, with form errors on show and with the player running. Zero violations of any
impact, not only the serious ones; no request leaves the app and no script fails.

The pages are the ones tests/web/test_no_english_left.py reads (which checks that every address
the app answers is among them), so a new page is checked here too."""

import pytest
from django.conf import settings
from django.test import Client

from tests.web.clinic_factories import person_with_clinician, sign_in_clinician
from tests.web.factories import make_user
from tests.web.test_no_english_left import (
    CLINICIAN_PAGES,
    NEW_CLINICIAN_PAGES,
    PERSON_PAGES,
    VISITOR_PAGES,
)

from .conftest import axe_violations, phone_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=["en", "es"])
def lang_page(request, browser, browser_context_args, live_server):
    """A phone-sized page whose browser asks for English or Spanish."""
    with phone_in(browser, browser_context_args, live_server, request.param) as page:
        # the lists hold the app's 404 and 400 pages on purpose: their status is logged
        page.allowed_errors = ["Failed to load resource"]
        yield page


def signed_in_as(page, client: Client) -> None:
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": page.base,
            }
        ]
    )


def violations_on(page, paths: list[str]) -> dict[str, list[str]]:
    found = {}
    for path in paths:
        page.goto(page.base + path)
        assert page.locator("html").get_attribute("lang") == page.lang, path
        if problems := axe_violations(page, serious_only=False):
            found[path] = problems
    return found


@pytest.fixture
def people():
    return person_with_clinician()


def _fill(paths, person, routine):
    return [p.format(patient=person.pk, routine=routine.routine_id) for p in paths]


def test_every_visitors_page(lang_page):
    assert violations_on(lang_page, VISITOR_PAGES) == {}


def test_every_persons_page_and_the_player_running(lang_page, people):
    person, _clinician, routine = people
    client = Client()
    client.force_login(person)
    signed_in_as(lang_page, client)
    assert violations_on(lang_page, _fill(PERSON_PAGES, person, routine)) == {}
    lang_page.goto(lang_page.base + "/routines/relief-sequence/play/")
    lang_page.click("#start")
    lang_page.wait_for_selector("#stage:not([hidden])")
    lang_page.wait_for_timeout(1500)  # a step or two in
    assert axe_violations(lang_page, serious_only=False) == []


def test_every_clinicians_page(lang_page, people):
    person, clinician, routine = people
    desk = Client()
    sign_in_clinician(desk, clinician)
    signed_in_as(lang_page, desk)
    assert violations_on(lang_page, _fill(CLINICIAN_PAGES, person, routine)) == {}
    newcomer = Client()
    newcomer.force_login(make_user("new@clinic.example", consent=False, screened=False))
    lang_page.context.clear_cookies()
    signed_in_as(lang_page, newcomer)
    assert violations_on(lang_page, NEW_CLINICIAN_PAGES) == {}


def test_forms_with_their_errors_shown(lang_page, people):
    page = lang_page
    page.goto(page.base + "/account/sign-in/")
    page.fill("input[type=email]", "ana@example.org")
    page.fill("input[type=password]", "not-the-password")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_selector(".errorlist, [role=alert], .notice-danger")
    assert axe_violations(page, serious_only=False) == []

    page.goto(page.base + "/account/sign-up/")
    page.fill("input[type=email]", "not-an-address@")
    page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_selector(".errorlist, [role=alert], .notice-danger")
    assert axe_violations(page, serious_only=False) == []

    person = people[0]
    client = Client()
    client.force_login(person)
    signed_in_as(page, client)
    page.goto(page.base + "/checkin/")
    page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_selector(".errorlist, [role=alert], .notice-danger")
    assert axe_violations(page, serious_only=False) == []
