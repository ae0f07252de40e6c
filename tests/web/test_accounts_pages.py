"""Every page of accounts and diary: anonymous people are sent to sign in (or get the public
page), and no page's own words promise safety, treatment or a diagnosis."""

import re
from datetime import timedelta

import pytest
from django.urls import get_resolver
from django.utils import timezone

from stretching.screening import forbidden_phrases_in

from .factories import make_checkin, make_screen, make_session, make_user

pytestmark = pytest.mark.django_db

PUBLIC = {
    "/account/sign-up/",
    "/account/sign-in/",
    "/account/password/reset/",
    "/account/password/reset/sent/",
    "/account/password/reset/done/",
    "/account/screen/",
    "/account/check/",
    "/account/deleted/",
}
PRIVATE = {
    "/today/",
    "/checkin/",
    "/history/",
    "/account/settings/",
    "/account/consent/",
    "/account/password/",
    "/account/export/",
    "/account/export/sciatica-coach.json",
    "/account/export/sciatica-coach-csv.zip",
    "/account/export/pain-fhir.json",
    "/account/delete/",
}
POST_ONLY = {
    "/account/sign-out/",
    "/account/consent/withdraw/",
    "/account/screen/cleared/",
    "/checkin/1/delete/",
    "/account/password/reset/x/y/",
    "/account/language/",
}


def my_urls() -> set[str]:
    """Every path the accounts and diary apps answer, with sample arguments filled in."""
    paths = set()
    for include in get_resolver().url_patterns:
        namespace = getattr(include, "namespace", None)
        if namespace not in ("accounts", "diary"):
            continue
        prefix = str(include.pattern)
        for p in include.url_patterns:
            route = str(p.pattern).replace("<int:pk>", "1").replace("<uidb64>", "x")
            paths.add("/" + prefix + route.replace("<token>", "y"))
    return paths


def test_every_page_is_listed_here_as_public_private_or_post_only():
    assert my_urls() == PUBLIC | PRIVATE | POST_ONLY


@pytest.mark.parametrize("url", sorted(PRIVATE))
def test_it_sends_anonymous_people_to_sign_in(client, url):
    assert client.get(url)["Location"] == f"/account/sign-in/?next={url}"


@pytest.mark.parametrize("url", sorted(PUBLIC - {"/account/password/reset/done/"}))
def test_it_shows_public_pages_to_anonymous_people(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "<h1>" in response.content.decode()


def main_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", re.search(r"<main.*?</main>", html, re.S).group(0))


def test_no_page_says_safe_treat_cure_or_diagnose(client):
    """The footer belongs to the site; each page's own words are checked here."""
    user = make_user()
    now = timezone.now()
    session = make_session(user, started_at=now - timedelta(hours=2), hurt=("supine-butterfly",))
    make_checkin(user, at=now - timedelta(days=3), leg=7, left=4)
    make_checkin(user, at=now - timedelta(hours=1), leg=3, left=1, session=session)
    pages = {}
    for url in sorted(PUBLIC - {"/account/password/reset/done/"}):
        pages[url] = client.get(url).content.decode()
    client.force_login(user)
    for url in sorted(PRIVATE):
        if "/export/sciatica" in url or url.endswith(".json"):
            continue
        pages[url] = client.get(url).content.decode()
    pages["/checkin/?context=after"] = client.get(
        f"/checkin/?context=after&session={session.pk}"
    ).content.decode()
    pages["/checkin/ bad"] = client.post("/checkin/", {"leg_pain": "11"}).content.decode()
    make_screen(user, yes=("b5",))
    pages["screen b"] = client.get("/account/screen/").content.decode()
    pages["today b"] = client.get("/today/").content.decode()
    client.post("/account/consent/withdraw/")
    pages["checkin withdrawn"] = client.get("/checkin/").content.decode()
    pages["settings withdrawn"] = client.get("/account/settings/").content.decode()
    found = {url: forbidden_phrases_in(main_text(html)) for url, html in pages.items()}
    assert {url: words for url, words in found.items() if words} == {}
