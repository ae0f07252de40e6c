"""The safety pages in Spanish: the questions themselves, what the answers mean, the quick check
before a session and the screen's line in Settings, from the core's Spanish screen
(stretching/data/es/screening.toml); English stays as it was."""

from datetime import date

import pytest
from django.test import Client

from stretching import screening
from stretching.screening import QUESTIONS, forbidden_phrases_in

from .factories import make_screen, make_user

pytestmark = pytest.mark.django_db
ES = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9"}
SPANISH = screening.words("es")


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_every_question_and_its_help_is_asked_in_spanish(client):
    html = text(client.get("/account/screen/", **ES))
    for en, es in zip(QUESTIONS, SPANISH.questions, strict=True):
        assert f"<legend>{es.text}</legend>" in html, en.id
        assert en.text not in html, en.id
        if es.help:
            assert es.help in html and en.help not in html, en.id
    english = text(Client().get("/account/screen/"))
    assert all(f"<legend>{q.text}</legend>" in english for q in QUESTIONS)


def test_the_unanswered_questions_are_named_in_spanish(client):
    html = text(client.post("/account/screen/", {"a1": "no"}, **ES))
    assert f'<a href="#id_a2_0">{SPANISH.by_id["a2"].text}</a>' in html
    assert QUESTIONS[1].text not in html


@pytest.mark.parametrize(
    ("yes", "headline"),
    [
        ((), "Puedes seguir con las rutinas"),
        (("a1",), "Detente y busca atención de urgencia ahora"),
        (("b2",), "Detente y consulta a un profesional de la salud antes de empezar"),
    ],
)
def test_what_the_answers_mean_is_said_in_spanish(client, yes, headline):
    answers = {q.id: "yes" if q.id in yes else "no" for q in QUESTIONS}
    html = text(client.post("/account/screen/", answers, follow=True, **ES))
    assert f"<h1>{headline}</h1>" in html
    for q in yes:
        assert f"<li>{SPANISH.by_id[q].text}</li>" in html
    result = screening.evaluate({q.id: q.id in yes for q in QUESTIONS})
    assert result.headline not in html and result.message not in html
    english = text(Client().post("/account/screen/", answers, follow=True))
    assert f"<h1>{result.headline}</h1>" in english


def test_a_clinicians_go_ahead_is_dated_in_spanish(client):
    user = make_user("ana@example.org", screened=False)
    make_screen(user, yes=("b1",), cleared_on=date(2026, 11, 3))
    client.force_login(user)
    html = text(client.get("/account/screen/", **ES))
    assert "Rutinas desbloqueadas con el visto bueno de tu profesional de la salud" in html
    assert "para hacer ejercicio el 3 de noviembre de 2026." in html
    settings = text(client.get("/account/settings/", **ES))
    assert "Rutinas desbloqueadas con el visto bueno de tu profesional de la salud." in settings
    english = text(client.get("/account/settings/", HTTP_ACCEPT_LANGUAGE="en"))
    assert "Routines unlocked with your clinician&#x27;s go-ahead." in english


def test_settings_sum_the_screen_up_in_spanish(client):
    client.force_login(make_user("ana@example.org"))
    html = text(client.get("/account/settings/", **ES))
    assert "Puedes seguir con las rutinas." in html and "You can go on" not in html
    english = text(client.get("/account/settings/", HTTP_ACCEPT_LANGUAGE="en"))
    assert "You can go on to the routines." in english


def test_the_quick_check_asks_and_answers_in_spanish(client):
    client.force_login(make_user("ana@example.org"))
    html = text(client.get("/account/check/", **ES))
    assert "<h1>Antes de empezar: ¿tienes hoy alguna de estas señales?</h1>" in html
    for q in SPANISH.tier("A"):
        assert q.text in html
    assert "Before you start" not in html
    locked = text(client.post("/account/check/", {"ticked": ["a4"], "some": "1"}, **ES))
    assert "<h1>Detente y busca atención de urgencia ahora</h1>" in locked
    assert f"<li>{SPANISH.by_id['a4'].text}</li>" in locked
    assert not forbidden_phrases_in(locked.split("<main", 1)[1].split("</main>", 1)[0])
    english = text(Client().get("/account/check/"))
    assert "<h1>Before you start: any of these today?</h1>" in english
