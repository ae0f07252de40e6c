"""The catalogue's and the tips' words in another language, read from `data/<lang>/` beside the
English and put in place of the English in a copy that keeps every id, dose and order.

Which fields carry words is read from the dataclasses themselves: a field typed `str` or
`tuple[str, ...]` (or a dataclass holding such fields) is text unless it names something
(IDENTIFIERS); a `Literal` is a fixed choice and stays as it is. A text field added to
`Exercise` later therefore needs its translation at once. Every problem is reported together,
as `es/exercises/x.toml: instructions: ...`, the way the English data files are.
"""

from __future__ import annotations

import re
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, Literal

from ..catalogue import DATA_DIR, Catalogue
from ..datafile import CatalogueError, Problem, Reader, suggest
from ..screening import forbidden_phrases_in
from ..tips import MAX_WORDS, MIN_WORDS, Series, Tip

LANGUAGE_NAMES: Mapping[str, str] = {"en": "English", "es": "Spanish"}
"""The languages the content is written in; English is the data itself."""
IDENTIFIERS = frozenset({"id", "exercise_ids", "sources", "slug", "question"})
"""Fields typed as text that name something (an exercise, a source page, a screening question)
rather than say something: they are never translated."""
LONGER_BY = 1.25
"""A tip's word limit in a translation, against the English MAX_WORDS: Spanish runs about a
fifth longer than English for the same content."""
SAME_WORDS = 3
"""A translation this many words long or more that reads exactly as the English was copied, not
written (a shorter one may be the same word in both languages: "pelvis")."""
UNICODE_WORD = re.compile(r"\w+(?:'\w+)?")
SENTENCE_BREAK = re.compile(r"[.!?][\"')»]?\s+[¿¡\"«]?[A-ZÁÉÍÓÚÑ]")

Kind = Literal["text", "texts", "table", "tables"]


class TranslationError(CatalogueError):
    """Every problem found in one language's files, each as `file: field: message`."""

    def __init__(self, lang: str, problems: list[Problem]) -> None:
        super().__init__(problems)
        lines = "\n".join(f"  {p}" for p in problems)
        name = LANGUAGE_NAMES.get(lang, lang)
        self.args = (f"The {name} text has {len(problems)} problem(s):\n{lines}",)


@dataclass(frozen=True)
class TextField:
    """One field of a dataclass that carries words: a text, a list of texts, or a nested
    table (or list of tables) with text fields of its own (`of`)."""

    name: str
    kind: Kind
    of: type | None = None


_FIELDS: dict[type, tuple[TextField, ...]] = {}


def text_fields(cls: type) -> tuple[TextField, ...]:
    """The fields of the dataclass `cls` that carry words, read from its type hints."""
    if cls not in _FIELDS:
        hints = typing.get_type_hints(cls)
        found = []
        for f in fields(cls):
            if f.name not in IDENTIFIERS:
                kind = _kind(hints[f.name])
                if kind is not None:
                    found.append(TextField(f.name, *kind))
        _FIELDS[cls] = tuple(found)
    return _FIELDS[cls]


def _kind(hint: Any) -> tuple[Kind, type | None] | None:
    if hint is str:
        return "text", None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        if args[0] is str:
            return "texts", None
        item = args[0]
        if isinstance(item, type) and is_dataclass(item) and text_fields(item):
            return "tables", item
    if isinstance(hint, type) and is_dataclass(hint) and text_fields(hint):
        return "table", hint
    if origin in (typing.Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        return _kind(members[0]) if len(members) == 1 else None
    return None


class _Reader(Reader):
    """A Reader over a nested table that names its fields from the file's top."""

    def __init__(self, file: str, data: Mapping[str, Any], problems: list[Problem], prefix: str):
        super().__init__(file, data, problems)
        self.prefix = prefix

    def problem(self, name: str, message: str) -> None:
        super().problem(self.prefix + name, message)


def _translated[T](english: T, node: Mapping[str, Any], r: _Reader) -> T:
    """`english` with the words of each text field taken from `node`; problems into `r`."""
    changes: dict[str, Any] = {}
    wanted: set[str] = set()
    for tf in text_fields(type(english)):
        value = getattr(english, tf.name)
        if not _has_words(value, tf.kind):
            continue
        wanted.add(tf.name)
        if tf.kind == "text":
            text = r.text(tf.name)
            changes[tf.name] = _checked(r, tf.name, value, text)
        elif tf.kind == "texts":
            texts = r.texts(tf.name)
            if texts and len(texts) != len(value):
                r.problem(tf.name, f"has {len(texts)} items where the English has {len(value)}")
            changes[tf.name] = tuple(
                _checked(r, f"{tf.name}[{i}]", e, t)
                for i, (e, t) in enumerate(zip(value, texts, strict=False))
            )
        elif tf.kind == "table":
            sub = _table(r, tf.name, node.get(tf.name))
            changes[tf.name] = _translated(value, sub, _nested(r, sub, f"{tf.name}."))
        else:
            changes[tf.name] = _translated_tables(value, node.get(tf.name), r, tf.name)
    _unwanted(english, node, wanted, r)
    return replace(english, **changes)  # type: ignore[type-var]


def _has_words(value: Any, kind: Kind) -> bool:
    """Whether an English field says anything (a table: whether any of its fields does)."""
    if value is None:
        return False
    if kind == "table":
        return any(_has_words(getattr(value, f.name), f.kind) for f in text_fields(type(value)))
    return bool(value)


def _translated_tables(
    english: tuple[Any, ...], raw: Any, r: _Reader, name: str
) -> tuple[Any, ...]:
    if raw is None:
        r.problem(name, "is missing")
        return english
    if not isinstance(raw, list) or not all(isinstance(item, Mapping) for item in raw):
        r.problem(name, "must be a list of tables")
        return english
    if len(raw) != len(english):
        r.problem(name, f"has {len(raw)} items where the English has {len(english)}")
    return tuple(
        _translated(e, item, _nested(r, item, f"{name}[{i}]."))
        for i, (e, item) in enumerate(zip(english, raw, strict=False))
    )


def _table(r: _Reader, name: str, raw: Any) -> Mapping[str, Any]:
    if raw is None:
        r.problem(name, "is missing")
        return {}
    if not isinstance(raw, Mapping):
        r.problem(name, "must be a table")
        return {}
    return raw


def _nested(r: _Reader, node: Mapping[str, Any], prefix: str) -> _Reader:
    return _Reader(r.file, node, r.problems, r.prefix + prefix)


def _checked(r: _Reader, name: str, english: str, text: str) -> str:
    """The translated text, after checking it is not the English and says nothing forbidden."""
    if not text:
        return english
    if text == english and len(text.split()) >= SAME_WORDS:
        r.problem(name, "is the English text: write it in the file's language")
    found = forbidden_phrases_in(text)
    if found:
        r.problem(name, f"says what the product never says: {', '.join(found)}")
    return text


def _unwanted(english: Any, node: Mapping[str, Any], wanted: set[str], r: _Reader) -> None:
    names = {tf.name for tf in text_fields(type(english))}
    for key in node:
        if key in wanted:
            continue
        if key in names:
            r.problem(key, "has no English text to translate: leave it out")
        elif key in {f.name for f in fields(english)}:
            r.problem(key, "is not text to translate: it belongs in the English file only")
        else:
            hint = suggest(key, wanted)
            extra = f" (did you mean {hint[0]}?)" if hint else ""
            r.problem(key, f"is not a field to translate{extra}")


def _parse(path: Path, file: str, problems: list[Problem]) -> Mapping[str, Any] | None:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(file, "(file)", f"is not valid TOML: {exc}"))
        return None


