"""The words the timeline speaks and shows, in another language: `data/<lang>/phrases.toml`,
keyed by the English exactly as stretching/timeline.py and stretching/positions.py write it,
`{name}` placeholders and all, so the timeline looks a phrase up in one line:
`say = phrases("Hold, {label}").format(label=label)`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalogue import DATA_DIR
from ..datafile import Problem, Reader
from ..screening import forbidden_phrases_in
from .content import TranslationError, _parse

PLACEHOLDER = re.compile(r"\{(\w*)\}")
FILE_KEYS = {"phrases", "joins_without_comma"}


class UnknownPhrase(KeyError):
    """An English phrase with no translation in the language's phrases file."""

    def __init__(self, lang: str, english: str) -> None:
        self.lang = lang
        self.english = english
        super().__init__(f"{lang}/phrases.toml has no translation of {english!r}")


@dataclass(frozen=True)
class Phrases:
    """One language's phrases; called with the English, it answers in that language."""

    lang: str
    texts: Mapping[str, str] = field(default_factory=dict)
    joins_without_comma: tuple[str, ...] = ()
    """Start cues beginning with one of these words (each followed by a space, as in
    positions.py's JOINS_WITHOUT_COMMA) continue the position's words without a comma; empty
    for English, whose own list stays in positions.py."""

    def __call__(self, english: str) -> str:
        if self.lang == "en":
            return english
        try:
            return self.texts[english]
        except KeyError:
            raise UnknownPhrase(self.lang, english) from None


def load_phrases(lang: str, data_dir: Path | str = DATA_DIR) -> Phrases:
    """Read and check `data_dir/<lang>/phrases.toml`; raise TranslationError listing every
    problem (a missing or empty phrase, placeholders unlike the English's, a forbidden word)."""
    if lang == "en":
        return Phrases("en")
    file = f"{lang}/phrases.toml"
    problems: list[Problem] = []
    path = Path(data_dir) / lang / "phrases.toml"
    data = _parse(path, file, problems) if path.exists() else None
    if data is None and not problems:
        problems.append(Problem(file, "(file)", "is missing"))
    r = Reader(file, data or {}, problems)
    r.unknown_keys("", FILE_KEYS)
    texts = _read_texts(r, (data or {}).get("phrases"))
    joins = tuple(f"{start} " for start in r.texts("joins_without_comma"))
    if problems:
        raise TranslationError(lang, problems)
    return Phrases(lang, texts, joins)


def _read_texts(r: Reader, raw: Any) -> dict[str, str]:
    if not isinstance(raw, Mapping) or not raw:
        r.problem("phrases", "must be a table of English phrase = translation")
        return {}
    texts: dict[str, str] = {}
    for english, text in raw.items():
        where = f"phrases.{english!r}"
        if not isinstance(text, str) or not text.strip():
            r.problem(where, "must be a non-empty text")
            continue
        wanted, got = set(PLACEHOLDER.findall(english)), set(PLACEHOLDER.findall(text))
        if wanted != got:
            r.problem(
                where, f"has placeholders {_braced(got)} where the English has {_braced(wanted)}"
            )
        if text == english and re.search(r"[A-Za-z]", text):
            r.problem(where, "is the English text: write it in the file's language")
        found = forbidden_phrases_in(text)
        if found:
            r.problem(where, f"says what the product never says: {', '.join(found)}")
        texts[english] = text
    return texts


def _braced(names: set[str]) -> str:
    return ", ".join(f"{{{n}}}" for n in sorted(names)) or "none"
