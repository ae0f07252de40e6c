"""The first page: every routine with its total time."""

import pytest


@pytest.mark.django_db
def test_home_lists_all_8_routines_with_total_time(client):
    response = client.get("/")
    text = response.content.decode()
    assert response.status_code == 200
    for name in (
        "Relief sequence",
        "Resting add-on",
        "Morning hamstring",
        "Hamstring trio",
        "Hip flexor",
        "Back and hip",
        "Legs",
        "Daily warm-up",
    ):
        assert name in text
    assert "8:07" in text
    assert text.index("Relief sequence") < text.index("Hip flexor") < text.index("Daily warm-up")
    assert "not medical advice" in text


def test_pages_forbid_every_third_party_origin(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "http" not in csp


@pytest.mark.django_db
def test_home_offers_create_an_account_beside_sign_in_to_a_guest(client):
    text = client.get("/").content.decode()
    main = text.split('<main id="main">')[1]
    sign_up = '<a class="btn" href="/account/sign-up/">Create an account</a>'
    sign_in = '<a class="btn" href="/account/sign-in/">Sign in</a>'
    assert sign_up in main and sign_in in main
    assert main.index(sign_in) - main.index(sign_up) < 120  # side by side


@pytest.mark.django_db
def test_home_offers_no_account_links_to_a_person_signed_in(client):
    from .factories import make_user

    client.force_login(make_user())
    main = client.get("/").content.decode().split('<main id="main">')[1]
    assert "Create an account" not in main and "/account/sign-in/" not in main
