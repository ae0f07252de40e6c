"""Every page in Spanish, read as a Spanish speaker reads it: no English sentence left.

Each page is fetched with a Spanish browser (Accept-Language: es), its visible text taken (no
tags, scripts, styles or attribute values other than those read out: alt, aria-label, title,
placeholder), and searched for common English words that Spanish never uses. A page listed here
that still says "Start your session" fails with the sentence it was found in. Every address the
app answers is either read here or named in NOT_PAGES with why (files, feeds, JSON, forms that
only take a POST), so a new page cannot slip past."""

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from .clinic_factories import person_with_clinician, sign_in_clinician
from .factories import make_user

pytestmark = pytest.mark.django_db

# Short, frequent English words that are not Spanish words (so "no", "a", "me", "son" are out).
ENGLISH = {
    "the", "and", "your", "you", "with", "this", "that", "what", "are", "have", "will",
    "when", "how", "from", "please", "which", "would", "could", "should", "been", "was",
    "were", "they", "their", "our", "it's", "don't", "can't", "isn't", "doesn't", "here",
    "there", "about", "after", "before", "today", "sign", "back", "next", "save", "start",
    "delete", "stop", "pain", "leg", "hold", "stretch", "stretches", "session", "sessions",
    "routine", "routines", "settings", "history", "account", "password", "email",
}  # fmt: skip
READ_OUT = ("alt", "aria-label", "title", "placeholder", "value")
# Not words to translate: the product's name, the language chooser's own names, the address
# format an example shows.
ALLOWED = ("Sciatica Coach", "English", "you@example.org")


class VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template", "code", "pre"):
            self._skip += 1
        attrs = dict(attrs)
        kind = attrs.get("type", "")
        for name in READ_OUT:
            value = attrs.get(name)
            if not value or (name == "value" and kind not in ("submit", "button")):
                continue
            self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "code", "pre") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def english_left(html: str) -> list[str]:
    """The bits of visible text holding an English word, with the word."""
    parser = VisibleText()
    parser.feed(html)
    found = []
    for part in parser.parts:
        text = " ".join(part.split())
        for allowed in ALLOWED:
            text = text.replace(allowed, "")
        words = {w.lower() for w in re.findall(r"[A-Za-z']+", text)}
        hits = sorted(words & ENGLISH)
        if hits:
            found.append(f"{hits}: {text[:120]}")
    return found


VISITOR_PAGES = [
    "/",
    "/routines/relief-sequence/",
    "/routines/morning-hamstring/",
    "/exercises/bedside-seated-hamstring/",
    "/exercises/supine-leg-on-chair-rest/",
    "/figures/",
    "/learn/",
    "/learn/what-sciatica-is/",
    "/account/sign-up/",
    "/account/sign-in/",
    "/account/screen/",
    "/account/password/reset/",
    "/account/password/reset/sent/",
    "/account/password/reset/done/",
    "/account/password/reset/MQ/not-a-token/",
    "/reminders/tips/sent/",
    "/reminders/tips/confirm/not-a-token/",
    "/reminders/unsubscribe/not-a-token/",
    "/account/deleted/",
    "/offline/",
    "/routines/nope/",
    "/exercises/knees-to-chets/",
    "/learn/nope/",
    "/no-such-page/",
]
PERSON_PAGES = [
    "/routines/relief-sequence/play/",
    "/routines/morning-hamstring/play/",
    "/today/",
    "/checkin/",
    "/history/?days=30",
    "/history/?days=all",
    "/account/settings/",
    "/account/consent/",
    "/account/check/",
    "/account/export/",
    "/account/delete/",
    "/account/password/",
    "/account/api-tokens/",
    "/reminders/",
    "/account/settings/sharing/",
    "/account/settings/access-log/",
    "/my-routines/{routine}/",
    "/my-routines/{routine}/play/",
]
CLINICIAN_PAGES = [
    "/clinic/",
    "/clinic/team/",
    "/clinic/invites/",
    "/clinic/patients/{patient}/",
    "/clinic/patients/{patient}/routines/new/",
    "/clinic/patients/{patient}/routines/{routine}/",
    "/clinic/patients/{patient}/routines/{routine}/versions/",
]
NEW_CLINICIAN_PAGES = ["/clinic/setup/", "/clinic/verify/", "/clinic/join/not-a-token/"]
NOT_PAGES = {
    # Machine-readable: JSON, files, feeds and the service worker, read by programs.
    "healthz": "a health check for the server's monitor",
    "api/": "the JSON API (its reference page is English for developers, see docs/api.md)",
    "sw.js": "the service worker script",
    "manifest.webmanifest": "the install manifest",
    "offline/quick-check.json": "JSON for the offline player",
    "api/sessions/": "the player's JSON results endpoint",
    ".ics": "calendar files",
    ".svg": "drawings (their titles come from the catalogue, checked in Spanish by the core)",
    ".pdf": "printed handouts (checked in Spanish by the clinic and practice tests)",
    ".json": "downloads",
    ".zip": "downloads",
    # Only ever posted to; each answers with a redirect to a page read above.
    "account/sign-out/": "a POST",
    "account/language/": "a POST",
    "account/consent/withdraw/": "a POST",
    "account/screen/cleared/": "a POST (a clinician's go-ahead, from the screen's result)",
    "reminders/pause/": "a POST",
    "reminders/snooze/": "a POST",
    "reminders/calendar/": "a POST",
    "reminders/push/": "a POST",
    "reminders/tips/": "a POST",
    "account/api-tokens/<int:pk>/revoke": "a POST",
    "checkin/<int:pk>/delete/": "a POST",
    "plan/": "a POST",
    "account/settings/sharing/confirm/": "a POST",
    "account/settings/sharing/<int:pk>/stop/": "a POST",
    "/remove/": "a POST",
    "/sessions/": "a POST (the clinic player's results)",
    "clinic/recovery-codes/": "a POST (new codes are shown once, on the page that made them)",
}


