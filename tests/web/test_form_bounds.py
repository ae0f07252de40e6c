"""Every form field is bounded before it reaches the database: an over-long email, password or
note gets a plain error next to the field and saves nothing, on SQLite and PostgreSQL alike."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model

from coach.diary.models import CheckIn

from .factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db
User = get_user_model()

LONG_EMAIL = "a" * 1000 + "@example.org"
LONG_PASSWORD = "x" * 1025


def test_it_refuses_a_thousand_character_email_at_sign_in_without_touching_the_lockout(client):
    make_user("alice@example.org")
    response = client.post("/account/sign-in/", {"username": LONG_EMAIL, "password": "nope"})
    assert response.status_code == 200
    assert "An email address here has at most 150 characters." in response.content.decode()
    assert not AccessAttempt.objects.exists()
    assert "_auth_user_id" not in client.session


def test_it_refuses_an_over_long_password_at_sign_in(client):
    make_user("alice@example.org")
    response = client.post(
        "/account/sign-in/", {"username": "alice@example.org", "password": LONG_PASSWORD}
    )
    assert "A password here has at most 1,024 characters." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_sign_in_page_tells_the_browser_the_limits(client):
    page = client.get("/account/sign-in/").content.decode()
    assert 'maxlength="150"' in page and 'maxlength="1024"' in page


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        (LONG_EMAIL, PASSWORD, "An email address here has at most 150 characters."),
        ("new@example.org", LONG_PASSWORD, "A password here has at most 1,024 characters."),
    ],
)
def test_it_refuses_over_long_sign_up_input(client, email, password, message):
    response = client.post(
        "/account/sign-up/", {"email": email, "password": password, "consent": "on"}
    )
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_it_refuses_an_over_long_address_for_a_password_reset(client):
    response = client.post("/account/password/reset/", {"email": LONG_EMAIL})
    assert response.status_code == 200
    assert "at most 254 characters" in response.content.decode()


def test_it_refuses_over_long_passwords_when_changing_it(client):
    user = make_user()
    client.force_login(user)
    text = client.post(
        "/account/password/",
        {"old_password": LONG_PASSWORD, "new_password1": LONG_PASSWORD, "new_password2": "x"},
    ).content.decode()
    assert "A password here has at most 1,024 characters." in text
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_it_refuses_an_over_long_password_before_deleting_the_account(client):
    user = make_user()
    client.force_login(user)
    text = client.post("/account/delete/", {"password": LONG_PASSWORD}).content.decode()
    assert "A password here has at most 1,024 characters." in text
    assert User.objects.filter(pk=user.pk).exists()


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("n" * 2001, "Please keep the note to 2000 characters or fewer (it has 2001)."),
        ("before\x00after", "Null characters are not allowed."),
    ],
)
def test_it_refuses_a_note_the_database_could_not_hold(client, note, message):
    client.force_login(make_user())
    response = client.post(
        "/checkin/",
        {"leg_pain": "3", "back_pain": "2", "extent_left": "0", "extent_right": "0", "note": note},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CheckIn.objects.exists()
