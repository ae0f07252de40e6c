"""The check-in form: every number checked, with errors in plain words next to the field."""

from django import forms
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy

from stretching.symptoms import EXTENT_LABELS

from .models import NOTE_MAX_CHARS
from .words import extent_word

PAIN_CHOICES = [(n, str(n)) for n in range(11)]
RADIO_FIELDS = ("leg_pain", "back_pain", "extent_left", "extent_right")


def _capitalised(label: str) -> str:
    text = extent_word(label)
    return text[:1].upper() + text[1:]


EXTENT_CHOICES = [(n, lazy(_capitalised, str)(label)) for n, label in enumerate(EXTENT_LABELS)]
"""'None', 'Low back', ... in the page's language."""


def _pain(label, required, invalid) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=PAIN_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": required, "invalid_choice": invalid},
    )


def _extent(label, required, invalid) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=EXTENT_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        # Nothing chosen until the person chooses: a hurried Save must not record "None".
        error_messages={"required": required, "invalid_choice": invalid},
    )


def _note_help() -> str:
    return gettext("Anything you want to remember. Up to %(count)s characters.") % {
        "count": number_format(NOTE_MAX_CHARS, force_grouping=True)
    }


class CheckInForm(forms.Form):
    leg_pain = _pain(
        gettext_lazy("Leg pain right now"),
        gettext_lazy("Please choose your leg pain from 0 to 10."),
        gettext_lazy("Your leg pain must be a whole number from 0 to 10."),
    )
    back_pain = _pain(
        gettext_lazy("Back pain right now"),
        gettext_lazy("Please choose your back pain from 0 to 10."),
        gettext_lazy("Your back pain must be a whole number from 0 to 10."),
    )
    extent_left = _extent(
        gettext_lazy("Left leg: how far down do symptoms reach?"),
        gettext_lazy("Please choose how far down your left leg symptoms reach."),
        gettext_lazy("Choose one of the places listed for your left leg."),
    )
    extent_right = _extent(
        gettext_lazy("Right leg: how far down do symptoms reach?"),
        gettext_lazy("Please choose how far down your right leg symptoms reach."),
        gettext_lazy("Choose one of the places listed for your right leg."),
    )
    numbness = forms.BooleanField(required=False, label=gettext_lazy("Numbness or tingling"))
    weakness = forms.BooleanField(required=False, label=gettext_lazy("Weakness in a leg or foot"))
    note = forms.CharField(
        required=False,
        max_length=NOTE_MAX_CHARS,
        label=gettext_lazy("Note (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=lazy(_note_help, str)(),
        error_messages={
            "max_length": gettext_lazy(
                "Please keep the note to %(limit_value)d characters or fewer "
                "(it has %(show_value)d)."
            ),
        },
    )

    def pain_fields(self):
        return [self["leg_pain"], self["back_pain"]]

    def extent_fields(self):
        return [self["extent_left"], self["extent_right"]]

    def error_links(self) -> list[tuple[str, str]]:
        """(what is wrong, where to fix it) for each field with an error, in page order."""
        links = []
        for name in self.fields:
            if name in self.errors:
                anchor = f"id_{name}_0" if name in RADIO_FIELDS else f"id_{name}"
                links.append((str(self.errors[name][0]), anchor))
        return links