def _spanish(client, path: str) -> str:
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code in (200, 400, 404, 410), (path, response.status_code)
    html = response.content.decode()
    assert '<html lang="es"' in html, path
    # Numbers the browser reads (a chart's coordinates, a field's value) keep their point:
    # "3,5" is no length and no number.
    assert re.findall(r'(?<!points)="-?\d+,\d+"', html) == [], path
    return html


@pytest.fixture
def person_and_routine():
    return person_with_clinician()


def _fill(path: str, person, routine) -> str:
    return path.format(patient=person.pk, routine=routine.routine_id)


@pytest.mark.parametrize("path", VISITOR_PAGES)
def test_a_visitors_page_in_spanish_has_no_english_left(client, path):
    assert english_left(_spanish(client, path)) == []


@pytest.mark.parametrize("path", PERSON_PAGES)
def test_a_persons_page_in_spanish_has_no_english_left(client, path, person_and_routine):
    person, _clinician, routine = person_and_routine
    client.force_login(person)
    assert english_left(_spanish(client, _fill(path, person, routine))) == []


@pytest.mark.parametrize("path", CLINICIAN_PAGES)
def test_a_clinicians_page_in_spanish_has_no_english_left(path, person_and_routine):
    person, clinician, routine = person_and_routine
    desk = Client()
    sign_in_clinician(desk, clinician)
    assert english_left(_spanish(desk, _fill(path, person, routine))) == []


@pytest.mark.parametrize("path", NEW_CLINICIAN_PAGES)
def test_a_new_clinicians_page_in_spanish_has_no_english_left(client, path):
    client.force_login(make_user("new@clinic.example", consent=False, screened=False))
    assert english_left(_spanish(client, path)) == []


def _routes(patterns, prefix: str = "") -> Iterator[str]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def _as_route(path: str) -> str:
    return path.split("?")[0].lstrip("/")


def test_every_page_the_app_serves_is_read_in_spanish_here():
    read = [
        _as_route(p) for p in VISITOR_PAGES + PERSON_PAGES + CLINICIAN_PAGES + NEW_CLINICIAN_PAGES
    ]
    shapes = [re.sub(r"<[^>]+>", "[^/]+", route) for route in _routes(get_resolver().url_patterns)]
    unread = []
    for route, shape in zip(_routes(get_resolver().url_patterns), shapes, strict=True):
        if any(marker in route for marker in NOT_PAGES):
            continue
        pattern = re.compile(shape + "$")
        filled = [re.sub(r"\{[a-z]+\}", "1", p) for p in read]
        if not any(pattern.match(p) for p in filled):
            unread.append(route)
    assert unread == []


def test_the_check_finds_an_english_sentence():
    assert english_left("<p>Start your session</p><p>Empieza la sesión</p>") == [
        "['session', 'start', 'your']: Start your session"
    ]
    assert english_left('<img alt="The drawing"><script>const the = 1;</script>') == [
        "['the']: The drawing"
    ]
