"""Forms for clinic pages and the person's sharing pages; every field bounded."""

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_(
            "The 6 digits your authenticator app shows now, or one of your recovery codes."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())


class ShareCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your clinician"),
        max_length=20,
        help_text=_("Eight letters and digits, such as ABCD-EF23."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class ShareConfirmForm(forms.Form):
    code = forms.CharField(max_length=20, widget=forms.HiddenInput)
    include_notes = forms.BooleanField(
        label=_("Also share the notes I write in my check-ins"),
        required=False,
        help_text=_("Left unticked, your clinician sees your scores but not your own words."),
    )


class InviteClinicianForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's email"), max_length=254)


class JoinForm(forms.Form):
    """A new clinician's password, when the invitation's email has no account yet."""

    password = forms.CharField(
        label=_("Choose a password"), max_length=1024, widget=forms.PasswordInput
    )

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        validate_password(password)
        return password


SORTS = [
    ("flags", _("Flags first")),
    ("activity", _("Last activity")),
    ("adherence7", _("Sessions, 7 days")),
    ("adherence28", _("Sessions, 28 days")),
    ("leg", _("Leg pain trend")),
    ("email", _("Email")),
]
SHOWS = [
    ("all", _("Everyone")),
    ("flagged", _("Anyone with a flag")),
    ("tier", _("A Tier A or B answer")),
    ("worse", _("Worse for 3 days")),
    ("inactive", _("No activity for 3 days")),
]


class PatientFilterForm(forms.Form):
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)
    show = forms.ChoiceField(label=_("Show"), choices=SHOWS, required=False)
    q = forms.CharField(label=_("Email contains"), max_length=100, required=False)
