"""The catalogue, the tips and the timeline's phrases in Spanish: every field that says something
has its Spanish, the structure stays the English's, nothing forbidden is said, and a broken
Spanish file is reported with its file and field, every problem at once."""

import dataclasses
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pytest

from stretching import catalogue, i18n, positions, timeline, tips
from stretching.catalogue import DATA_DIR, Exercise
from stretching.i18n import TranslationError, text_fields, translate, translate_tips
from stretching.screening import TIER_A, forbidden_phrases_in

ES = DATA_DIR / "es"


@pytest.fixture(scope="module")
def english():
    return catalogue.default()


@pytest.fixture(scope="module")
def spanish():
    return i18n.catalogue("es")


@pytest.fixture
def data(tmp_path):
    """A copy of the shipped data, English and Spanish, to break."""
    root = tmp_path / "data"
    shutil.copytree(DATA_DIR, root)
    return root


def leaves(value, path=""):
    """Every (path, value) at the bottom of a dataclass tree, in order."""
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from leaves(getattr(value, f.name), f"{path}{f.name}.")
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from leaves(item, f"{path}[{i}].")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{path}{key}.")
    else:
        yield path.rstrip("."), value


def spanish_texts(series, phrases):
    c = i18n.catalogue("es")
    for item in (*c.exercises.values(), *c.routines.values(), *series.tips):
        for path, value in leaves(item):
            if isinstance(value, str):
                yield f"{getattr(item, 'id', getattr(item, 'slug', ''))}: {path}", value
    yield from phrases.texts.items()


def test_every_exercise_and_routine_says_everything_in_spanish(english, spanish):
    """Every text the English says has a Spanish text in its place, and only text changed: ids,
    doses, sides, positions, order and sources are the English's."""
    text_names = {
        tf.name for cls in (Exercise, catalogue.Cues, catalogue.Dose) for tf in text_fields(cls)
    } | {tf.name for cls in (catalogue.Routine, catalogue.Frequency) for tf in text_fields(cls)}
    for kind in ("exercises", "routines"):
        en_items, es_items = getattr(english, kind), getattr(spanish, kind)
        assert list(es_items) == list(en_items)
        for key, item in en_items.items():
            en_leaves = dict(leaves(item))
            es_leaves = dict(leaves(es_items[key]))
            assert list(es_leaves) == list(en_leaves), key
            for path, value in en_leaves.items():
                name = re.sub(r"\.?\[\d+\]$", "", path).rsplit(".", 1)[-1]
                if name in text_names and value:
                    assert es_leaves[path] != value or len(value.split()) < 3, (key, path)
                else:
                    assert es_leaves[path] == value, (key, path)


def test_the_translatable_fields_come_from_the_dataclasses():
    @dataclass(frozen=True)
    class Inner:
        words: str
        choice: Literal["a", "b"]

    @dataclass(frozen=True)
    class Outer:
        id: str
        title: str
        steps: tuple[str, ...]
        sources: tuple[str, ...]
        count: int
        inner: Inner
        inners: tuple[Inner, ...]
        optional: Inner | None = None

    found = [(f.name, f.kind) for f in text_fields(Outer)]
    assert found == [
        ("title", "text"),
        ("steps", "texts"),
        ("inner", "table"),
        ("inners", "tables"),
        ("optional", "table"),
    ]


def test_a_text_field_added_to_exercise_later_needs_its_spanish_at_once(english):
    @dataclass(frozen=True)
    class Tagged(Exercise):
        tagline: str = ""

    ex = english.exercise("ankle-pumps")
    tagged = Tagged(**{f.name: getattr(ex, f.name) for f in dataclasses.fields(ex)}, tagline="New")
    c = catalogue.Catalogue({**english.exercises, "ankle-pumps": tagged}, english.routines)
    with pytest.raises(TranslationError) as caught:
        translate(c, "es")
    assert [str(p) for p in caught.value.problems] == [
        "es/exercises/ankle-pumps.toml: tagline: is missing"
    ]


