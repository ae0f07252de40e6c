"""The rules' sentences in Spanish: every kind of sentence the rules and the presenter write,
said in Spanish with the Spanish catalogue's names, and a plan made in one language said again
in the other."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from stretching import i18n
from stretching.rules import Plan, in_language, plan, presenter
from stretching.rules.limits import DueItem, may_start
from stretching.rules.words import Days, for_language
from stretching.screening import forbidden_phrases_in
from stretching.symptoms import CheckIn, trend

from .test_rules import (
    CAT,
    QUAD,
    RELIEF,
    TWIST,
    TZ,
    Diary,
    at,
    hurt_on_monday,
    returned_on_thursday,
    two_green_sessions,
)

ES = i18n.catalogue("es")
ENGLISH_WORDS = [
    "the",
    "your",
    "you",
    "today",
    "stretch",
    "stretches",
    "hold",
    "holds",
    "after",
    "with",
    "session",
    "sessions",
    "paused",
    "until",
    "because",
    "again",
    "back",
    "pain",
    "leg",
    "check-in",
    "building",
    "dose",
    "full",
    "reduced",
    "stays",
    "off",
    "nothing",
    "hurt",
    "hurting",
    "routine",
    "routines",
    "please",
    "ask",
    "clinician",
    "first",
    "starts",
    "came",
    "more",
    "time",
    "times",
    "of",
    "up",
    "once",
    "twice",
    "rest",
    "sequence",
    "warm-up",
    "daily",
    "relief",
    "monday",
    "thursday",
    "sunday",
    "later",
]


def english_in(text: str) -> list[str]:
    return [
        w for w in ENGLISH_WORDS if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text, re.I)
    ]


def both(d: Diary, now: datetime) -> tuple[Plan, Plan]:
    en = plan(CAT, d.sessions, d.checkins, now, d.overrides, d.rules)
    es = plan(CAT, d.sessions, d.checkins, now, d.overrides, d.rules, lang="es")
    return en, es


def said(p: Plan, rule: str) -> list[str]:
    return [e.text for e in p.explanations if e.rule == rule]


def spanish(en: list[str], es: list[str]) -> None:
    """Each Spanish sentence differs from its English one and has no English word in it."""
    assert len(en) == len(es) and es
    for e, s in zip(en, es, strict=True):
        assert s != e
        assert english_in(s) == [], s
        assert forbidden_phrases_in(s) == (), s


def es_name(exercise_id: str) -> str:
    return ES.exercise(exercise_id).name


# --- every kind of sentence --------------------------------------------------------------------


def test_a_pause_is_said_in_spanish_with_the_spanish_name():
    d = hurt_on_monday()
    en, es = both(d, at(0, 12))
    spanish(said(en, "pause"), said(es, "pause"))
    assert said(es, "pause") == [
        f"{es_name(TWIST)} queda en pausa hasta el jueves porque te dolió hoy, y hasta que "
        "hayas hecho dos sesiones seguidas sin que nada te duela."
    ]
    d.session(at(1, 9))
    en, es = both(d, at(3, 12))
    spanish(said(en, "pause"), said(es, "pause"))
    assert said(es, "pause") == [
        f"{es_name(TWIST)} queda en pausa porque te dolió el lunes, hasta que hayas hecho "
        "una sesión más sin que nada te duela."
    ]


def test_a_pause_after_spreading_and_a_second_pause():
    d = Diary()
    d.checkin(at(0, 8))
    d.session(at(0, 9), spread=[QUAD])
    en, es = both(d, at(0, 12))
    spanish(said(en, "pause"), said(es, "pause"))
    assert "tus síntomas se extendieron más abajo por la pierna" in said(es, "pause")[0]
    d = returned_on_thursday()
    d.session(at(3, 12), hurt=[TWIST])
    en, es = both(d, at(3, 13))
    spanish(said(en, "pause"), said(es, "pause"))
    assert "porque te volvió a doler hoy" in said(es, "pause")[0]


def test_a_stretch_that_stays_off_asks_for_a_clinician_in_spanish():
    d = returned_on_thursday()
    d.session(at(3, 12), hurt=[TWIST])
    d.session(at(4, 9))
    d.session(at(5, 9))
    d.session(at(6, 13), hurt=[TWIST])
    en, es = both(d, at(7, 12))
    spanish(said(en, "stays-off"), said(es, "stays-off"))
    assert said(es, "stays-off") == [
        f"{es_name(TWIST)} queda fuera porque te volvió a doler el domingo, la segunda vez "
        "después de volver; consúltalo con un profesional de la salud antes de intentarlo "
        "otra vez."
    ]


def test_coming_back_at_a_reduced_dose():
    d = returned_on_thursday()
    en, es = both(d, at(3, 12))
    spanish(said(en, "reduced-dose"), said(es, "reduced-dose"))
    assert said(es, "reduced-dose") == [
        f"{es_name(TWIST)} volvió hoy con una dosis menor, 5 s en lugar de 15 s, después de "
        "quedar en pausa porque te dolió el lunes."
    ]


def test_holds_start_short_and_step_up_in_spanish():
    d = Diary()
    en, es = both(d, at(0, 9))
    spanish(said(en, "build-up"), said(es, "build-up"))
    piriformis = "supine-piriformis"
    if piriformis in CAT.exercises:
        [line] = [e.text for e in es.explanations if e.exercise_id == piriformis]
        assert line.startswith(f"{es_name(piriformis)} empieza con 15 s")
        assert "dos sesiones seguidas" in line
    d = two_green_sessions()
    d.checkin(at(1, 8), leg=4)
    en, es = both(d, at(1, 9))
    stepped = [t for t in said(es, "build-up") if t.startswith(es_name(QUAD))]
    assert stepped == [
        f"{es_name(QUAD)} ya va por 20 s: 5 s más tras dos sesiones seguidas (el lunes) en las "
        "que nada dolió y el registro siguiente no fue peor."
    ]
    spanish(said(en, "build-up"), said(es, "build-up"))


def test_the_person_s_own_overrides_in_spanish():
    d = hurt_on_monday()
    d.override(at(1, 10), TWIST, "resume")
    en, es = both(d, at(1, 11))
    spanish(said(en, "override"), said(es, "override"))
    assert said(es, "override") == [
        f"{es_name(TWIST)} vuelve a tu rutina porque así lo elegiste hoy; empieza de nuevo con "
        "una dosis menor, 5 s en lugar de 15 s."
    ]
    d = Diary()
    d.override(at(0, 9), QUAD, "reset-dose")
    en, es = both(d, at(0, 10))
    spanish(said(en, "override"), said(es, "override"))
    assert said(es, "override") == [
        f"{es_name(QUAD)} vuelve a su dosis completa, 30 s, porque así lo elegiste hoy."
    ]


def test_graduation_and_relapse_in_spanish():
    d = Diary()
    d.checkin(at(0, 8), leg=0, back=0)
    d.checkin(at(1, 8), leg=0, back=0)
    en, es = both(d, at(1, 9))
    spanish(said(en, "graduation"), said(es, "graduation"))
    assert said(es, "graduation") == [
        "Tu dolor de pierna y de espalda estaba en 0 el lunes y seguía en 0 hoy, al menos 24 "
        "horas después, así que el plan ha pasado a la rutina Calentamiento diario."
    ]
    d.checkin(at(3, 8), leg=0, back=2)
    en, es = both(d, at(3, 9))
    spanish(said(en, "relapse"), said(es, "relapse"))
    assert said(es, "relapse") == [
        "Tu dolor volvió (pierna 0, espalda 2) hoy, así que el plan vuelve a la rutina "
        "Secuencia de alivio."
    ]


def test_a_shorter_routine_on_worse_days_in_spanish():
    d = Diary()
    d.checkin(at(0, 8), left=3, context="morning")
    d.session(at(0, 9), spread=[QUAD])
    d.checkin(at(0, 9, 10), left=4, context="after")
    d.checkin(at(1, 8), left=4, context="morning")
    en, es = both(d, at(1, 9))
    spanish(said(en, "shortened"), said(es, "shortened"))
    assert said(es, "shortened") == [
        "Tus síntomas se extendieron más abajo por la pierna el lunes y en tu registro de hoy "
        "todavía llegaban por debajo de la rodilla, así que tus rutinas se quedan con sus "
        "estiramientos más suaves hasta que tus síntomas vuelvan a donde estaban."
    ]


@pytest.mark.parametrize(
    "tick,words",
    [
        ({"numbness": True}, "entumecimiento u hormigueo"),
        ({"weakness": True}, "debilidad"),
        ({"right": 3}, "síntomas en las dos piernas"),
    ],
)
def test_the_safety_questions_again_in_spanish(tick, words):
    d = Diary()
    d.checkin(at(0, 8))
    d.checkin(at(1, 8), **tick)
    en, es = both(d, at(1, 9))
    spanish(said(en, "tier-a"), said(es, "tier-a"))
    assert said(es, "tier-a") == [
        f"Tu registro de hoy muestra algo nuevo ({words}), así que responde otra vez las "
        "preguntas rápidas de seguridad antes de tu próxima sesión."
    ]


def test_the_daily_limit_and_what_is_due_in_spanish():
    item = DueItem(RELIEF, "relief", done=10, started=10, minimum=1, maximum=10, time_of_day="")
    name = ES.routines[RELIEF].name
    for started, ok in ((10, False), (3, True)):
        it = DueItem(RELIEF, "relief", started, started, 1, 10, "any")
        en_ok, en_text = may_start(it, "Relief sequence", False)
        es_ok, es_text = may_start(it, name, False, for_language("es"))
        assert en_ok == es_ok == ok
        spanish([en_text], [es_text])
    other = DueItem("hip-flexor", "other", 2, 2, 1, 2, "any")
    spanish(
        [may_start(other, "x", False)[1]], [may_start(other, "x", False, for_language("es"))[1]]
    )
    spanish([may_start(item, "x", True)[1]], [may_start(item, "x", True, for_language("es"))[1]])
    assert may_start(item, name, False, for_language("es"))[1].startswith(
        f"Hoy ya hiciste 10 sesiones de {name}, el máximo que pide la rutina."
    )
    es = plan(CAT, [], [], at(0, 9), lang="es")
    due = es.due_for(RELIEF)
    assert due is not None and due.text == "0 de un máximo de 10"
    assert es.routine_names[RELIEF] == name
    assert es.can_start("nope") == (False, "No hay ninguna rutina llamada 'nope'.")


def test_day_words_and_numbers_in_spanish():
    w = for_language("es")
    days = Days(at(7, 12), TZ, w)
    assert days.name(at(7, 8)) == "hoy"
    assert days.name(at(4, 8)) == "el viernes"
    assert days.name(datetime(2025, 11, 3, 9, tzinfo=TZ)) == "el lunes 3 nov"
    assert days.until(at(7, 20)) == "hasta más tarde hoy"
    assert days.on_each([at(5), at(6), at(7)]) == "el sábado, el domingo y hoy"
    assert [w.number(n) for n in (1, 2, 3, 12)] == ["una", "dos", "tres", "12"]
    assert [w.times(n) for n in (1, 2, 5)] == ["una vez", "dos veces", "cinco veces"]


# --- the presenter ----------------------------------------------------------------------------


def test_the_whole_presentation_in_spanish():
    d = returned_on_thursday()
    d.session(at(3, 12), hurt=[TWIST])
    en_plan = plan(CAT, d.sessions, d.checkins, at(3, 13), d.overrides, d.rules)
    en = presenter.present(en_plan, CAT)
    es = presenter.present(en_plan, CAT, lang="es")  # a plan made in English, said in Spanish
    assert es.lang == "es" and en.lang == "en"
    assert es.headline == "Secuencia de alivio" and en.headline == "Relief sequence"
    spanish([en.why, en.build_up_rule], [es.why, es.build_up_rule])
    [p_en], [p_es] = en.paused, es.paused
    assert p_es.name == es_name(TWIST)
    assert p_es.status == "En pausa hasta el domingo"
    spanish(
        [p_en.status, p_en.reason, p_en.override_help],
        [p_es.status, p_es.reason, p_es.override_help],
    )
    assert p_es.override.action == "resume" and p_es.override.button != p_en.override.button
    assert len(en.doses) == len(es.doses) and es.doses
    for a, b in zip(en.doses, es.doses, strict=True):
        assert b.name == es_name(b.exercise_id)
        assert b.text.endswith(f"hoy, subiendo hasta {b.full}")
        spanish([a.text, a.reason, a.override_help], [b.text, b.reason, b.override_help])
    assert all(not english_in(n.text) for n in es.notes)
    assert english_in(es.trend_line) == []


def test_a_paused_stretch_waiting_for_sessions_and_one_that_stays_off():
    d = hurt_on_monday()
    d.session(at(1, 9))
    es = presenter.present(plan(CAT, d.sessions, d.checkins, at(3, 12)), CAT, lang="es")
    assert es.paused[0].status == "En pausa hasta que hagas 1 sesión más sin que nada te duela"
    d = returned_on_thursday()
    for when, hurt in ((at(3, 12), [TWIST]), (at(4, 9), []), (at(5, 9), []), (at(6, 13), [TWIST])):
        d.session(when, hurt=hurt)
    en = presenter.present(plan(CAT, d.sessions, d.checkins, at(7, 12)), CAT)
    es = presenter.present(plan(CAT, d.sessions, d.checkins, at(7, 12)), CAT, lang="es")
    spanish(
        [en.paused[0].status, en.paused[0].override_help],
        [es.paused[0].status, es.paused[0].override_help],
    )
    assert es.paused[0].status == "Queda fuera"


def test_the_warm_up_why_in_spanish():
    d = Diary()
    d.checkin(at(0, 8), leg=0, back=0)
    d.checkin(at(1, 8), leg=0, back=0)
    en, es = both(d, at(1, 9))
    a, b = presenter.present(en, CAT), presenter.present(es, CAT)
    assert b.headline == "Calentamiento diario"
    spanish([a.why], [b.why])


def test_a_plan_said_again_keeps_its_decisions_and_english_stays_as_it_was():
    d = returned_on_thursday()
    d.session(at(3, 12), hurt=[TWIST])
    en, es = both(d, at(3, 13))
    again = in_language(en, "es")
    assert again.explanations == es.explanations
    assert again.due == es.due and again.paused == es.paused and again.doses == es.doses
    assert again.adjustments == es.adjustments
    back = in_language(es, "en")
    assert back.explanations == en.explanations and back.due == en.due
    assert in_language(en, "en") is en
    assert presenter.present(es, CAT, lang="en") == presenter.present(en, CAT)
    notes = presenter.routine_notes(en, RELIEF, "es")
    assert notes.by_exercise[TWIST] == said(es, "pause")[0]


def _checkin(day: int, leg: int, extent: int) -> CheckIn:
    return CheckIn(at=at(day, 9), leg_pain=leg, back_pain=2, extent_left=extent)


TREND_CASES = {
    "no check-ins": ([], "not enough data", "No hay registros en los últimos 7 días."),
    "one check-in": ([(1, 5, 3)], "not enough data", "Solo hay un registro"),
    "pain rose and spread": ([(1, 3, 2), (3, 6, 4)], "worse", "bajo la rodilla en lugar de"),
    "pain rose": ([(1, 3, 2), (3, 6, 2)], "worse", "El dolor de pierna pasó de 3 a 6 desde"),
    "spread": ([(1, 3, 2), (3, 3, 4)], "worse", "más abajo en la pierna que el"),
    "fell and moved up": ([(1, 6, 4), (2, 5, 2), (3, 3, 2)], "improving", "suben hacia"),
    "fell": ([(1, 6, 2), (3, 3, 2)], "improving", "pasó de 6 a 3"),
    "moved up and held": ([(1, 4, 4), (2, 4, 0), (3, 4, 0)], "improving", "ya no llegaban"),
    "same": ([(1, 4, 2), (3, 4, 2)], "about the same", "igual que el"),
    "less far, not held": ([(1, 4, 3), (3, 5, 2)], "about the same", "si se mantiene"),
}


@pytest.mark.parametrize("case", TREND_CASES)
def test_every_kind_of_trend_sentence_is_said_in_spanish(case):
    rows, verdict, spanish = TREND_CASES[case]
    checkins = [_checkin(*row) for row in rows]
    now = at(3, 20)
    english = trend(checkins, now)
    said = trend(checkins, now, words=for_language("es"))
    assert said.verdict == english.verdict == verdict
    assert spanish in said.reason
    assert english_in(said.reason) == []
    assert said.reason != english.reason
