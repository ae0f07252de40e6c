"""The plan's sentences in Spanish at every door that shows them: the Today page, the person's
own assigned routine (/my-routines/<id>/), the API plan and `sciatica plan --lang es`. The
core writes them (stretching.rules.words); the kept plan state holds no words, so the same
person's plan reads in Spanish to a Spanish browser and in English to an English one."""

import contextlib
import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from coach.cli import database_planner
from stretching import i18n
from stretching.cli import main

from .api_helpers import V1, bearer, person_with_token
from .clinic_factories import assign, make_clinician, make_share
from .factories import make_session, make_user

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=LONDON)  # a Friday
TWIST = "bedside-knee-twist"
ES = {"HTTP_ACCEPT_LANGUAGE": "es"}
ES_CAT = i18n.catalogue("es")
PAUSED_ES = (
    f"{ES_CAT.exercise(TWIST).name} queda en pausa hasta el domingo porque te dolió el jueves, "
    "y hasta que hayas hecho dos sesiones seguidas sin que nada te duela."
)
PAUSED_EN = (
    "Seated knee twist on the bed is paused until Sunday because it hurt on Thursday, "
    "and until you have done two sessions in a row with nothing hurting."
)
ENGLISH = ("is paused", "because it hurt", "building to", "Do the relief sequence", "Holds start")


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def hurt_yesterday(user) -> None:
    make_session(user, started_at=NOW - timedelta(days=1), hurt=(TWIST,))  # Thursday


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_today_page_shows_the_plan_in_spanish_to_a_spanish_browser(client):
    user = make_user()
    hurt_yesterday(user)
    client.force_login(user)
    html = client.get("/today/", **ES).content.decode()
    assert '<html lang="es">' in html
    assert PAUSED_ES in html
    assert '<span class="status">En pausa hasta el domingo</span>' in html
    assert "Haz la rutina Secuencia de alivio al menos una vez al día" in html
    assert ">Recuperarlo ahora</button>" in html
    assert "Vuelve en tu próxima sesión con una dosis más suave." in html
    assert "0 de un máximo de 10" in html
    butterfly = ES_CAT.exercise("supine-butterfly").name
    assert f"{butterfly}:</strong> 15 s hoy, subiendo hasta 60 s" in html
    for words in ENGLISH:
        assert words not in html, words


def test_the_same_kept_plan_reads_in_english_to_an_english_browser(client):
    user = make_user()
    hurt_yesterday(user)
    client.force_login(user)
    assert PAUSED_ES in client.get("/today/", **ES).content.decode()
    english = client.get("/today/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert PAUSED_EN in english and "queda en pausa" not in english
    assert "Seated knee twist on the bed</strong> " in english
    assert PAUSED_ES in client.get("/today/", **ES).content.decode()


def test_my_assigned_routine_says_what_the_plan_changes_in_spanish(client):
    person = make_user("pat@example.org")
    row = assign(make_share(person, make_clinician("sam@clinic.example")))
    client.force_login(person)
    html = client.get(f"/my-routines/{row.routine_id}/", **ES).content.decode()
    piriformis = ES_CAT.exercise("supine-piriformis").name
    assert f"{piriformis} empieza con 15 s en cada repetición" in text_of(html)
    assert "starts with" not in html and "sessions in a row" not in html
    english = client.get(f"/my-routines/{row.routine_id}/").content.decode()
    assert "starts with 15 s holds" in text_of(english)


def test_the_api_plan_follows_the_request_language(client):
    user, _, token = person_with_token()
    hurt_yesterday(user)
    es = client.get(f"{V1}/plan/today", headers={**bearer(token), "Accept-Language": "es"}).json()
    assert es["headline"] == "Secuencia de alivio"
    [paused] = es["paused"]
    assert paused["reason"] == PAUSED_ES and paused["status"] == "En pausa hasta el domingo"
    assert paused["name"] == ES_CAT.exercise(TWIST).name
    assert es["build_up_rule"].startswith("Cada estiramiento empieza con 15 s")
    assert all("subiendo hasta" in d["text"] for d in es["doses"])
    en = client.get(f"{V1}/plan/today", headers=bearer(token)).json()
    assert en["paused"][0]["reason"] == PAUSED_EN and en["headline"] == "Relief sequence"


def test_sciatica_plan_lang_es_writes_the_plan_in_spanish():
    user = make_user()
    hurt_yesterday(user)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["plan", "--lang", "es", "--email", user.email], out, database_planner)
    assert code == 0, err.getvalue()
    text = out.getvalue()
    assert "este comando todavía responde en inglés" not in err.getvalue()
    assert text.startswith(f"Plan de hoy para {user.email}, ")
    assert "\nSecuencia de alivio\n" in text
    assert f"  {ES_CAT.exercise(TWIST).name}: en pausa hasta el domingo\n" in text
    assert PAUSED_ES in " ".join(text.split())
    assert "Fuera por ahora" in text and "Subiendo poco a poco" in text
    for words in ENGLISH:
        assert words not in text, words
    english = io.StringIO()
    assert main(["plan", "--email", user.email], english, database_planner) == 0
    assert PAUSED_EN in " ".join(english.getvalue().split())
