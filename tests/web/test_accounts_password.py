"""Password reset by email, through a real SMTP server on loopback, and changing a password."""

import email
import re
import socket
import threading
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.test import override_settings

from stretching.screening import forbidden_phrases_in

from .factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "longer-walks-daily-7"


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages: list[dict] = []
        self.arrived = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's name)
        self.messages.append(
            {
                "to": envelope.rcpt_tos,
                "from": envelope.mail_from,
                "data": envelope.content.decode("utf-8", "replace"),
            }
        )
        self.arrived.set()
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    mailers = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    with override_settings(MAILERS=mailers):
        yield inbox
    controller.stop()


def _body(raw: str) -> tuple[str, str]:
    """The subject and the plain-text body of a received message."""
    message = email.message_from_string(raw, policy=policy.default)
    return message["Subject"], message.get_body(("plain",)).get_content()


def test_it_mails_a_reset_link_that_sets_a_new_password(client, smtp):
    user = make_user("alice@example.org")
    response = client.post("/account/password/reset/", {"email": "alice@example.org"}, follow=True)
    assert "Check your email" in response.content.decode()
    assert smtp.arrived.wait(10)
    [message] = smtp.messages
    assert message["to"] == ["alice@example.org"]
    subject, body = _body(message["data"])
    assert subject == "Choose a new password for Sciatica Coach"
    assert "the Sciatica Coach account for alice@example.org" in body
    assert forbidden_phrases_in(subject + body) == ()
    link = re.search(r"http://testserver(/account/password/reset/\S+/\S+/)", body).group(1)

    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert "Your new password is saved" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    again = client.get(link, follow=True)
    assert "This link no longer works" in again.content.decode()
    signed_in = client.post(
        "/account/sign-in/",
        {"username": "alice@example.org", "password": NEW_PASSWORD},
        follow=True,
    )
    assert "<h1>Today</h1>" in signed_in.content.decode()


def test_it_refuses_a_weak_new_password_from_the_reset_link(client, smtp):
    user = make_user("alice@example.org")
    client.post("/account/password/reset/", {"email": "alice@example.org"})
    assert smtp.arrived.wait(10)
    _, body = _body(smtp.messages[0]["data"])
    link = re.search(r"http://testserver(/account/password/reset/\S+/\S+/)", body).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    text = client.post(set_url, {"new_password1": "123", "new_password2": "123"}).content.decode()
    assert "This password is too short." in text
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_it_sends_nothing_for_an_unknown_address_but_says_the_same(client, smtp):
    response = client.post("/account/password/reset/", {"email": "nobody@example.org"}, follow=True)
    assert "Check your email" in response.content.decode()
    assert not smtp.arrived.wait(1)


def test_it_changes_the_password_after_checking_the_old_one(client):
    user = make_user()
    client.force_login(user)
    wrong = client.post(
        "/account/password/",
        {"old_password": "nope", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert "Your old password was entered incorrectly" in wrong.content.decode()
    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your password has been changed." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get("/account/settings/").status_code == 200  # still signed in


def test_it_refuses_mismatched_or_common_new_passwords(client):
    user = make_user()
    client.force_login(user)
    text = client.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "password1234",
            "new_password2": "password1234",
        },
    ).content.decode()
    assert "This password is too common." in text
    text = client.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD + "x",
        },
    ).content.decode()
    assert "didn’t match" in text
    assert get_user_model().objects.get().check_password(PASSWORD)


def test_it_sends_anonymous_people_from_change_password_to_sign_in(client):
    assert client.get("/account/password/")["Location"].startswith("/account/sign-in/")
