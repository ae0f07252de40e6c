"""The diary in Spanish for a Spanish browser: Today, the check-in form (with its errors), History
with its charts and tables, the export page and deleting the account. Words, dates and numbers
are Spanish; no common English word is left in what a person sees or hears read out."""

import re
from datetime import datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest

from .factories import make_checkin, make_session, make_user

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=LONDON)  # a Friday
ES = {"HTTP_ACCEPT_LANGUAGE": "es"}

ENGLISH = {
    "the", "and", "your", "you", "with", "this", "that", "what", "are", "have", "will", "when",
    "how", "from", "please", "which", "here", "there", "after", "before", "today", "save",
    "start", "delete", "stop", "pain", "leg", "legs", "back", "stretch", "stretches", "session",
    "sessions", "routine", "routines", "history", "account", "download", "check", "week", "day",
    "days", "none", "thigh", "foot", "knee", "hip", "numbness", "weakness", "yes", "left",
    "right", "nothing", "every", "skipped", "hurt", "mon", "tue", "wed", "thu", "fri", "sat",
    "sun", "dec", "improving", "worse", "average", "entry", "data", "yet", "now",
}  # fmt: skip
"""Short English words that are not Spanish ones ("nov", "oct", "no", "web" are both)."""
READ_OUT = ("alt", "aria-label", "title", "placeholder", "data-confirm", "data-outbox")
SKIP = ("script", "style", "template")
CORE = {"trend"}
"""Classes whose text is left out: the trend's reason ("Leg pain went from 6 to 3 since 17 Nov.")
is worded in English by the core (stretching.symptoms.trend); the verdict before it, which this
app words, is checked on its own. The plan's sentences (stretching.rules) are Spanish and read."""
VOID = ("input", "br", "img", "meta", "link", "line", "circle", "rect", "polyline")


class Visible(HTMLParser):
    """The text a person sees or hears: text nodes (SVG titles too) and read-out attributes,
    outside script and style, and outside the core's English trend reason when `core` is False."""

    def __init__(self, core: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.core, self.stack = core, []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        classes = set((found.get("class") or "").split())
        skipped = tag in SKIP or (not self.core and bool(classes & CORE))
        if tag not in VOID:
            self.stack.append(skipped)
        if any(self.stack):
            return
        self.parts += [found[name] for name in READ_OUT if found.get(name)]

    def handle_startendtag(self, tag, attrs):
        found = dict(attrs)
        if not any(self.stack):
            self.parts += [found[name] for name in READ_OUT if found.get(name)]

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not any(self.stack) and data.strip():
            self.parts.append(" ".join(data.split()))


def visible(html: str, *, core: bool = False) -> str:
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    parser = Visible(core)
    parser.feed(main)
    return " | ".join(parser.parts)


def english_in(text: str) -> list[str]:
    text = text.replace("Sciatica Coach", "")
    return sorted({w.lower() for w in re.findall(r"[A-Za-z]+", text)} & ENGLISH)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url, **ES)
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="es">' in html
    return html


@pytest.fixture
def diary():
    user = make_user()
    make_checkin(user, at=NOW - timedelta(days=20), leg=8, back=2, left=5, context="before")
    make_checkin(user, at=NOW - timedelta(days=3), leg=6, back=3, left=4, weakness=True)
    make_checkin(user, at=NOW - timedelta(hours=3), leg=3, back=4, left=2, right=1, numbness=True)
    make_session(user, started_at=NOW - timedelta(hours=4), hurt=("bedside-knee-twist",))
    make_session(
        user, started_at=NOW - timedelta(hours=2), source="cli", skipped=("supine-butterfly",)
    )
    make_session(user, started_at=NOW - timedelta(days=2))
    return user


