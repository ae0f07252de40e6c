"""The diary's few fixed words in the page's language: how far down a leg symptoms reach, when a
check-in was made, and the trend's verdict. The core and the database keep the English codes
(stretching.symptoms, CheckIn.CONTEXT_CHOICES); these are only what a person reads."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stretching.symptoms import EXTENT_LABELS

EXTENT_WORDS = {
    "none": pgettext_lazy("how far down the leg", "none"),
    "low back": pgettext_lazy("how far down the leg", "low back"),
    "buttock or hip": pgettext_lazy("how far down the leg", "buttock or hip"),
    "thigh": pgettext_lazy("how far down the leg", "thigh"),
    "below the knee": pgettext_lazy("how far down the leg", "below the knee"),
    "foot": pgettext_lazy("how far down the leg", "foot"),
}
"""Keyed by the core's EXTENT_LABELS, which stay English for the export and the rules."""

CONTEXT_WORDS = {
    "before": _("Before a session"),
    "after": _("After a session"),
    "standalone": _("Any time"),
    "morning": _("Next morning"),
}
"""Keyed by CheckIn.context; the English matches CheckIn.CONTEXT_CHOICES."""

VERDICT_WORDS = {
    "improving": _("improving"),
    "about the same": _("about the same"),
    "worse": _("worse"),
    "not enough data": _("not enough data"),
}
"""Keyed by stretching.symptoms.Verdict."""


def extent_word(label: str) -> str:
    """One of the core's extent labels in the active language (anything else as it is)."""
    return str(EXTENT_WORDS.get(label, label))


def extent_label(level: int | None) -> str:
    """How far down a leg, level 0-5, in the active language: 'below the knee'."""
    return extent_word(EXTENT_LABELS[level or 0])


def context_label(context: str) -> str:
    return str(CONTEXT_WORDS.get(context, context))


def verdict_label(verdict: str) -> str:
    return str(VERDICT_WORDS.get(verdict, verdict))