def test_a_field_the_english_data_gains_later_needs_its_spanish(data):
    path = data / "exercises" / "ankle-pumps.toml"
    text = path.read_text().replace("gentle = true\n", 'gentle = true\ngentler_variant = "Less."\n')
    path.write_text(text)
    with pytest.raises(TranslationError) as caught:
        translate(catalogue.load(data), "es", data)
    assert [str(p) for p in caught.value.problems] == [
        "es/exercises/ankle-pumps.toml: gentler_variant: is missing"
    ]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def test_every_problem_in_the_spanish_files_is_reported_together(data):
    es = data / "es"
    edit(es / "exercises/cat-pose.toml", '  "Empieza con la espalda plana', '  # "')
    edit(es / "exercises/cat-pose.toml", 'release = "', 'nombre = "Gato"\nrelease = "')
    edit(es / "exercises/towel-hamstring.toml", "name = ", 'position = "supine"\nname = ')
    edit(es / "exercises/knees-to-chest.toml", "[cues]\n", '[cues]\nswitch = "Cambia."\n')
    edit(es / "exercises/ankle-pumps.toml", 'short_name = "Bombeo de tobillos"\n', "")
    edit(es / "exercises/supine-butterfly.toml", "Boca arriba y con", "Esto cura la ciática. Con")
    english_summary = re.search(r'summary = ".*"', (data / "routines/legs.toml").read_text())
    (es / "routines/legs.toml").write_text(f'name = "Piernas"\n{english_summary.group(0)}\n')
    (es / "routines/hip-flexor.toml").unlink()
    shutil.copy(es / "exercises/cat-pose.toml", es / "exercises/cat-posse.toml")
    with pytest.raises(TranslationError) as caught:
        translate(catalogue.load(data), "es", data)
    problems = sorted(str(p) for p in caught.value.problems)
    assert problems == [
        "es/exercises/ankle-pumps.toml: short_name: is missing",
        "es/exercises/cat-pose.toml: cues.nombre: is not a field to translate",
        "es/exercises/cat-pose.toml: instructions: has 4 items where the English has 5",
        "es/exercises/cat-posse.toml: (file): names no exercise (did you mean cat-pose?)",
        "es/exercises/knees-to-chest.toml: cues.switch: has no English text to translate: "
        "leave it out",
        "es/exercises/supine-butterfly.toml: summary: says what the product never says: cura",
        "es/exercises/towel-hamstring.toml: position: is not text to translate: it belongs in "
        "the English file only",
        "es/routines/hip-flexor.toml: (file): is missing: the routine 'hip-flexor' needs it",
        "es/routines/legs.toml: summary: is the English text: write it in the file's language",
    ]
    assert "The Spanish text has 9 problem(s)" in str(caught.value)


def test_a_broken_spanish_file_is_named(data):
    (data / "es/exercises/cat-pose.toml").write_text('name = "Gato\n')
    with pytest.raises(TranslationError) as caught:
        translate(catalogue.load(data), "es", data)
    [problem] = caught.value.problems
    assert (problem.file, problem.field) == ("es/exercises/cat-pose.toml", "(file)")
    assert "is not valid TOML" in problem.message


def test_the_ten_tips_read_in_spanish_with_every_emergency_sign():
    english, spanish = tips.default(), i18n.tips("es")
    assert [(t.number, t.slug) for t in spanish.tips] == [(t.number, t.slug) for t in english.tips]
    for en, es in zip(english.tips, spanish.tips, strict=True):
        assert len(es.paragraphs) == len(en.paragraphs), en.slug
        assert es.title != en.title and es.try_today != en.try_today, en.slug
        assert es.exercise_ids == en.exercise_ids and es.sources == en.sources
        assert set(es.paragraphs).isdisjoint(en.paragraphs), en.slug
    urgent = spanish.urgent
    assert [s.question for s in urgent.warning_signs] == [q.id for q in TIER_A]
    assert "busca atención de urgencia ahora" in " ".join(urgent.paragraphs)
    assert "las dos piernas" in urgent.warning_signs[3].text


def test_a_tip_missing_a_paragraph_or_a_warning_sign_is_reported(data):
    es = data / "es/tips"
    edit(es / "03-sitting.toml", '  "Presta atención', '  # "')
    path = es / "10-when-to-seek-care-urgently.toml"
    path.write_text(path.read_text().rsplit("[[warning_signs]]", 1)[0])
    edit(es / "04-lifting.toml", "torcer la espalda.", "torcer la espalda. Y nada más.")
    english = tips.load(data / "tips", exercise_ids=catalogue.load(data).exercises)
    with pytest.raises(TranslationError) as caught:
        translate_tips(english, "es", data)
    assert sorted(str(p) for p in caught.value.problems) == [
        "es/tips/03-sitting.toml: paragraphs: has 3 items where the English has 4",
        "es/tips/04-lifting.toml: summary: must be one sentence, ending with a full stop",
        "es/tips/10-when-to-seek-care-urgently.toml: warning_signs: has 8 items where the "
        "English has 9",
    ]