def test_today_with_check_ins_is_in_spanish(client, diary):
    client.force_login(diary)
    html = page(client, "/today/")
    assert "<title>Hoy · Sciatica Coach</title>" in html
    assert "<h1>Hoy</h1>" in html and ">Sesiones de hoy</h2>" in html
    assert "El plan de hoy:" in html and ">Secuencia de alivio</a></h3>" in html
    assert ">Empezar</a>" in html and ">Registrar primero cómo estás</a>" in html
    assert "<strong>1 día</strong> seguido con una sesión." in html
    assert ">Cómo van las cosas</h2>" in html and "<strong>Mejorando.</strong>" in html
    assert ">Último registro</h2>" in html
    assert (
        "viernes 20 de noviembre a las 15:00: dolor de pierna <strong>3</strong>, "
        "dolor de espalda <strong>4</strong>; pierna izquierda: nalga o cadera, "
        "pierna derecha: zona lumbar; adormecimiento u hormigueo." in html
    )
    assert ">Hacer un registro ahora</a>" in html and ">Historial</a>" in html
    # The stretches building up are named in Spanish (their doses are the core's words).
    assert ">Lo que cambia el plan</h2>" in html and ">Aumentando poco a poco</h3>" in html
    assert "<strong>Mariposa boca arriba:</strong>" in html
    assert "Otros estiramientos que van aumentando (" in html
    assert english_in(visible(html)) == []


def test_today_without_check_ins_asks_for_one_in_spanish(client):
    user = make_user()
    make_session(user, started_at=NOW - timedelta(days=1))
    client.force_login(user)
    html = page(client, "/today/")
    assert "Todavía no hay registros." in html
    assert "Ayer hiciste una sesión. ¿Cómo estás esta mañana?" in html
    assert ">Registro de la mañana</a>" in html
    assert "<strong>Todavía faltan datos.</strong>" in html
    assert english_in(visible(html)) == []


def test_today_says_so_in_spanish_when_consent_is_withdrawn_or_the_screen_not_done(client):
    user = make_user(consent=False, screened=False)
    client.force_login(user)
    html = page(client, "/today/")
    assert (
        "Tu diario no está guardando registros nuevos porque retiraste tu consentimiento." in html
    )
    assert ">Dar el consentimiento de nuevo</a>" in html
    assert "Antes de tu primera sesión, <a href=" in html
    assert ">responde las preguntas de seguridad</a>." in html
    assert english_in(visible(html)) == []


def test_the_check_in_form_is_in_spanish(client, diary):
    client.force_login(diary)
    html = page(client, "/checkin/?context=before")
    assert "<title>Nuevo registro · Sciatica Coach</title>" in html
    assert "<h1>Antes de tu sesión: ¿cómo estás?</h1>" in html
    assert "<legend>Dolor de pierna ahora mismo</legend>" in html
    assert "0 es sin dolor y 10, el peor dolor que puedas imaginar." in html
    assert "<legend>Pierna izquierda: ¿hasta dónde bajan los síntomas?</legend>" in html
    for choice in ("Sin síntomas", "Zona lumbar", "Nalga o cadera", "Muslo", "Bajo la rodilla"):
        assert f" {choice}</label>" in html
    assert "<legend>¿Notas algo de esto hoy?</legend>" in html
    assert " Adormecimiento u hormigueo</label>" in html
    assert " Debilidad en una pierna o un pie</label>" in html
    assert ">Nota (opcional)</label>" in html
    assert "Lo que quieras recordar. Hasta 2\xa0000 caracteres." in html
    assert 'data-outbox="Tu registro"' in html and ">Guardar registro</button>" in html
    assert english_in(visible(html)) == []
    for context, title in (
        ("after", "Después de tu sesión: ¿cómo estás ahora?"),
        ("morning", "Buenos días: ¿cómo va hoy?"),
        ("standalone", "¿Cómo estás ahora mismo?"),
    ):
        assert f"<h1>{title}</h1>" in page(client, f"/checkin/?context={context}")


