"""The installable app's server side: the manifest, the service worker at the site root, the
offline page and the quick safety check as data, and what every page links to."""

import json
import re
from pathlib import Path

import pytest
from django.test import Client

from coach import pwa
from stretching import catalogue
from stretching.screening import EMERGENCY_MESSAGE, TIER_A

from .factories import make_user

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PRECACHE_BUDGET = 300_000  # bytes, 1 KB = 1000 bytes (docs/benchmarks.md)


def worker_constant(body: str, name: str):
    match = re.search(rf"^const {name} = (.*);$", body, re.MULTILINE)
    assert match, f"no {name} in the worker"
    return json.loads(match.group(1))


def test_the_worker_is_served_from_the_root_as_javascript_that_is_always_revalidated(client):
    answer = client.get("/sw.js")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/javascript")
    assert answer["Cache-Control"] == "no-cache"
    assert answer["Service-Worker-Allowed"] == "/"
    assert "'self'" in answer["Content-Security-Policy"]
    assert "unsafe-inline" not in answer["Content-Security-Policy"]


def test_the_worker_precaches_every_script_style_icon_drawing_and_the_offline_page(client):
    precache = worker_constant(client.get("/sw.js").content.decode(), "PRECACHE")
    for name in ["coach/site.css", "coach/outbox.js", "coach/pwa.js", "practice/player.js"]:
        assert f"/static/{name}" in precache
    for icon in ["icon-192.png", "icon-512.png", "maskable-512.png"]:
        assert f"/static/coach/icons/{icon}" in precache
    for exercise_id in catalogue.default().exercises:
        assert f"/figures/{exercise_id}.svg" in precache
    assert "/figures/standing-glute-squeeze--toes-out.svg" in precache  # the second set's
    assert {"/offline/", "/offline/quick-check.json", "/manifest.webmanifest"} <= set(precache)
    assert all(url.startswith("/") and not url.startswith("//") for url in precache)


def test_everything_precached_loads_and_stays_within_its_budget(client):
    precache = worker_constant(client.get("/sw.js").content.decode(), "PRECACHE")
    total = 0
    for url in precache:
        answer = client.get(url)
        assert answer.status_code == 200, url
        body = b"".join(answer.streaming_content) if answer.streaming else answer.content
        total += len(body)
    assert 100_000 < total <= PRECACHE_BUDGET


def test_a_new_release_or_a_changed_file_makes_a_new_worker_version(client, settings):
    version = worker_constant(client.get("/sw.js").content.decode(), "VERSION")
    assert re.fullmatch(r"[0-9a-f]{12}", version)
    assert worker_constant(client.get("/sw.js").content.decode(), "VERSION") == version
    settings.PWA_RELEASE = "next"
    assert worker_constant(client.get("/sw.js").content.decode(), "VERSION") != version


def test_the_manifest_starts_at_today_standalone_in_the_sites_own_colours(client):
    answer = client.get("/manifest.webmanifest")
    assert answer["Content-Type"] == "application/manifest+json"
    manifest = answer.json()
    assert manifest["name"] == "Sciatica Coach" and manifest["short_name"]
    assert (manifest["start_url"], manifest["display"], manifest["scope"]) == (
        "/today/",
        "standalone",
        "/",
    )
    css = (ROOT / "coach/static/coach/site.css").read_text()
    assert f"--accent: {manifest['theme_color']};" in css
    assert f"--bg: {manifest['background_color']};" in css
    sizes = {(i["sizes"], i["purpose"]) for i in manifest["icons"]}
    assert sizes == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for icon in manifest["icons"]:
        png = client.get(icon["src"])
        body = b"".join(png.streaming_content)
        assert body[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(body[16:20]), int.from_bytes(body[20:24])
        assert f"{width}x{height}" == icon["sizes"]


def test_every_page_links_the_manifest_the_theme_colour_the_touch_icon_and_the_app_script():
    alice = make_user()
    signed_in = Client()
    signed_in.force_login(alice)
    theme = Client().get("/manifest.webmanifest").json()["theme_color"]
    for client, url in [(Client(), "/"), (Client(), "/learn/"), (signed_in, "/today/")]:
        page = client.get(url).content.decode()
        assert '<link rel="manifest" href="/manifest.webmanifest?lang=en">' in page
        assert f'<meta name="theme-color" content="{theme}">' in page
        assert 'rel="apple-touch-icon" href="/static/coach/icons/apple-touch-icon.png"' in page
        assert 'src="/static/coach/pwa.js"' in page
        assert 'id="queue-status"' in page


def test_each_page_says_whose_it_is_as_the_queue_and_the_server_name_them():
    alice = make_user()
    client = Client()
    assert '<meta name="sciatica-owner" content="guest">' in client.get("/").content.decode()
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert f'<meta name="sciatica-owner" content="user:{alice.pk}">' in page


def test_the_offline_page_names_no_one_and_says_what_is_kept(client):
    page = client.get("/offline/").content.decode()
    assert '<meta name="sciatica-owner" content="">' in page
    assert "You are offline" in page
    assert "kept on this phone and sent when you are back online" in page


def test_the_quick_check_data_carries_the_servers_own_questions_and_words(client):
    data = client.get("/offline/quick-check.json").json()
    assert [q["id"] for q in data["questions"]] == [q.id for q in TIER_A]
    assert data["outcomes"]["emergency"]["message"] == EMERGENCY_MESSAGE
    assert data["url"] == "/account/check/"
    outcomes = {q["id"]: q["outcome"] for q in data["questions"]}
    assert set(outcomes.values()) <= {"emergency", "see-clinician"}
    assert outcomes["a1"] == "emergency"


def test_the_worker_keeps_todays_routines_learn_and_the_check_in_pages():
    kept = pwa.kept_pages()
    assert {"/", "/today/", "/checkin/"} <= set(kept["exact"])
    assert {"/routines/", "/learn/"} <= set(kept["prefixes"])
    assert "/checkin/?context=after" in kept["companions"]["/today/"]


def test_the_worker_brings_in_the_reminder_push_handlers(client):
    body = client.get("/sw.js").content.decode()
    assert re.search(r'^import "/static/coach/sw_push[^"]*\.js";', body, re.MULTILINE)
