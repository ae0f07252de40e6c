"""The check-in form: every number checked, with errors in plain words next to the field."""

from django import forms

from stretching.symptoms import EXTENT_LABELS

from .models import NOTE_MAX_CHARS

PAIN_CHOICES = [(n, str(n)) for n in range(11)]
RADIO_FIELDS = ("leg_pain", "back_pain", "extent_left", "extent_right")
EXTENT_CHOICES = [(n, label[:1].upper() + label[1:]) for n, label in enumerate(EXTENT_LABELS)]


def _pain(label: str, what: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=PAIN_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": f"Please choose your {what} from 0 to 10.",
            "invalid_choice": f"Your {what} must be a whole number from 0 to 10.",
        },
    )


def _extent(side: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=f"{side} leg: how far down do symptoms reach?",
        choices=EXTENT_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        # Nothing chosen until the person chooses: a hurried Save must not record "None".
        error_messages={
            "required": f"Please choose how far down your {side.lower()} leg symptoms reach.",
            "invalid_choice": f"Choose one of the places listed for your {side.lower()} leg.",
        },
    )


class CheckInForm(forms.Form):
    leg_pain = _pain("Leg pain right now", "leg pain")
    back_pain = _pain("Back pain right now", "back pain")
    extent_left = _extent("Left")
    extent_right = _extent("Right")
    numbness = forms.BooleanField(required=False, label="Numbness or tingling")
    weakness = forms.BooleanField(required=False, label="Weakness in a leg or foot")
    note = forms.CharField(
        required=False,
        max_length=NOTE_MAX_CHARS,
        label="Note (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Anything you want to remember. Up to {NOTE_MAX_CHARS:,} characters.",
        error_messages={
            "max_length": "Please keep the note to %(limit_value)d characters or fewer "
            "(it has %(show_value)d).",
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
