"""The account pages, the safety pages' own words and the reset email in Spanish for a person
whose browser asks for it; English stays as it was."""

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from stretching.screening import forbidden_phrases_in

from .factories import PASSWORD, make_user
from .test_accounts_password import _body, smtp  # noqa: F401  (the fixture, by its name)

pytestmark = pytest.mark.django_db
ES = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9"}


def page(client, url: str, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def main_html(html: str) -> str:
    return re.search(r"<main.*?</main>", html, re.S).group(0)


def test_sign_in_speaks_spanish_to_a_spanish_browser_and_english_otherwise(client):
    html = page(client, "/account/sign-in/", **ES)
    assert '<html lang="es">' in html
    assert "<title>Iniciar sesión · Sciatica Coach</title>" in html
    assert "<h1>Iniciar sesión</h1>" in html
    assert ">Correo electrónico</label>" in html and ">Contraseña</label>" in html
    assert "¿Olvidaste tu contraseña?" in html and "Crea una cuenta" in html
    assert ">Saltar al contenido</a>" in html and ">Rutinas</a>" in html and ">Aprende</a>" in html
    assert "No es un consejo médico ni reemplaza a un profesional de la salud" in html
    assert "Forgotten your password?" not in html

    english = page(Client(), "/account/sign-in/")
    assert '<html lang="en">' in english and "<h1>Sign in</h1>" in english
    assert "Forgotten your password?" in english and "Iniciar sesión" not in english


def test_a_wrong_password_is_told_in_spanish(client):
    make_user("alice@example.org")
    response = client.post(
        "/account/sign-in/", {"username": "alice@example.org", "password": "nope"}, **ES
    )
    assert "no coinciden con ninguna cuenta" in response.content.decode()


def test_sign_up_shows_the_note_and_the_consent_box_in_spanish(client):
    html = page(client, "/account/sign-up/", **ES)
    assert "<h1>Crea una cuenta</h1>" in html
    assert "Lee esto antes de seguir." in html
    assert "Tu diario guarda datos de salud" in html
    assert "Leí la nota de arriba y acepto que Sciatica Coach guarde mi diario" in html
    assert "Al menos 10 caracteres, no solo números" in html
    assert ">Crear mi cuenta</button>" in html
    response = client.post("/account/sign-up/", {"email": "", "password": ""}, **ES)
    errors = response.content.decode()
    assert "Escribe tu correo electrónico." in errors and "Elige una contraseña." in errors
    assert "Marca esta casilla para crear una cuenta" in errors
    assert forbidden_phrases_in(main_html(html)) == ()
    weak = client.post(
        "/account/sign-up/", {"email": "bo@example.org", "password": "12345", "consent": "on"}, **ES
    ).content.decode()
    assert "La contraseña es demasiado corta" in weak  # Django's own Spanish


def test_the_safety_page_has_spanish_headings_groups_and_answers(client):
    html = page(client, "/account/screen/", **ES)
    assert '<html lang="es">' in html
    assert "<h1>Preguntas de seguridad antes de empezar</h1>" in html
    assert "Algunos problemas de espalda y de pierna necesitan un médico" in html
    assert "Señales que necesitan atención enseguida" in html
    assert "Señales para hablar antes con un profesional de la salud" in html
    assert html.count("Nada de esto me pasa") >= 2
    assert "> Sí</label>" in html and "> No</label>" in html
    assert ">Ver qué significan mis respuestas</button>" in html
    words = json.loads(re.search(r'id="screen-words"[^>]*>(.*?)</script>', html).group(1))
    assert words["all"] == "Respondiste «No» a las {n} preguntas de este grupo."
    response = client.post("/account/screen/", {}, **ES)
    text = response.content.decode()
    assert "Responde todas las preguntas: a 19 todavía les falta un sí o un no" in text
    assert "Responde sí o no." in text


def test_settings_in_spanish_write_the_day_the_spanish_way(client):
    user = make_user("alice@example.org")
    client.force_login(user)
    html = page(client, "/account/settings/", **ES)
    assert "<h1>Ajustes</h1>" in html
    assert "Sesión iniciada como alice@example.org" in html
    assert re.search(r"El \d{1,2} de [a-z]+ de \d{4} aceptaste que Sciatica Coach", html)
    assert ">Retirar el consentimiento</button>" in html
    assert ">Cerrar sesión</button>" in html and ">Borrar mi cuenta</a>" in html
    response = client.post("/account/consent/withdraw/", follow=True, **ES)
    assert "Retiraste tu consentimiento. El diario no va a guardar nada nuevo" in (
        response.content.decode()
    )
    english = page(client, "/account/settings/", HTTP_ACCEPT_LANGUAGE="en")
    assert "<h1>Settings</h1>" in english
    assert "You withdrew your consent on " in english


def test_the_pause_after_failed_sign_ins_says_until_when_in_spanish(client, time_machine):
    london = ZoneInfo("Europe/London")
    time_machine.move_to(datetime(2026, 11, 20, 18, 0, tzinfo=london), tick=False)
    make_user("alice@example.org")
    for _ in range(5):
        client.post("/account/sign-in/", {"username": "alice@example.org", "password": "x"})
    time_machine.move_to(datetime(2026, 11, 20, 18, 4, 30, tzinfo=london), tick=False)
    response = client.post(
        "/account/sign-in/", {"username": "alice@example.org", "password": PASSWORD}, **ES
    )
    text = response.content.decode()
    assert response.status_code == 429
    assert "<h1>Demasiados intentos</h1>" in text
    assert "hasta las 18:15 (dentro de unos 11 minutos)" in text
    assert 'Vuelve a intentarlo después de las 18:15, o <a href="/account/password/reset/">' in text


def test_the_reset_email_is_in_spanish_for_a_spanish_browser(client, smtp):  # noqa: F811
    make_user("alice@example.org")
    response = client.post(
        "/account/password/reset/", {"email": "alice@example.org"}, follow=True, **ES
    )
    assert "<h1>Revisa tu correo</h1>" in response.content.decode()
    assert smtp.arrived.wait(10)
    [message] = smtp.messages
    subject, body = _body(message["data"])
    assert subject == "Elige una contraseña nueva para Sciatica Coach"
    assert body.startswith("Hola:")
    assert "la cuenta de Sciatica Coach de alice@example.org" in body
    assert "tu contraseña sigue igual" in body
    assert re.search(r"http://testserver/account/password/reset/\S+/\S+/", body)


def test_the_answers_lead_into_the_routine_with_its_spanish_name(client):
    player = "/routines/morning-hamstring/play/"
    response = client.post(
        f"/account/screen/?next={player}", {"none_a": "on", "none_b": "on"}, follow=True, **ES
    )
    html = response.content.decode()
    assert f'href="{player}">Empezar: isquiotibiales de la mañana</a>' in html
    assert ">Responder las preguntas de nuevo</a>" in html
    english = Client().post(
        f"/account/screen/?next={player}", {"none_a": "on", "none_b": "on"}, follow=True
    )
    assert f'href="{player}">Start morning hamstring</a>' in english.content.decode()
