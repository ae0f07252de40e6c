"""The language a page speaks: the browser's until a person picks one on any page; a signed-in
person's pick follows them to another device."""

import pytest
from django.test import Client

from coach.accounts.models import LanguageChoice
from tests.web.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def lang_of(response) -> str:
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


def test_a_page_follows_the_browsers_language_and_offers_both(client):
    assert lang_of(client.get("/")) == "en"
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9,en;q=0.5")
    assert lang_of(page) == "es"
    assert page["Content-Language"] == "es"
    body = page.content.decode()
    assert "Idioma" in body
    assert 'value="en" lang="en"' in body and 'value="es" lang="es"' in body


def test_a_visitors_pick_is_kept_on_this_device_and_brings_them_back(client):
    response = client.post("/account/language/", {"language": "es", "next": "/learn/"})
    assert response.status_code == 302 and response["Location"] == "/learn/"
    assert lang_of(client.get("/")) == "es"
    # Only a page on this site is a place to go back to.
    response = client.post(
        "/account/language/", {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    assert lang_of(client.get("/", HTTP_ACCEPT_LANGUAGE="es")) == "en"


def test_an_unknown_language_is_refused_with_the_choices():
    response = Client().post("/account/language/", {"language": "klingon"})
    assert response.status_code == 400
    assert "choose one of en, es" in response.content.decode()


def test_a_signed_in_persons_pick_follows_them_to_another_device():
    alice = make_user("alice@example.org")
    phone = Client()
    phone.force_login(alice)
    phone.post("/account/language/", {"language": "es", "next": "/today/"})
    assert LanguageChoice.objects.get(user=alice).language == "es"

    laptop = Client(HTTP_ACCEPT_LANGUAGE="en-GB")
    assert lang_of(laptop.get("/")) == "en"
    laptop.post("/account/sign-in/", {"username": "alice@example.org", "password": PASSWORD})
    assert lang_of(laptop.get("/")) == "es"
