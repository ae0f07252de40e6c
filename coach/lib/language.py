"""The language the product's own content (catalogue, tips) is shown in for this request."""

from __future__ import annotations

from django.utils.translation import get_language, gettext

from stretching import i18n
from stretching import tips as _tips
from stretching.catalogue import Catalogue
from stretching.datafile import UnknownId


def display_language() -> str:
    """The core's language for the active Django language: 'es' for es/es-MX, else 'en'."""
    return i18n.language(get_language()) or i18n.DEFAULT_LANGUAGE


def display_catalogue() -> Catalogue:
    """The exercise catalogue in the active language (names, steps, cues, cautions)."""
    return i18n.catalogue(display_language())


def display_tips() -> _tips.Series:
    """The ten tips in the active language."""
    return i18n.tips(display_language())


def unknown_id_text(exc: UnknownId) -> str:
    """The core's "No routine called 'x'. Did you mean: y?" in the active language, for a 404
    page (the same words as the core's in English)."""
    names = {
        "routine": gettext("No routine called '%(wanted)s'."),
        "exercise": gettext("No exercise called '%(wanted)s'."),
        "tip": gettext("No tip called '%(wanted)s'."),
    }
    if exc.kind not in names:
        return str(exc)
    text = names[exc.kind] % {"wanted": exc.wanted}
    if exc.suggestions:
        text += " " + gettext("Did you mean: %(ids)s?") % {"ids": ", ".join(exc.suggestions)}
    return text
