"""The diary's few fixed words in the page's language: how far down a leg symptoms reach and the
trend's verdict (said by the core's words, as the plan's sentences are), and when a check-in was
made. The core and the database keep the English codes (stretching.symptoms,
CheckIn.CONTEXT_CHOICES); these are only what a person reads."""

from django.utils.translation import gettext_lazy as _

from coach.lib.language import display_language
from stretching.rules.words import for_language
from stretching.symptoms import EXTENT_LABELS

CONTEXT_WORDS = {
    "before": _("Before a session"),
    "after": _("After a session"),
    "standalone": _("Any time"),
    "morning": _("Next morning"),
}
"""Keyed by CheckIn.context; the English matches CheckIn.CONTEXT_CHOICES."""


def extent_word(label: str) -> str:
    """One of the core's extent labels in the active language (anything else as it is)."""
    if label not in EXTENT_LABELS:
        return label
    return extent_label(EXTENT_LABELS.index(label))


def extent_label(level: int | None) -> str:
    """How far down a leg, level 0-5, in the active language: 'below the knee'."""
    return for_language(display_language()).extent_label(level or 0)


def context_label(context: str) -> str:
    return str(CONTEXT_WORDS.get(context, context))


def verdict_label(verdict: str) -> str:
    """The trend's verdict in the active language: 'improving'."""
    return for_language(display_language()).verdict(verdict)
