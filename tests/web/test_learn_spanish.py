"""The tips in Spanish for a Spanish browser: the core's Spanish tips and exercise names, and the
pages' own words; English stays as it was. Also the shared 404 and offline pages."""

import re

import pytest
from django.test import Client
from django.utils.html import escape

from coach.lib.language import display_catalogue, display_language, display_tips
from stretching import catalogue, i18n, tips

pytestmark = pytest.mark.django_db
ES = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9"}
SPANISH = i18n.tips("es")


def main_html(response) -> str:
    assert response.status_code == 200
    return re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)


def test_the_list_shows_the_spanish_titles_and_summaries(client):
    response = client.get("/learn/", **ES)
    assert '<html lang="es">' in response.content.decode()
    assert "<title>Diez consejos · Sciatica Coach</title>" in response.content.decode()
    html = main_html(response)
    assert "<h1>Diez consejos para el día a día con ciática</h1>" in html
    for tip in SPANISH.tips:
        assert escape(tip.title) in html and escape(tip.summary) in html
        assert f"Consejo {tip.number} de 10" in html
    urgent = SPANISH.urgent
    assert (
        f'que sea el <a href="/learn/{urgent.slug}/">consejo 10: {escape(urgent.title.lower())}</a>'
        in html
    )
    assert ">Empezar por el consejo 1</a>" in html
    assert escape(tips.default().number(1).title) not in html


def test_a_tip_page_shows_the_spanish_tip_and_the_spanish_stretch_names(client):
    html = main_html(client.get("/learn/sitting/", **ES))
    tip = SPANISH.tip("sitting")
    assert f"<h1>{escape(tip.title)}</h1>" in html
    assert "Consejo 3 de 10" in html
    for paragraph in tip.paragraphs:
        assert f"<p>{escape(paragraph)}</p>" in html
    assert html.index("Prueba hoy") < html.index(escape(tip.try_today))
    assert "Estiramientos que acompañan este consejo" in html
    spanish = i18n.catalogue("es")
    for eid in tip.exercise_ids:
        assert f'href="/exercises/{eid}/">{escape(spanish.exercise(eid).name)}</a>' in html
    previous, following = SPANISH.previous(tip), SPANISH.next(tip)
    assert (
        f'rel="prev" href="/learn/{previous.slug}/">Anterior: {escape(previous.title)}</a>' in html
    )
    assert (
        f'rel="next" href="/learn/{following.slug}/">Siguiente: {escape(following.title)}</a>'
        in html
    )


def test_the_urgent_tip_lists_the_spanish_warning_signs(client):
    html = main_html(client.get("/learn/when-to-seek-care-urgently/", **ES))
    box = re.search(r'<section class="notice notice-danger".*?</section>', html, re.S).group(0)
    assert "Señales de alarma de urgencia" in box
    for sign in SPANISH.urgent.warning_signs:
        assert f"<li>{escape(sign.text)}</li>" in box


def test_english_pages_keep_the_english_tips(client):
    html = main_html(client.get("/learn/sitting/"))
    tip = tips.default().tip("sitting")
    assert f"<h1>{escape(tip.title)}</h1>" in html and "Tip 3 of 10" in html
    name = catalogue.default().exercise(tip.exercise_ids[0]).name
    assert f">{escape(name)}</a>" in html
    assert "Consejo" not in html


def test_display_language_follows_the_active_language():
    from django.utils import translation

    with translation.override("es-mx"):
        assert display_language() == "es"
        assert display_catalogue() is i18n.catalogue("es")
        assert display_tips() is i18n.tips("es")
    with translation.override("en"):
        assert display_language() == "en"
        assert display_catalogue().routines == catalogue.default().routines


def test_the_not_found_and_offline_pages_speak_spanish():
    client = Client(**ES)
    missing = client.get("/learn/siting/")
    assert missing.status_code == 404
    text = missing.content.decode()
    assert "<h1>Esa página no está aquí</h1>" in text
    assert "No hay ningún consejo llamado «siting». ¿Quisiste decir: sitting" in text
    assert "Did you mean" not in text
    offline = client.get("/offline/")
    text = offline.content.decode()
    assert "<h1>Estás sin conexión</h1>" in text and ">Aprende</a>" in text
    assert "Las páginas que ya abriste antes quedan guardadas" in text
