"""The timeline speaks the catalogue's language: a Spanish catalogue compiles to Spanish steps
with the same kinds, durations and sides as the English, and English stays as it was."""

import re

import pytest

from stretching import catalogue, custom, i18n, positions
from stretching.timeline import Adjustments, compile_timeline, side_label

ENGLISH_WORDS = {
    word.lower()
    for english in i18n.phrases("es").texts
    for word in re.findall(r"[A-Za-z]{3,}", re.sub(r"\{\w+\}", " ", english))
}
"""Every word the timeline writes in English (the keys of the Spanish phrases file)."""
ALSO_SPANISH: set[str] = set()
"""Words of the English phrases that a Spanish sentence may hold as Spanish words (none yet)."""


def english_words_in(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)} & (ENGLISH_WORDS - ALSO_SPANISH)


def texts(step):
    return [t for t in (step.say, step.show, step.cue, step.side_label, step.check_say) if t]


@pytest.fixture(scope="module")
def both():
    return catalogue.default(), i18n.catalogue("es")


def test_the_translated_catalogue_says_its_language(both):
    english, spanish = both
    assert english.lang == "en" and spanish.lang == "es"


@pytest.mark.parametrize("routine_id", sorted(catalogue.default().routines))
def test_each_spanish_timeline_has_the_english_steps_and_no_english_phrase(both, routine_id):
    english, spanish = both
    en = compile_timeline(english, routine_id)
    es = compile_timeline(spanish, routine_id)
    assert len(es.steps) == len(en.steps)
    for a, b in zip(en.steps, es.steps, strict=True):
        same = ("kind", "start", "duration", "side", "exercise_id", "repetition", "reps", "usual")
        assert [getattr(a, k) for k in same] == [getattr(b, k) for k in same]
        assert b.check_ends_on == a.check_ends_on  # an answer's id, never shown
        assert b.say != a.say and b.show != a.show, (b.say, b.show)
        for text in texts(b):
            assert not english_words_in(text), (routine_id, b.index, text)
    assert es.total_seconds == en.total_seconds and es.usual_seconds == en.usual_seconds


def test_the_relief_sequence_in_spanish_reads_as_spanish(both):
    _, spanish = both
    steps = compile_timeline(spanish, "relief-sequence").steps
    says = " ".join(s.say for s in steps)
    assert steps[0].say.startswith("Primero: ")
    assert "Sigue: " in says and "Baja al suelo despacio." in says
    holds = [s for s in steps if s.kind == "hold" and s.side == "left"]
    assert holds[0].say.startswith("Mantén, pierna izquierda estirada.")
    assert holds[0].show.startswith("Mantén 30 s, pierna izquierda estirada")
    assert holds[0].side_label == "Pierna izquierda estirada"
    switch = next(s for s in steps if s.kind == "switch")
    assert switch.show == "Cambio de lado" and "Ahora, pierna derecha estirada." in switch.say
    assert "Estira primero la pierna izquierda." in says
    assert steps[-1].show == "Fin" and steps[-1].say.startswith("Aquí termina la rutina")


def test_the_resting_position_asks_the_thigh_test_in_spanish(both):
    _, spanish = both
    opens = [
        s
        for rid in spanish.routines
        for s in compile_timeline(spanish, rid).steps
        if s.kind == "open"
    ]
    if not opens:
        pytest.skip("no routine has a resting position")
    for s in opens:
        assert s.check_say and s.check_say.startswith("Prueba del muslo.")
        assert "Te voy a preguntar por el muslo cada" in s.say
        assert s.check_ends_on == "top"


def test_english_and_spanish_never_share_a_cached_timeline(both):
    english, spanish = both
    en = compile_timeline(english, "relief-sequence")
    es = compile_timeline(spanish, "relief-sequence")
    assert en is compile_timeline(english, "relief-sequence")
    assert es is compile_timeline(spanish, "relief-sequence")
    assert en.steps[0].say.startswith("First: ") and es.steps[0].say.startswith("Primero: ")


def test_an_adjusted_spanish_timeline_is_spanish_too(both):
    _, spanish = both
    tl = compile_timeline(spanish, "relief-sequence", Adjustments(hold_scale=0.5))
    assert all(not english_words_in(t) for s in tl.steps for t in texts(s))


def test_a_custom_routine_keeps_the_language(both):
    english, spanish = both
    data = {
        "name": "Mañanas",
        "exercises": [{"exercise_id": "supine-piriformis"}, {"exercise_id": "towel-hamstring"}],
    }
    mine = custom.read_custom(data, english, "clinic-1")
    assert custom.with_routines(spanish, [mine]).lang == "es"
    assert custom.routine_catalogue(spanish, mine).lang == "es"
    es = custom.compile_custom(spanish, mine)
    en = custom.compile_custom(english, mine)
    assert [s.duration for s in es.steps] == [s.duration for s in en.steps]
    assert es.steps[0].say.startswith("Primero: ") and en.steps[0].say.startswith("First: ")
    assert all(not english_words_in(t) for s in es.steps for t in texts(s))


def test_side_labels_and_ready_times_in_both_languages(both):
    english, spanish = both
    ex = english.exercise("bedside-knee-twist")
    assert side_label(ex, "left") == "left leg stretched"
    assert side_label(spanish.exercise(ex.id), "right", "es") == "pierna derecha estirada"
    assert positions.ready_times() == (
        "10 seconds to get ready in the same position, 20 for a new one and 30 to get down to "
        "the floor or up from it"
    )
    assert positions.ready_times("es").startswith("10 segundos para prepararte")
