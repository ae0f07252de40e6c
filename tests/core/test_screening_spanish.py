"""The safety screen in Spanish: every question, every result and every word of the safety gate,
from data/es/screening.toml, checked on load; the meaning of the answers never changes."""

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from stretching import gate, i18n, screening
from stretching.catalogue import DATA_DIR
from stretching.gate import Facts, FullScreen, QuickCheck, may_start
from stretching.i18n import TranslationError, load_screen_words
from stretching.screening import QUESTIONS, TIER_A, evaluate, forbidden_phrases_in, recheck

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
ES = screening.words("es")


def answers(*yes: str) -> dict[str, bool]:
    return {q.id: q.id in yes for q in QUESTIONS}


def test_every_question_has_its_spanish_text_and_help():
    assert [(q.id, q.tier) for q in ES.questions] == [(q.id, q.tier) for q in QUESTIONS]
    for en, es in zip(QUESTIONS, ES.questions, strict=True):
        assert es.text and es.text != en.text, en.id
        assert es.text.startswith("¿") and es.text.endswith("?"), en.id
        assert bool(es.help) == bool(en.help), en.id
        assert es.help != en.help or en.help is None, en.id
        assert not forbidden_phrases_in(es.text + " " + (es.help or "")), en.id
    assert screening.questions("es") == ES.questions
    assert screening.questions() == QUESTIONS
    assert ES.tier("A") == screening.questions("es")[: len(TIER_A)]


def test_every_result_and_gate_word_is_spanish_and_says_nothing_forbidden():
    for name in screening.RESULT_WORDS:
        text = ES.result(name)
        assert text != screening.ENGLISH.result(name) and not forbidden_phrases_in(text), name
    for name in gate.GATE_WORDS:
        text = gate.say(name, "es")
        assert text != gate.say(name) and not forbidden_phrases_in(text), name


def test_the_full_screen_means_the_same_in_spanish():
    for yes in [(), ("a1",), ("a9",), ("a9", "a4"), ("b3",), ("b1", "b10")]:
        en, es = evaluate(answers(*yes)), evaluate(answers(*yes), lang="es")
        assert (es.status, es.locked) == (en.status, en.locked)
        assert [q.id for q in es.reasons] == [q.id for q in en.reasons]
        assert es.headline != en.headline and es.message != en.message
        assert es.reasons == tuple(ES.by_id[q.id] for q in en.reasons)
    assert evaluate(answers(), lang="es").headline == "Puedes seguir con las rutinas"
    emergency = evaluate(answers("a2"), lang="es")
    assert emergency.headline == "Detente y busca atención de urgencia ahora"
    clinician = evaluate(answers("b2"), lang="es")
    assert "profesional de la salud" in clinician.message


def test_a_clinicians_go_ahead_names_the_day_in_spanish():
    result = evaluate(answers("b1"), cleared_on=date(2026, 12, 4), lang="es")
    assert result.status == "cleared-by-clinician"
    assert "el 4 de diciembre de 2026." in result.message
    english = evaluate(answers("b1"), cleared_on=date(2026, 12, 4))
    assert "on 4 December 2026." in english.message
    assert english.in_language("es") == result and result.in_language("en") == english


def test_the_quick_check_in_spanish():
    clear = recheck([], "es")
    assert clear.status == "clear" and clear.message.startswith("Adelante con la sesión de hoy")
    assert recheck([]).in_language("es") == clear
    locked = recheck(["a5"], "es")
    assert locked.locked and locked.reasons[0].text.startswith("¿Se te está debilitando")
    assert gate.quick_check_question("es").startswith("Antes de empezar")
    assert gate.quick_check_question() == gate.QUICK_CHECK_QUESTION


def test_the_gate_answers_in_spanish_and_the_same_way():
    screen = FullScreen(answers(), NOW - timedelta(minutes=5))
    cases = [
        Facts("withdrawn"),
        Facts("not-given"),
        Facts("given"),
        Facts("given", FullScreen(answers("a3"), NOW)),
        Facts("given", FullScreen(answers("b5"), NOW)),
        Facts("given", screen, QuickCheck({q.id: q.id == "a1" for q in TIER_A}, NOW)),
        Facts("given", screen, recheck_asked_at=NOW - timedelta(minutes=1)),
        Facts("given", FullScreen(answers(), NOW - timedelta(hours=2))),
    ]
    for facts in cases:
        en, es = may_start(facts, NOW), may_start(facts, NOW, lang="es")
        assert (es.step, es.where, es.warn) == (en.step, en.where, en.warn)
        assert [q.id for q in es.reasons] == [q.id for q in en.reasons]
        assert es.text != en.text and not forbidden_phrases_in(es.text)
    assert may_start(Facts("given", screen), NOW, lang="es").allowed


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(DATA_DIR, root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def test_a_broken_spanish_screen_names_every_problem(data):
    path = data / "es/screening.toml"
    edit(path, "[questions.b2]", "[questions.b22]")
    edit(path, 'help = "La debilidad', 'ayuda = "La debilidad')
    edit(path, "para hacer ejercicio el {day}.", "para hacer ejercicio.")
    edit(path, '"Puedes seguir con las rutinas"', '"Estos estiramientos curan la ciática"')
    edit(path, '"Responde las preguntas de seguridad', '"Un diagnosticar')
    edit(path, "[gate]", "[gate]\nextra = 'x'")
    with pytest.raises(TranslationError) as caught:
        load_screen_words("es", data)
    text = str(caught.value)
    for expected in (
        "es/screening.toml: questions.b22: is not a known field",
        "questions.b2: is missing",
        "questions.b7.ayuda: is not a known field",
        "questions.b7.help: is missing",
        "results.cleared_message: has placeholders none where the English has {day}",
        "results.clear_headline: says what the product never says: curan",
        "gate.need_screen: says what the product never says: diagnosticar",
        "gate.extra: is not a known field",
    ):
        assert expected in text, (expected, text)


def test_the_spanish_words_are_loaded_once():
    assert i18n.screen_words("es") is i18n.screen_words("es") is ES
    assert screening.words("en") is screening.ENGLISH
