"""The product's words in more than one language, from the pure core (no Django).

English is the data itself; every other language keeps its words beside it in
`data/<lang>/`: `exercises/<id>.toml`, `routines/<id>.toml`, `tips/<file>.toml` (only the text
fields, checked against the English on load: `content`), `phrases.toml` (what the timeline says
and shows, keyed by the English: `phrases`). `words` holds the terminal's own words.

    catalogue("es")       the catalogue with Spanish names, steps, cues and cautions
    tips("es")            the ten tips in Spanish
    phrases("es")("Hold") "Mantén"
    screen_words("es")    the safety questions, results and gate words in Spanish
"""

from __future__ import annotations

from functools import cache

from .. import catalogue as _catalogue
from .. import screening as _screening
from .. import tips as _tips
from .content import LANGUAGE_NAMES, TranslationError, text_fields, translate, translate_tips
from .phrases import Phrases, UnknownPhrase, load_phrases
from .safety import load_screen_words
from .words import dose_text, frequency_text, position_text, words

LANGUAGES: tuple[str, ...] = tuple(LANGUAGE_NAMES)
DEFAULT_LANGUAGE = "en"

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "Phrases",
    "TranslationError",
    "UnknownPhrase",
    "catalogue",
    "dose_text",
    "frequency_text",
    "language",
    "load_phrases",
    "load_screen_words",
    "phrases",
    "position_text",
    "screen_words",
    "text_fields",
    "tips",
    "translate",
    "translate_tips",
    "words",
]


def language(value: str | None) -> str | None:
    """The supported language a tag or locale names ('es', 'es-MX', 'es_ES.UTF-8'), or None."""
    if not value:
        return None
    primary = value.strip().lower().replace("_", "-").split(".")[0].split("-")[0]
    return primary if primary in LANGUAGES else None


@cache
def catalogue(lang: str = DEFAULT_LANGUAGE) -> _catalogue.Catalogue:
    """The shipped catalogue in `lang`, loaded and checked once per process."""
    return translate(_catalogue.default(), lang)


@cache
def tips(lang: str = DEFAULT_LANGUAGE) -> _tips.Series:
    """The shipped tips in `lang`, loaded and checked once per process."""
    return translate_tips(_tips.default(), lang)


@cache
def phrases(lang: str = DEFAULT_LANGUAGE) -> Phrases:
    """What the timeline says and shows, in `lang`: `phrases("es")("Change sides")`."""
    return load_phrases(lang)


@cache
def screen_words(lang: str = DEFAULT_LANGUAGE) -> _screening.ScreenWords:
    """The safety screen's questions, results and the gate's words in `lang`
    (`data/<lang>/screening.toml`), loaded and checked once per process."""
    return load_screen_words(lang)
