"""The practice pages in Spanish: the routine list, a routine, an exercise, the drawings, the
player (and the words its script reads), "not now" and the 404s, for a Spanish browser, while
an English browser keeps the English pages."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from .factories import make_recheck, make_session, make_user

pytestmark = pytest.mark.django_db

# English words a Spanish page never holds (short, frequent, not Spanish words).
ENGLISH = {
    "the", "and", "your", "you", "with", "this", "that", "what", "when", "how", "from",
    "start", "stop", "hold", "stretch", "session", "routine", "routines", "next", "back",
    "done", "left", "tap", "pause", "voice", "tones", "saved",
}  # fmt: skip


def visible(html: str) -> str:
    """The page's text with tags, scripts and styles taken out (alt and aria-label kept)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    said = " ".join(re.findall(r'(?:alt|aria-label)="([^"]*)"', html))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html) + " " + said)


def english_words(text: str) -> set[str]:
    text = text.replace("Sciatica Coach", "").replace("English", "")
    return {w.lower() for w in re.findall(r"[A-Za-z']+", text)} & ENGLISH


def es(client, path: str, status: int = 200) -> str:
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == status, path
    html = response.content.decode()
    assert '<html lang="es"' in html
    return html


def player_words(html: str) -> dict:
    found = re.search(r'<script id="player-words" type="application/json">(.*?)</script>', html)
    assert found, "the player's words are on the page"
    return json.loads(found.group(1))


def all_strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in all_strings(v)]
    return [value] if isinstance(value, str) else []


@pytest.fixture
def person(client, time_machine):
    """A signed-in person whose quick check was just answered: the player opens for them."""
    time_machine.move_to(datetime(2026, 11, 20, 12, 0, tzinfo=UTC), tick=False)
    person = make_user("ana@example.org")
    make_recheck(person)
    client.force_login(person)
    return person


PAGES = {
    "/": ["Estira en casa", "Rutinas", "Secuencia de alivio", "5 ejercicios", "no consejo médico"],
    "/routines/relief-sequence/": [
        "Secuencia de alivio",
        "en total",
        "siempre en este orden",
        "Empezar",
        "Cómo se hace",
        "Cuidado:",
    ],
    "/routines/morning-hamstring/": [
        "Isquiotibiales de la mañana",
        "por la mañana",
        "Imprimir esta rutina",
    ],
    "/exercises/bedside-seated-hamstring/": [
        "Dosis",
        "Posición",
        "en silla o cama",
        "Dónde deberías sentirlo",
        "Página de origen: 001.",
        "La página indica: tiempo de mantener",
        "En estas rutinas",
    ],
    "/exercises/supine-leg-on-chair-rest/": ["Cómo se hace", "Cuidado", "Dibujo:"],
    "/figures/": ["Todos los dibujos, imagen por imagen", "imagen 1", "animación", "inicio"],
}


@pytest.mark.parametrize("path", PAGES)
def test_a_practice_page_in_spanish_says_it_in_spanish(client, path):
    text = visible(es(client, path))
    for words in PAGES[path]:
        assert words in text, (path, words)
    assert english_words(text) == set(), path


@pytest.mark.parametrize(
    "path, wanted",
    [
        ("/routines/nope/", "No hay ninguna rutina llamada «nope»."),
        ("/routines/relief-sequenc/", "¿Quisiste decir: relief-sequence?"),
        ("/exercises/knees-to-chets/", "No hay ningún ejercicio llamado «knees-to-chets»."),
        ("/routines/nope/play/", "No hay ninguna rutina llamada «nope»."),
    ],
)
def test_an_unknown_routine_or_exercise_is_a_spanish_404(client, path, wanted):
    text = visible(es(client, path, 404))
    assert wanted in text.replace("&#x27;", "'").replace("&laquo;", "«").replace("&raquo;", "»")
    assert english_words(text) == set()


def test_the_player_page_and_its_scripts_words_are_spanish(client, person):
    html = es(client, "/routines/relief-sequence/play/")
    text = visible(html)
    for words in [
        "5 ejercicios, unos ",
        "Para y busca atención de urgencia si…",
        "Ya estoy en posición",
        "Me duele",
        "Baja por la pierna",
        "Prueba del muslo:",
        "Voz: sí",
        "Pitidos: sí",
        "segundos para prepararte en la misma posición",
        "Sesión terminada",
    ]:
        assert words in text, words
    assert english_words(text) == set()
    words = player_words(html)
    assert words["tapAgain"] == "Toca otra vez para parar"
    assert words["phases"]["ready"] == "prepárate"
    assert words["endings"]["stopped early"]["heading"] == "Terminada antes de tiempo"
    every = all_strings(words)
    assert len(every) > 50
    assert all(english_words(s) == set() for s in every), [s for s in every if english_words(s)]
    data = json.loads(
        re.search(r'id="player-data" type="application/json">(.*?)</script>', html)[1]
    )
    assert data["exercises"]["standing-glute-squeeze"]["name"] == "Contracción de glúteos de pie"


def test_the_english_player_keeps_its_english_words(client, person):
    html = client.get("/routines/relief-sequence/play/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    words = player_words(html)
    assert words["tapAgain"] == "Tap again to end"
    assert words["stoppedSay"] == "Stopped {name}. Noted that {why}. {after}"
    assert words["voiceOn"] == "Voice on" and words["phases"]["open"] == "rest"
    assert "5 exercises, about " in visible(html)
    assert "10 seconds to get ready in the same position" in html


def test_not_now_in_spanish_when_the_days_relief_sessions_are_used_up(client, person):
    now = datetime.now(UTC)
    for minutes in range(10, 120, 10):  # more than the relief sequence's daily limit
        make_session(person, started_at=now - timedelta(minutes=minutes))
    make_recheck(person)
    text = visible(es(client, "/routines/relief-sequence/play/"))
    assert "Secuencia de alivio: ahora no" in text
    assert "Ver el plan de hoy" in text and "Ver la rutina" in text
    assert english_words(text) == set()


def test_bringing_a_paused_stretch_back_says_so_in_spanish(client, person):
    make_session(
        person, started_at=datetime.now(UTC) - timedelta(days=1), hurt=("bedside-knee-twist",)
    )
    response = client.post(
        "/plan/bedside-knee-twist/resume/",
        {"next": "/routines/relief-sequence/"},
        HTTP_ACCEPT_LANGUAGE="es",
        follow=True,
    )
    assert "Giro sentado con la rodilla sobre la cama vuelve a estar en tu rutina." in (
        response.content.decode()
    )


def test_the_gate_sends_a_spanish_reader_to_the_quick_check_with_spanish_words(
    client, time_machine
):
    from stretching import gate

    time_machine.move_to(datetime(2026, 11, 20, 8, 0, tzinfo=UTC), tick=False)
    person = make_user("eva@example.org")
    time_machine.move_to(datetime(2026, 11, 20, 12, 0, tzinfo=UTC), tick=False)
    client.force_login(person)  # screened four hours ago: the quick check is not fresh
    response = client.get("/routines/relief-sequence/play/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302 and response["Location"].startswith("/account/check/")
    html = es(client, response["Location"])
    assert gate.say("NEED_QUICK_CHECK", "es") in html
    assert gate.NEED_QUICK_CHECK not in html
