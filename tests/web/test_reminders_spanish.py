"""Reminders in Spanish: the worker writes each email in the recipient's language (the language
they picked, else the one their page spoke when they saved their reminders or asked for the
tips), subject and body, text and HTML; the reminders pages follow the browser's language."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from coach.reminders.models import ReminderSettings, TipSubscription
from coach.reminders.scheduler import tick
from stretching import i18n, tips
from stretching.screening import forbidden_phrases_in

from .factories import make_session, make_user
from .reminder_helpers import make_reminders, run_worker, speaks

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
PARIS = ZoneInfo("Europe/Paris")
SPANISH_NAME = "Isquiotibiales de la mañana"
ES = {"HTTP_ACCEPT_LANGUAGE": "es"}


def run_minutes(start: datetime, minutes: int) -> None:
    for n in range(minutes + 1):
        with time_machine.travel(start + timedelta(minutes=n), tick=False):
            tick()
            run_worker()


def test_a_spanish_speaker_gets_the_reminder_in_spanish_and_an_english_speaker_in_english():
    ana, alice = make_user("ana@example.org"), make_user("alice@example.org")
    speaks(ana, "es")
    make_reminders(ana, times={"morning-hamstring": ["07:30"]})
    make_reminders(alice, times={"morning-hamstring": ["07:30"]})
    run_minutes(datetime(2026, 11, 16, 7, 29, tzinfo=LONDON), 2)
    sent = {m.to[0]: m for m in mail.outbox}
    assert set(sent) == {"ana@example.org", "alice@example.org"}

    spanish = sent["ana@example.org"]
    assert spanish.subject == f"Es hora de tu rutina: {SPANISH_NAME}"
    assert f"Es hora de tu rutina: {SPANISH_NAME}." in spanish.body
    assert "Deja cualquier estiramiento que te duela." in spanish.body
    assert "Empieza ahora: http://127.0.0.1:8000/routines/morning-hamstring/play/" in spanish.body
    assert "Time for" not in spanish.body and "Start now" not in spanish.body
    html, _ = spanish.alternatives[0]
    assert '<html lang="es">' in html
    assert ">Empieza ahora</a>" in html
    assert "Ya no quiero estos correos" in html
    assert spanish.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert forbidden_phrases_in(spanish.subject + spanish.body + html) == ()

    english = sent["alice@example.org"]
    assert english.subject == "Time for your morning hamstring"
    assert "Start now: http://127.0.0.1:8000/routines/morning-hamstring/play/" in english.body
    assert '<html lang="en">' in english.alternatives[0][0]
    assert forbidden_phrases_in(english.subject + english.body) == ()


def test_the_spanish_follow_up_and_what_changed_after_a_stretch_hurt():
    ana = make_user("ana@example.org")
    speaks(ana, "es")
    make_reminders(ana, times={"relief": ["09:00"]}, follow_up=True)
    make_session(
        ana,
        started_at=datetime(2026, 11, 15, 18, 0, tzinfo=LONDON),
        hurt=("supine-pillow-squeeze",),
    )
    run_minutes(datetime(2026, 11, 16, 8, 59, tzinfo=LONDON), 2)
    run_minutes(datetime(2026, 11, 16, 10, 29, tzinfo=LONDON), 2)
    first, follow_up = mail.outbox
    exercise = i18n.catalogue("es").exercise("supine-pillow-squeeze").name
    assert first.subject == "Es hora de tu rutina: Secuencia de alivio"
    assert "Tu plan cambió porque un estiramiento te dolió:" in first.body
    assert f"- {exercise} queda en pausa un tiempo porque te dolió" in first.body
    assert f"<li>{exercise} queda en pausa" in first.alternatives[0][0]
    assert "paused" not in first.body
    assert forbidden_phrases_in(first.body + follow_up.body) == ()
    assert follow_up.subject == "Todavía tienes tiempo hoy para tu rutina: Secuencia de alivio"
    assert "Sin presión." in follow_up.body


def test_the_language_the_page_spoke_when_saving_is_used_without_a_pick(client):
    ana = make_user("ana@example.org")
    client.force_login(ana)
    form = {
        "zone": "Europe/London",
        "days": [str(d) for d in range(7)],
        "quiet_start": "22:00",
        "quiet_end": "07:00",
        "times_morning_hamstring": "07:30",
        "email": "on",
    }
    with time_machine.travel(datetime(2026, 11, 16, 6, 0, tzinfo=LONDON), tick=False):
        response = client.post("/reminders/", form, HTTP_ACCEPT_LANGUAGE="es", follow=True)
    assert "Tus recordatorios quedaron guardados." in response.content.decode()
    assert ReminderSettings.objects.get(user=ana).language == "es"
    run_minutes(datetime(2026, 11, 16, 7, 29, tzinfo=LONDON), 2)
    [message] = mail.outbox
    assert message.subject == f"Es hora de tu rutina: {SPANISH_NAME}"


def test_a_pick_of_english_wins_over_the_page_language_kept_with_the_settings():
    alice = make_user("alice@example.org")
    speaks(alice, "en")
    rs = make_reminders(alice, times={"morning-hamstring": ["07:30"]})
    rs.language = "es"
    rs.save()
    run_minutes(datetime(2026, 11, 16, 7, 29, tzinfo=LONDON), 2)
    [message] = mail.outbox
    assert message.subject == "Time for your morning hamstring"


def link(message, prefix: str) -> str:
    return re.search(rf"http://127\.0\.0\.1:8000({prefix}[^\s\"<>]+)", message.body).group(1)


def test_tips_asked_for_in_spanish_come_in_spanish_with_the_spanish_tips(client):
    now = datetime(2026, 11, 16, 10, 0, tzinfo=PARIS)
    with time_machine.travel(now, tick=False):
        client.post(
            "/reminders/tips/",
            {"email": "lector@example.org", "send_time": "08:15", "zone": "Europe/Paris"},
            HTTP_ACCEPT_LANGUAGE="es",
        )
    [confirm] = mail.outbox
    assert confirm.subject == "Confirma los diez consejos por correo"
    assert "Confirma aquí en los próximos 3 días:" in confirm.body
    path = link(confirm, "/reminders/tips/confirm/")
    with time_machine.travel(now + timedelta(hours=1), tick=False):
        page = client.get(path, HTTP_ACCEPT_LANGUAGE="es").content.decode()
        assert "Sí, mándame los consejos" in page
        # The link is followed on another device, in English: the tips keep the asked language.
        client.post(path, HTTP_ACCEPT_LANGUAGE="en")
    assert TipSubscription.objects.get().language == "es"
    mail.outbox.clear()
    for day in (17, 18):
        for minute in (14, 15, 16):
            with time_machine.travel(datetime(2026, 11, day, 8, minute, tzinfo=PARIS), tick=False):
                tick()
                run_worker()
    spanish = i18n.tips("es")
    assert [m.subject for m in mail.outbox] == [
        f"Consejo {n} de 10: {spanish.number(n).title}" for n in (1, 2)
    ]
    first = mail.outbox[0]
    assert spanish.number(1).paragraphs[0] in first.body
    assert f"Prueba hoy: {spanish.number(1).try_today}" in first.body
    assert tips.default().number(1).title not in first.body
    html, _ = first.alternatives[0]
    assert '<html lang="es">' in html
    assert f'<h1 style="font-size: 1.4em;">{spanish.number(1).title}</h1>' in html
    assert "Consejo 1 de 10" in html
    assert forbidden_phrases_in(confirm.body + first.subject + first.body) == ()


def test_a_signed_in_readers_pick_decides_the_tips_language():
    alice = make_user("alice@example.org")
    speaks(alice, "es")
    now = datetime(2026, 11, 16, 10, 0, tzinfo=PARIS)
    TipSubscription.objects.create(
        email=alice.email,
        user=alice,
        confirmed_at=now,
        zone="Europe/Paris",
        send_time=datetime(2026, 1, 1, 8, 15).time(),
        next_at=datetime(2026, 11, 17, 8, 15, tzinfo=PARIS),
        language="en",
    )
    run_minutes(datetime(2026, 11, 17, 8, 14, tzinfo=PARIS), 2)
    [message] = mail.outbox
    assert message.subject == f"Consejo 1 de 10: {i18n.tips('es').number(1).title}"


def test_the_reminders_page_speaks_spanish_with_a_spanish_browser(client):
    client.force_login(make_user("ana@example.org"))
    page = client.get("/reminders/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<html lang="es"' in page
    assert "<h1>Recordatorios</h1>" in page
    assert "Isquiotibiales de la mañana (una vez, por la mañana)" in page
    assert "Guardar recordatorios" in page
    assert "Zona horaria" in page
    assert "Save reminders" not in page


def test_a_problem_with_the_chosen_times_is_said_in_spanish(client):
    client.force_login(make_user("ana@example.org"))
    form = {
        "zone": "Europe/London",
        "days": ["0", "1"],
        "times_morning_hamstring": "07:30, 07:30",
        "email": "on",
    }
    page = client.post("/reminders/", form, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Isquiotibiales de la mañana: elegiste la misma hora dos veces." in page


def test_a_pushed_reminder_is_in_spanish_too(monkeypatch):
    from coach.reminders import push
    from coach.reminders.models import PushSubscription

    ana = make_user("ana@example.org")
    speaks(ana, "es")
    make_reminders(ana, times={"morning-hamstring": ["07:30"]}, email=False, push=True)
    PushSubscription.objects.create(
        user=ana, endpoint="https://push.example/ana", p256dh="key", auth="secret"
    )
    pushed = []
    monkeypatch.setattr(push, "send", lambda subscription, data: pushed.append(data) or True)
    run_minutes(datetime(2026, 11, 16, 7, 29, tzinfo=LONDON), 2)
    [data] = pushed
    assert data["title"] == f"Es hora de tu rutina: {SPANISH_NAME}"
    assert data["body"] == f"Es hora de tu rutina: {SPANISH_NAME}."
    assert data["url"] == "http://127.0.0.1:8000/routines/morning-hamstring/play/"
    assert data["action"] == "Empieza ahora"


def test_a_pause_is_said_with_a_spanish_date(client):
    ana = make_user("ana@example.org")
    make_reminders(ana)
    client.force_login(ana)
    with time_machine.travel(datetime(2026, 11, 16, 7, 30, tzinfo=LONDON), tick=False):
        response = client.post("/reminders/pause/", {"days": "3"}, follow=True, **ES)
    page = response.content.decode()
    assert "Los recordatorios están en pausa hasta el jueves 19 de noviembre, 07:30." in page
    assert "Todos los recordatorios están en pausa hasta el jueves 19 de noviembre, 07:30." in page
