"""The offline layer in the page's language: the quick safety check kept for a session started
offline comes in each language at its own address (the core's own Spanish, nothing rewritten),
and every page carries its scripts' words (the site-words JSON) in its language, the scripts'
English fallback being the same English."""

import json
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from coach.lib.site_words import site_words
from stretching import gate, screening

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
CHECK = "/offline/quick-check.json"


def check(client, query: str = "") -> dict:
    answer = client.get(f"{CHECK}{query}")
    assert answer.status_code == 200
    assert answer["Cache-Control"] == "no-cache"
    return answer.json()


def core_check(lang: str) -> dict:
    """What the core says for the quick check in `lang`: each question, and each outcome's
    headline and message, as stretching's own functions give them."""
    questions = screening.words(lang).tier("A")
    outcomes = {}
    for q in questions:
        result = screening.recheck([q.id], lang)
        outcomes[result.status] = {"headline": result.headline, "message": result.message}
    return {
        "title": gate.quick_check_question(lang),
        "questions": [(q.id, q.text, q.help) for q in questions],
        "outcomes": outcomes,
    }


def said(data: dict) -> dict:
    return {
        "title": data["title"],
        "questions": [(q["id"], q["text"], q["help"]) for q in data["questions"]],
        "outcomes": data["outcomes"],
    }


def test_the_spanish_quick_check_asks_the_cores_spanish_questions_with_its_spanish_outcomes(
    client,
):
    spanish = check(client, "?lang=es")
    assert spanish["lang"] == "es"
    assert said(spanish) == core_check("es")
    english = core_check("en")
    assert spanish["title"] != english["title"]
    assert [q["text"] for q in spanish["questions"]] != [t for _, t, _ in english["questions"]]
    assert spanish["outcomes"]["emergency"]["headline"] != screening.EMERGENCY_HEADLINE
    # The same ids, the same outcome for each, and the same place to send the answer.
    assert [(q["id"], q["outcome"]) for q in spanish["questions"]] == [
        (q["id"], q["outcome"]) for q in check(client)["questions"]
    ]
    assert spanish["url"] == "/account/check/"


def test_english_stays_english_and_an_unknown_language_falls_back_to_it(client):
    english = check(client, "?lang=en")
    assert said(english) == core_check("en")
    assert english["title"] == gate.QUICK_CHECK_QUESTION
    assert [q["text"] for q in english["questions"]] == [q.text for q in screening.TIER_A]
    assert check(client) == english  # the plain address answers in English
    for unknown in ("?lang=xx", "?lang=", "?lang=../es"):
        assert check(client, unknown) == english
    assert check(client, "?lang=es-MX")["lang"] == "es"


def test_the_worker_keeps_the_quick_check_in_every_language(client):
    body = client.get("/sw.js").content.decode()
    precache = json.loads(re.search(r"^const PRECACHE = (.*);$", body, re.MULTILINE).group(1))
    assert {CHECK, f"{CHECK}?lang=en", f"{CHECK}?lang=es"} <= set(precache)
    assert check(client, "?lang=es")["title"] == gate.quick_check_question("es")


def island(page: str) -> dict:
    found = re.search(r'<script id="site-words" type="application/json">(.*?)</script>', page)
    assert found, "no site-words on the page"
    return json.loads(found.group(1))


def test_a_spanish_page_carries_the_scripts_words_in_spanish_and_an_english_page_in_english():
    spanish = island(Client(HTTP_ACCEPT_LANGUAGE="es").get("/offline/").content.decode())
    english = island(Client(HTTP_ACCEPT_LANGUAGE="en").get("/offline/").content.decode())
    with translation.override("es"):
        assert spanish == site_words()
    with translation.override("en"):
        assert english == site_words()
    assert set(spanish) == set(english)
    assert english["keptOffline"].startswith("No connection right now. {what} is kept")
    assert spanish["keptOffline"].startswith("Ahora no hay conexión. {what} se guarda")
    assert spanish["noneOfThese"] == "Nada de esto"
    assert spanish["sessionLabel"] == "Esta sesión"
    # Every word is Spanish, and each keeps its English's {slots}.
    slots = re.compile(r"\{(\w+)\}")
    for name, text in english.items():
        assert spanish[name] != text, name
        assert set(slots.findall(spanish[name])) == set(slots.findall(text)), name


def test_the_scripts_english_fallback_is_the_same_english():
    source = (ROOT / "coach/static/coach/words.js").read_text()
    fallback = re.search(r"^const ENGLISH = (\{.*?^\});$", source, re.MULTILINE | re.DOTALL)
    assert fallback, "no ENGLISH in words.js"
    with translation.override("en"):
        assert json.loads(fallback.group(1)) == site_words()


def test_the_installed_apps_description_is_in_the_pages_language(client):
    """The page links the manifest in its own language; English without one or for another."""
    page = client.get("/learn/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'rel="manifest" href="/manifest.webmanifest?lang=es"' in page
    spanish = client.get("/manifest.webmanifest?lang=es").json()
    assert spanish["lang"] == "es" and "ciática" in spanish["description"]
    for query in ("", "?lang=fr", "?lang=en"):
        english = client.get("/manifest.webmanifest" + query).json()
        assert english["lang"] == "en-GB" and "sciatica" in english["description"]
        assert {k: v for k, v in english.items() if k not in ("lang", "description")} == {
            k: v for k, v in spanish.items() if k not in ("lang", "description")
        }