def test_the_check_in_form_after_a_session_names_it_in_spanish(client, diary):
    session = make_session(diary, started_at=NOW - timedelta(minutes=30))
    client.force_login(diary)
    html = page(client, f"/checkin/?context=after&session={session.pk}")
    assert "Secuencia de alivio, viernes 20 de noviembre a las 17:30</p>" in html


def test_a_spanish_check_in_with_mistakes_is_answered_in_spanish(client, diary):
    client.force_login(diary)
    response = client.post(
        "/checkin/", {"leg_pain": "11", "extent_left": "2", "note": "x" * 2001}, **ES
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "<strong>Todavía no se guardó nada:</strong> hay 4 partes marcadas abajo; revísalas."
        in (html)
    )
    assert "Tu dolor de pierna tiene que ser un número entero del 0 al 10." in html
    assert "Elige tu dolor de espalda del 0 al 10." in html
    assert "Elige hasta dónde te bajan los síntomas por la pierna derecha." in html
    assert "La nota puede tener como máximo 2000 caracteres (tiene 2001)." in html
    assert english_in(visible(html)) == []
    one = client.post(
        "/checkin/",
        {"leg_pain": "3", "back_pain": "2", "extent_left": "9", "extent_right": "0"},
        **ES,
    ).content.decode()
    assert "hay 1 parte marcada abajo; revísala." in one
    assert "Elige uno de los lugares de la lista para tu pierna izquierda." in one


def test_a_spanish_check_in_is_saved_and_deleted_with_spanish_messages(client, diary):
    client.force_login(diary)
    data = {"leg_pain": "2", "back_pain": "1", "extent_left": "1", "extent_right": "0"}
    response = client.post("/checkin/", data, follow=True, **ES)
    assert "Registro guardado." in response.content.decode()
    entry = diary.checkins.first()
    response = client.post(f"/checkin/{entry.pk}/delete/", follow=True, **ES)
    assert "Se borró el registro del viernes 20 de noviembre a las 18:00." in (
        response.content.decode()
    )


def test_the_check_in_page_says_in_spanish_that_consent_is_withdrawn(client):
    user = make_user(consent=False)
    client.force_login(user)
    html = page(client, "/checkin/")
    assert "<strong>Tu diario no está guardando registros nuevos.</strong>" in html
    assert ">Ajustes</a>." in html
    assert english_in(visible(html)) == []


def test_history_by_day_is_in_spanish_charts_and_tables(client, diary):
    client.force_login(diary)
    html = page(client, "/history/?days=30")
    assert "<title>Historial · Sciatica Coach</title>" in html
    assert 'aria-label="Periodo"' in html and ">7 días</a>" in html
    assert ">Todo, por semanas</a>" in html
    assert "Los últimos 30 días: 3 registros, 3 sesiones." in html
    # Charts: titles, descriptions, axis labels and each dot's title.
    assert ">Dolor de pierna y de espalda</h2>" in html
    assert (
        "Dolor de 0 (nada) a 10 en cada registro. La tabla de abajo tiene los mismos números."
        in (html)
    )
    assert "<title>vie 20 nov, 15:00: dolor de pierna 3</title>" in html
    assert "<title>sáb 31 oct, 18:00: dolor de espalda 2</title>" in html
    assert 'text-anchor="middle">12 nov</text>' in html
    assert 'text-anchor="end">bajo la rodilla</text>' in html
    assert "<title>mar 17 nov, 18:00: pierna izquierda 4</title>" in html
    assert ">Sesiones por día</h2>" in html and "<title>20 nov: 2 sesiones</title>" in html
    assert "<title>18 nov: 1 sesión</title>" in html
    # Tables: captions, headers and cells.
    assert (
        '<caption class="sr-only">Dolor de pierna y de espalda en cada registro</caption>' in html
    )
    assert "<td>vie 20 nov, 15:00</td><td>3</td><td>4</td>" in html
    assert '<th scope="col">Adormecimiento</th><th scope="col">Debilidad</th>' in html
    row = "<td>vie 20 nov, 15:00</td><td>nalga o cadera</td><td>zona lumbar</td><td>sí</td>"
    assert row + "<td>no</td>" in html
    assert "<td>mié 18 nov</td><td>1</td>" in html
    # Sessions and check-ins.
    assert "vie 20 nov, 16:00 · 7 min · terminal" in html
    assert "<strong>Saltados:</strong> Mariposa boca arriba" in html
    assert "<strong>Dolió:</strong> Giro sentado con la rodilla sobre la cama" in html
    assert "<strong>sábado 31 de octubre a las 18:00</strong>" in html
    assert '<span class="tag">Antes de una sesión</span>' in html
    assert (
        "Pierna 3, espalda 4; pierna izquierda: nalga o cadera, pierna derecha: zona lumbar" in html
    )
    when = "viernes 20 de noviembre a las 15:00"
    assert f'data-confirm="¿Borrar el registro del {when}? No se puede deshacer."' in html
    assert ">Borrar este registro</button>" in html
    assert english_in(visible(html)) == []


