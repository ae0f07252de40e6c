"""Clinic mode in Spanish: the person's sharing pages, their assigned routine and its printed
handout follow the browser's language (with the core's Spanish names, doses and steps); the
clinician's pages too, and an invitation goes out in the language its reader picked."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pypdf
import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from coach.accounts.models import LanguageChoice
from coach.clinic.handout import latin
from stretching import i18n
from stretching.screening import forbidden_phrases_in

from .clinic_factories import assign, make_clinician, make_share, sign_in_clinician
from .factories import make_checkin, make_user

pytestmark = pytest.mark.django_db
ES = {"HTTP_ACCEPT_LANGUAGE": "es"}
SPANISH = i18n.catalogue("es")


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_text(body: bytes) -> str:
    return words(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(body)).pages))


@pytest.fixture
def clinician():
    return make_clinician("sam@clinic.example")


@pytest.fixture
def desk(clinician):
    browser = Client()
    sign_in_clinician(browser, clinician)
    return browser


def test_the_sharing_page_and_the_preview_speak_spanish(client, clinician, desk):
    desk.post("/clinic/invites/")
    page = desk.get("/clinic/invites/", **ES).content.decode()
    assert "<h1>Invitar a un paciente a compartir</h1>" in page
    code = page.split('data-code="')[1].split('"')[0]
    client.force_login(make_user("ana@example.org"))
    page = client.get("/account/settings/sharing/", **ES).content.decode()
    assert '<html lang="es"' in page
    assert "<h1>Compartir con un profesional de la salud</h1>" in page
    assert "Código de tu profesional de la salud" in page
    assert "Quién ha visto mis datos" in page
    preview = client.get("/account/settings/sharing/", {"code": code}, **ES).content.decode()
    assert "¿Compartir tu diario con sam@clinic.example?" in preview
    assert "Tus registros" in preview and "Tu plan" in preview
    assert "Compartir también las notas que escribo en mis registros" in preview
    assert ">Compartir mi diario</button>" in preview
    assert "Share my diary" not in preview


def test_a_persons_assigned_routine_shows_the_spanish_names_doses_and_words(client, clinician):
    person = make_user("ana@example.org")
    row = assign(make_share(person, clinician))
    client.force_login(person)
    page = client.get(f"/my-routines/{row.routine_id}/", **ES).content.decode()
    assert '<html lang="es"' in page
    assert SPANISH.exercise("supine-piriformis").name in page
    assert "2 x 25 s por lado" in page  # the clinician's dose, in Spanish words
    assert "2 veces al día" in page
    assert "<strong>Nota de tu profesional de la salud:</strong> Slowly, breathe out" in page
    assert ">Empezar</a>" in page
    assert "Deja cualquier estiramiento que te duela" in page


def test_the_printed_handout_is_in_spanish_for_a_spanish_reader(client, clinician):
    person = make_user("ana@example.org")
    row = assign(make_share(person, clinician))
    client.force_login(person)
    body = client.get(f"/my-routines/{row.routine_id}/handout.pdf", **ES).content
    text = pdf_text(body)
    for eid in ("supine-piriformis", "supine-pillow-squeeze", "towel-hamstring"):
        assert words(latin(SPANISH.exercise(eid).name)) in text
    assert "2 x 25 s por lado" in text
    assert "2 veces al día" in text
    assert "Nota de tu profesional de la salud: Slowly, breathe out" in text
    assert "De sam@clinic.example, Riverside Physio" in text
    assert "Busca atención de urgencia ahora" in text
    assert "Escanea para abrir esta rutina en tu teléfono" in text
    assert "Seek emergency care" not in text
    assert forbidden_phrases_in(text.replace("Riverside Physio", "")) == ()


def test_a_built_in_routines_handout_in_spanish(client):
    body = client.get("/routines/relief-sequence/handout.pdf", **ES).content
    text = pdf_text(body)
    routine = SPANISH.routine("relief-sequence")
    assert words(latin(routine.name)) in text
    for ex in SPANISH.routine_exercises(routine):
        assert words(latin(ex.name)) in text
    assert "Cuidado:" in text and "Take care" not in text
    missing = client.get("/routines/relief-sequense/handout.pdf", **ES)
    assert missing.status_code == 404
    assert "relief-sequence" in missing.content.decode()


def test_the_clinicians_patient_list_speaks_spanish(clinician, desk):
    pat = make_user("ana@example.org")
    make_share(pat, clinician)
    now = datetime(2026, 11, 16, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(now, tick=False):
        make_checkin(pat, at=timezone.now(), leg=3)
        page = desk.get("/clinic/", **ES).content.decode()
    assert "<h1>Pacientes</h1>" in page
    assert "1 persona comparte su diario contigo" in page
    assert '<td data-label="Dolor de pierna" class="trend-too-early-to-tell">' in page
    assert "todavía es pronto para saber" in page
    assert "Primero las alertas" in page  # the sort choices
    assert "Patients</h1>" not in page


def test_an_invitation_goes_out_in_the_language_its_reader_picked(clinician):
    admin = make_clinician("lee@clinic.example", role="admin")
    colleague = make_user("rosa@example.org", consent=False, screened=False)
    LanguageChoice.objects.create(user=colleague, language="es", chosen_at=timezone.now())
    browser = Client()
    sign_in_clinician(browser, admin)
    browser.post("/clinic/team/", {"email": "rosa@example.org"})
    [message] = mail.outbox
    assert message.subject == "Únete a Riverside Physio en Sciatica Coach"
    assert "te invita a unirte a Riverside Physio" in message.body
    assert "Aceptar la invitación" in message.alternatives[0][0]


def test_the_patient_page_and_the_composer_speak_spanish(clinician, desk):
    pat = make_user("ana@example.org")
    row = assign(make_share(pat, clinician))
    page = desk.get(f"/clinic/patients/{pat.pk}/", **ES).content.decode()
    assert "Rutinas que asignaste" in page and "Su plan de hoy" in page
    composer = desk.get(f"/clinic/patients/{pat.pk}/routines/new/", **ES).content.decode()
    assert "Armar una rutina para ana@example.org" in composer
    assert f">{SPANISH.exercise('towel-hamstring').name} (" in composer
    assert '<option value="each">un lado y luego el otro</option>' in composer
    history = desk.get(
        f"/clinic/patients/{pat.pk}/routines/{row.routine_id}/versions/", **ES
    ).content.decode()
    assert "Versión 1" in history and "2 x 25 s por lado" in history
