"""No page that shows a person's data may be kept by a shared cache or stored by the browser:
every answer to a signed-in person, or to a guest with a session, says `private, no-store`."""

import pytest

from .factories import all_no, make_checkin, make_session, make_user

pytestmark = pytest.mark.django_db

SIGNED_IN_PAGES = [
    "/",
    "/today/",
    "/history/",
    "/checkin/",
    "/account/settings/",
    "/account/consent/",
    "/account/password/",
    "/account/screen/",
    "/account/check/",
    "/account/export/",
    "/account/delete/",
    "/routines/relief-sequence/",
    "/routines/relief-sequence/play/",
    "/exercises/standing-glute-squeeze/",
    "/checkin/?context=after&session={session}",
]
DOWNLOADS = [
    "/account/export/sciatica-coach.json",
    "/account/export/sciatica-coach-csv.zip",
    "/account/export/pain-fhir.json",
]


@pytest.fixture
def alice(client):
    user = make_user()
    make_checkin(user)
    session = make_session(user)
    client.force_login(user)
    return session


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_it_keeps_every_page_of_a_signed_in_person_out_of_caches(client, alice, path):
    response = client.get(path.format(session=alice.pk))
    assert response.status_code in (200, 302), path
    assert {"private", "no-store"} <= cache_control(response)


@pytest.mark.parametrize("path", DOWNLOADS)
def test_it_keeps_the_downloads_of_a_persons_data_out_of_storage(client, alice, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" in cache_control(response)


def test_it_keeps_the_results_endpoints_answer_to_a_person_private(client, alice):
    response = client.post(
        "/api/sessions/", "{}", content_type="application/json", HTTP_IDEMPOTENCY_KEY="abcdefgh12"
    )
    assert response["Content-Type"] == "application/json"
    assert {"private", "no-store"} <= cache_control(response)


def test_it_keeps_a_guests_answers_and_player_out_of_caches(client):
    answered = client.post("/account/screen/", {qid: "no" for qid in all_no()})
    assert {"private", "no-store"} <= cache_control(answered)
    player = client.get("/routines/relief-sequence/play/")
    assert player.status_code == 200
    assert {"private", "no-store"} <= cache_control(player)


def test_it_leaves_public_pages_cacheable_for_a_visitor_without_a_session(client):
    for path in ("/", "/routines/relief-sequence/", "/exercises/standing-glute-squeeze/"):
        response = client.get(path)
        assert response.status_code == 200
        assert "no-store" not in cache_control(response), path
    assert not client.cookies.get("sessionid")


def test_it_keeps_the_public_drawings_cacheable_for_everyone(client, alice):
    response = client.get("/figures/standing-glute-squeeze.svg")
    assert cache_control(response) == {"max-age=86400", "public"}


def test_it_keeps_the_sign_in_pause_page_out_of_caches(client):
    make_user("bob@example.org")
    for _ in range(5):
        response = client.post(
            "/account/sign-in/", {"username": "bob@example.org", "password": "nope"}
        )
    assert response.status_code == 429
    assert "no-store" in cache_control(response)