def test_the_spanish_never_says_what_the_product_never_says():
    for where, text in spanish_texts(i18n.tips("es"), i18n.phrases("es")):
        assert forbidden_phrases_in(text) == (), where


@pytest.mark.parametrize(
    "sentence, found",
    [
        ("Estos estiramientos curan la ciática.", ("curan",)),
        ("Un tratamiento para el nervio.", ("tratamiento",)),
        ("Esto no es un diagnóstico.", ("diagnóstico",)),
        ("Te ayuda a sanar más rápido.", ("sanar",)),
        ("Puedes estar SEGURO: no es nada grave.", ("seguro", "nada grave")),
        ("Descartamos la cola de caballo.", ("cola de caballo",)),
    ],
)
def test_the_forbidden_phrases_are_caught_in_spanish(sentence, found):
    assert forbidden_phrases_in(sentence) == found


def test_dose_and_frequency_in_spanish_carry_the_same_numbers(english):
    def numbers(text):
        return re.findall(r"\d+", text)

    for e in english.exercises.values():
        assert numbers(i18n.dose_text(e.dose, "es")) == numbers(e.dose.describe()), e.id
    for r in english.routines.values():
        assert numbers(i18n.frequency_text(r.frequency, "es")) == numbers(r.frequency.describe()), (
            r.id
        )
    assert i18n.dose_text(english.exercise("hip-flexor-chair-lunge").dose, "es") == (
        "3 x 20 s por lado"
    )


WORDING = {
    timeline: ("DONE_SAY", "THIGH_CHECK_SAY", "THIGH_ANSWERS", "SIDE_ROLES", "FIRST_SIDE"),
    positions: ("GO", "STAY", "DOWN", "UP"),
}
"""The timeline's wording kept in named constants; the rest is written inline (see below)."""


def test_every_worded_constant_of_the_timeline_has_a_spanish_phrase():
    phrases = i18n.phrases("es")
    for module, names in WORDING.items():
        for name in names:
            value = getattr(module, name)
            texts = value.values() if isinstance(value, dict) else value
            for text in [value] if isinstance(value, str) else texts:
                assert phrases(text), (module.__name__, name, text)


def test_every_phrase_is_still_what_the_timeline_says():
    """A phrase whose English the timeline no longer writes is out of date: each key's words
    (around its placeholders) are still in timeline.py or positions.py."""
    source = Path(timeline.__file__).read_text() + Path(positions.__file__).read_text()
    source = re.sub(r'"\s*\n\s*f?"', "", source)  # strings continued on the next line
    for english in i18n.phrases("es").texts:
        for fragment in re.split(r"\{\w+\}", english):
            fragment = fragment.strip(" ,:/")
            assert fragment in source, english


def test_the_phrases_keep_their_placeholders_and_a_broken_file_is_named(data):
    phrases = i18n.phrases("es")
    assert phrases("Hold, {label}").format(label="pierna izquierda estirada") == (
        "Mantén, pierna izquierda estirada"
    )
    assert "junto a " in phrases.joins_without_comma
    assert i18n.phrases("en")("Change sides") == "Change sides"
    with pytest.raises(i18n.UnknownPhrase):
        phrases("Nothing like this")
    path = data / "es/phrases.toml"
    edit(path, '"Mantén, {label}"', '"Mantén, {etiqueta}"')
    edit(path, '"Relájate"', '""')
    edit(path, "[phrases]", "extra = 1\n[phrases]")
    with pytest.raises(TranslationError) as caught:
        i18n.load_phrases("es", data)
    assert sorted(str(p) for p in caught.value.problems) == [
        "es/phrases.toml: extra: is not a known field",
        "es/phrases.toml: phrases.'Hold, {label}': has placeholders {etiqueta} where the "
        "English has {label}",
        "es/phrases.toml: phrases.'Relax': must be a non-empty text",
    ]


def test_a_language_names_its_primary_tag():
    assert i18n.language("es_MX.UTF-8") == "es"
    assert i18n.language("ES") == "es"
    assert i18n.language("fr-FR") is None and i18n.language("") is None