def test_history_by_week_is_in_spanish_with_spanish_numbers(client, diary):
    client.force_login(diary)
    html = page(client, "/history/?days=all")
    assert "Desde la semana del 26 de octubre de 2026: 3 registros, 3 sesiones." in html
    assert "Dolor de 0 (nada) a 10, la media de cada semana." in html
    assert "<title>Semana del 16 nov 2026: dolor de pierna 4,5</title>" in html
    assert "<title>Semana del 16 nov 2026: 3 sesiones</title>" in html
    assert ">Sesiones por semana</h2>" in html and ">Semana del</th>" in html
    assert "<td>16 nov 2026</td><td>2</td><td>4,5</td><td>3,5</td>" in html
    assert (
        "<td>16 nov 2026</td><td>bajo la rodilla</td><td>zona lumbar</td><td>sí</td><td>sí</td>"
        in html
    )
    assert english_in(visible(html)) == []


def test_an_empty_history_says_so_in_spanish(client):
    client.force_login(make_user())
    html = page(client, "/history/?days=7")
    assert "Los últimos 7 días: 0 registros, 0 sesiones." in html
    assert "Todavía no hay nada registrado en estos días." in html
    assert "No hay sesiones en estos días." in html
    assert "No hay registros en estos días. <a href=" in html
    assert english_in(visible(html)) == []


def test_export_delete_and_deleted_pages_are_in_spanish(client, diary):
    client.force_login(diary)
    html = page(client, "/account/export/")
    assert "<h1>Descargar tus datos</h1>" in html
    assert ">Descargar JSON</a>" in html and ">Descargar CSV (zip)</a>" in html
    assert ">Descargar el paquete FHIR</a>" in html
    assert english_in(visible(html)) == []

    html = page(client, "/account/delete/")
    assert "<h1>Borrar tu cuenta</h1>" in html
    assert "<strong>Esto no se puede deshacer.</strong>" in html
    assert ">Descargar todo</a>." in html
    assert ">Borrar mi cuenta y todos mis datos</button>" in html
    assert ">Conservar mi cuenta</a>" in html
    assert english_in(visible(html)) == []

    response = client.post("/account/delete/", {"password": "wrong"}, **ES)
    assert "Esa no es tu contraseña. No se borró nada." in response.content.decode()

    html = page(client, "/account/deleted/")
    assert "<h1>Tu cuenta se borró</h1>" in html
    assert "Gracias por usar Sciatica Coach." in html and ">Volver a las rutinas</a>" in html
    assert english_in(visible(html)) == []


def test_the_word_list_does_find_english(client, diary):
    """The check above is not blind: the English pages hold the words it looks for."""
    client.force_login(diary)
    html = client.get("/history/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert {"leg", "pain", "sessions", "delete"} <= set(english_in(visible(html)))