def _translate_all[T](
    english: Mapping[str, T], folder: Path, label: str, kind: str, problems: list[Problem]
) -> dict[str, T]:
    """Each item of `english` (keyed by its file's stem) with the words of `folder`'s file of
    the same name; a missing file and a file naming no item are problems."""
    found = {path.stem: path for path in sorted(folder.glob("*.toml"))}
    for stem in found:
        if stem not in english:
            hint = suggest(stem, english)
            extra = f" (did you mean {hint[0]}?)" if hint else ""
            problems.append(Problem(f"{label}/{stem}.toml", "(file)", f"names no {kind}{extra}"))
    out: dict[str, T] = {}
    for key, item in english.items():
        file = f"{label}/{key}.toml"
        if key not in found:
            problems.append(Problem(file, "(file)", f"is missing: the {kind} '{key}' needs it"))
            out[key] = item
            continue
        data = _parse(found[key], file, problems)
        out[key] = (
            item if data is None else _translated(item, data, _Reader(file, data, problems, ""))
        )
    return out


def translate(c: Catalogue, lang: str, data_dir: Path | str = DATA_DIR) -> Catalogue:
    """The catalogue `c` with its words in `lang`, read from `data_dir/<lang>/`; ids, doses and
    order unchanged. Raises TranslationError listing every problem."""
    if lang == "en":
        return c
    root = Path(data_dir) / lang
    problems: list[Problem] = []
    exercises = _translate_all(
        c.exercises, root / "exercises", f"{lang}/exercises", "exercise", problems
    )
    routines = _translate_all(
        c.routines, root / "routines", f"{lang}/routines", "routine", problems
    )
    if problems:
        raise TranslationError(lang, problems)
    return Catalogue(exercises=exercises, routines=routines, lang=lang)


def translate_tips(series: Series, lang: str, data_dir: Path | str = DATA_DIR) -> Series:
    """The tips with their words in `lang`, read from `data_dir/<lang>/tips/` (files named as the
    English ones); checked like the English: one-sentence summary, length within bounds."""
    if lang == "en":
        return series
    problems: list[Problem] = []
    label = f"{lang}/tips"
    english = {f"{t.number:02d}-{t.slug}": t for t in series.tips}
    tips = _translate_all(english, Path(data_dir) / lang / "tips", label, "tip", problems)
    for stem, tip in tips.items():
        _check_tip(f"{label}/{stem}.toml", tip, problems)
    if problems:
        raise TranslationError(lang, problems)
    return Series(tips=tuple(tips.values()))


def _check_tip(file: str, tip: Tip, problems: list[Problem]) -> None:
    words = sum(len(UNICODE_WORD.findall(text)) for text in tip.texts())
    most = round(MAX_WORDS * LONGER_BY)
    if not MIN_WORDS <= words <= most:
        problems.append(
            Problem(
                file,
                "paragraphs",
                f"the tip has {words} words; keep it between {MIN_WORDS} and {most}",
            )
        )
    summary = tip.summary
    if summary and (SENTENCE_BREAK.search(summary) or summary[-1] not in ".?!"):
        problems.append(Problem(file, "summary", "must be one sentence, ending with a full stop"))
