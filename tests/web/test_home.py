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
    assert "6:47" in text
    assert text.index("Relief sequence") < text.index("Hip flexor") < text.index("Daily warm-up")
    assert "not medical advice" in text


def test_pages_forbid_every_third_party_origin(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "http" not in csp
