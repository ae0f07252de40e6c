"""Settings: consent is one click to withdraw and one click to give again, recorded with its
version and time; withdrawing stops collection."""

import pytest

from coach.accounts.models import CONSENT_VERSION, Consent
from coach.diary.models import CheckIn

from .factories import make_checkin, make_user

pytestmark = pytest.mark.django_db


def test_it_shows_settings_with_consent_screen_and_data_links(client):
    user = make_user("alice@example.org")
    client.force_login(user)
    text = client.get("/account/settings/").content.decode()
    assert "Signed in as alice@example.org" in text
    assert "Withdraw consent</button>" in text
    assert "You can go on to the routines." in text
    for link in ("/account/export/", "/account/password/", "/account/delete/", "/history/"):
        assert f'href="{link}"' in text


def test_it_withdraws_consent_in_one_click_and_keeps_what_was_saved(client):
    user = make_user()
    make_checkin(user)
    client.force_login(user)
    response = client.post("/account/consent/withdraw/", follow=True)
    text = response.content.decode()
    assert "You have withdrawn your consent." in text
    assert "Give consent again</button>" in text
    consent = Consent.objects.get(user=user)
    assert consent.withdrawn_at is not None
    assert CheckIn.objects.filter(user=user).count() == 1
    assert "consent is withdrawn" in client.get("/today/").content.decode()


def test_it_records_consent_again_with_version_and_time(client):
    user = make_user(consent=False)
    client.force_login(user)
    page = client.get("/account/consent/").content.decode()
    assert "Please read before you go on." in page and "I agree: store my diary" in page
    response = client.post("/account/consent/", {"next": "/checkin/"})
    assert response["Location"] == "/checkin/"
    consent = Consent.objects.get(user=user)
    assert consent.version == CONSENT_VERSION and consent.withdrawn_at is None
    assert "Save check-in" in client.get("/checkin/").content.decode()


def test_it_keeps_every_consent_given_and_withdrawn(client):
    user = make_user()
    client.force_login(user)
    client.post("/account/consent/withdraw/")
    client.post("/account/consent/")
    client.post("/account/consent/")  # a double click records nothing more
    consents = list(Consent.objects.filter(user=user).order_by("given_at", "pk"))
    assert len(consents) == 2
    assert consents[0].withdrawn_at is not None and consents[1].withdrawn_at is None


def test_it_only_withdraws_the_signed_in_persons_consent(client):
    owner = make_user("owner@example.org")
    client.force_login(make_user("stranger@example.org"))
    client.post("/account/consent/withdraw/")
    assert Consent.objects.get(user=owner).withdrawn_at is None


def test_it_withdraws_on_post_only(client):
    user = make_user()
    client.force_login(user)
    assert client.get("/account/consent/withdraw/").status_code == 405
    assert Consent.objects.get(user=user).withdrawn_at is None


@pytest.mark.parametrize("url", ["/account/settings/", "/account/consent/"])
def test_it_sends_anonymous_people_to_sign_in(client, url):
    assert client.get(url)["Location"] == f"/account/sign-in/?next={url}"


def test_it_sends_an_anonymous_withdrawal_to_sign_in(client):
    response = client.post("/account/consent/withdraw/")
    assert response["Location"].startswith("/account/sign-in/")
