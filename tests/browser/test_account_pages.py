"""The account and diary pages in a phone-sized browser: no serious accessibility problem."""

import pytest
from django.conf import settings
from django.test import Client

from tests.web.factories import make_checkin, make_user

from .conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANONYMOUS = [
    "/account/sign-up/",
    "/account/sign-in/",
    "/account/screen/",
    "/account/check/",
    "/account/password/reset/",
]
SIGNED_IN = [
    "/today/",
    "/checkin/",
    "/history/?days=30",
    "/account/settings/",
    "/account/export/",
    "/account/delete/",
    "/account/password/",
]


@pytest.mark.parametrize("path", ANONYMOUS)
def test_the_page_for_a_visitor_has_no_serious_accessibility_violation(phone, path):
    phone.goto(phone.base + path)
    assert axe_violations(phone) == []


@pytest.fixture
def signed_in(phone, context):
    user = make_user()
    make_checkin(user)
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": phone.base,
            }
        ]
    )
    return phone


@pytest.mark.parametrize("path", SIGNED_IN)
def test_the_page_for_a_person_has_no_serious_accessibility_violation(signed_in, path):
    signed_in.goto(signed_in.base + path)
    assert "/sign-in/" not in signed_in.url
    screenshot(signed_in, "account" + path.strip("/").replace("/", "-").split("?")[0])
    assert axe_violations(signed_in) == []
