"""Sign-up, sign-in, password and screening forms, with errors in plain words."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.forms import BoundField
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coach.lib.language import display_language
from stretching import screening
from stretching.screening import QUESTIONS, TIER_A, TIERS, Tier, unanswered, with_none_of

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
else:
    StrOrPromise = str  # a lazy translation, when shown: the active language's words

# Explicit here so sign-up, reset and change all check the same things even while
# settings.AUTH_PASSWORD_VALIDATORS is empty.
PASSWORD_VALIDATORS = password_validation.get_password_validators(
    [
        {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
        {
            "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 10},
        },
        {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
        {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    ]
)
PASSWORD_HELP = _("At least 10 characters, not only numbers, and not a common password.")
# Every field is bounded before it reaches the database (or the sign-in lockout's table, whose
# username column holds 255): the email is the username, which holds 150.
EMAIL_MAX_CHARS = 150
EMAIL_TOO_LONG = format_lazy(
    _("An email address here has at most {limit} characters."), limit=EMAIL_MAX_CHARS
)
PASSWORD_MAX_CHARS = 1024
PASSWORD_TOO_LONG = format_lazy(
    _("A password here has at most {limit} characters."),
    # "1,024" in English, "1024" in Spanish: the number written the reader's way.
    limit=lazy(lambda: number_format(PASSWORD_MAX_CHARS, force_grouping=True), str)(),
)


def _bound(field: forms.Field, limit: int, message: StrOrPromise) -> None:
    """Cap a field built elsewhere (Django's own forms set max_length too late to check it)."""
    field.max_length = limit  # type: ignore[attr-defined]
    field.validators.append(MaxLengthValidator(limit, message=message))
    field.widget.attrs["maxlength"] = str(limit)


def _check_password(form: forms.Form, password: str, user, field: str) -> None:
    try:
        password_validation.validate_password(password, user, PASSWORD_VALIDATORS)
    except ValidationError as error:
        form.add_error(field, error)


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        max_length=EMAIL_MAX_CHARS,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={
            "required": _("Please enter your email address."),
            "max_length": EMAIL_TOO_LONG,
        },
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=PASSWORD_MAX_CHARS,
        help_text=PASSWORD_HELP,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={
            "required": _("Please choose a password."),
            "max_length": PASSWORD_TOO_LONG,
        },
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the note above and agree that Sciatica Coach stores my diary, "
            "sessions and answers to the safety questions."
        ),
        error_messages={"required": _("Tick this box to create an account: the diary needs it.")},
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(username__iexact=email).exists():
            raise ValidationError(
                _("There is already an account with this email. Sign in instead.")
            )
        return email

    def clean(self):
        cleaned = super().clean() or {}
        email, password = cleaned.get("email"), cleaned.get("password")
        if email and password:
            _check_password(
                self, password, get_user_model()(username=email, email=email), "password"
            )
        return cleaned


class SignInForm(AuthenticationForm):
    """Email and password; the email is the username, stored in lower case."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That email and password do not match an account. Please try again."),
    }

    def __init__(self, request=None, *args, **kwargs):
        if kwargs.get("data") is not None and "username" in kwargs["data"]:
            data = kwargs["data"].copy()
            data["username"] = data["username"].strip().lower()
            kwargs["data"] = data
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Email")
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "autofocus": True}
        )
        _bound(self.fields["username"], EMAIL_MAX_CHARS, EMAIL_TOO_LONG)
        _bound(self.fields["password"], PASSWORD_MAX_CHARS, PASSWORD_TOO_LONG)


class NewPasswordForm(SetPasswordForm):
    """Set a new password after following the emailed link."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("new_password1", "new_password2"):
            _bound(self.fields[name], PASSWORD_MAX_CHARS, PASSWORD_TOO_LONG)

    def validate_password_for_user(self, user, password_field_name="new_password2"):
        password = self.cleaned_data.get(password_field_name)
        if password:
            _check_password(self, password, user, password_field_name)


class ChangePasswordForm(PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("old_password", "new_password1", "new_password2"):
            _bound(self.fields[name], PASSWORD_MAX_CHARS, PASSWORD_TOO_LONG)

    def validate_password_for_user(self, user, password_field_name="new_password2"):
        password = self.cleaned_data.get(password_field_name)
        if password:
            _check_password(self, password, user, password_field_name)


YES_NO = [("yes", _("Yes")), ("no", _("No"))]
ANSWER_VALUES = {"yes": True, "no": False}
NONE_OF_THESE = _("None of these apply to me")
SCREEN_GROUPS: tuple[tuple[Tier, StrOrPromise], ...] = (
    ("A", _("Signs that need care straight away")),
    ("B", _("Signs to talk over with a clinician first")),
)


@dataclass(frozen=True)
class QuestionGroup:
    """One tier's questions on the screen page, with its "None of these apply to me" box."""

    tier: Tier
    heading: StrOrPromise  # lazy: the active language's words when shown
    questions: list[BoundField]
    none_of_these: BoundField

    @property
    def slug(self) -> str:
        return f"group-{self.tier.lower()}"


@dataclass(frozen=True)
class MissingAnswer:
    """A line of the error summary: the question's words and where its answer goes."""

    text: str
    anchor: str


def _none_field(tier: Tier) -> str:
    return f"none_{tier.lower()}"


class ScreenForm(forms.Form):
    """Every screening question yes or no, grouped by tier. "None of these apply to me" for a
    tier is an explicit no to each of its questions not answered yet (a yes stays a yes); what
    is still unanswered after that is the core's to say (stretching.screening)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.words = screening.words(display_language())
        for tier, _heading in SCREEN_GROUPS:
            for q in self.words.tier(tier):
                self.fields[q.id] = forms.ChoiceField(
                    label=q.text,
                    help_text=q.help or "",
                    choices=YES_NO,
                    required=False,
                    widget=forms.RadioSelect,
                    error_messages={"invalid_choice": _("Please answer yes or no.")},
                )
            self.fields[_none_field(tier)] = forms.BooleanField(label=NONE_OF_THESE, required=False)

    def clean(self):
        cleaned = super().clean() or {}
        given = {q.id: ANSWER_VALUES.get(cleaned.get(q.id) or "") for q in QUESTIONS}
        ticked = [tier for tier, _heading in SCREEN_GROUPS if cleaned.get(_none_field(tier))]
        self._answers = with_none_of(given, ticked)
        for q in unanswered(self._answers):
            if q.id not in self.errors:
                self.add_error(q.id, _("Please answer yes or no."))
        return cleaned

    def answers(self) -> dict[str, bool]:
        """Every answer, yes or no (once the form is valid)."""
        return {q.id: bool(self._answers[q.id]) for q in QUESTIONS}

    def groups(self) -> list[QuestionGroup]:
        return [
            QuestionGroup(tier, heading, [self[q.id] for q in TIERS[tier]], self[_none_field(tier)])
            for tier, heading in SCREEN_GROUPS
        ]

    def missing(self) -> list[MissingAnswer]:
        """The questions still without a valid answer, in page order, for the error summary."""
        return [
            MissingAnswer(q.text, f"id_{q.id}_0")
            for q in self.words.questions
            if q.id in self.errors
        ]


class RecheckForm(forms.Form):
    """The quick Tier A check: tick what applies today; nothing ticked means none of these."""

    ticked = forms.MultipleChoiceField(
        required=False,
        choices=[(q.id, q.text) for q in TIER_A],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("That is not one of the questions on this page.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["ticked"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(q.id, q.text) for q in screening.words(display_language()).tier("A")]


class ClearanceForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("A clinician has looked at what I answered and cleared me to do these stretches."),
        error_messages={"required": _("Tick this box only if a clinician has cleared you.")},
    )
    cleared_on = forms.DateField(
        label=_("The day they cleared you"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Please enter the day, for example 2026-11-20."),
            "invalid": _("Please enter a date, for example 2026-11-20."),
        },
    )

    def clean_cleared_on(self):
        day = self.cleaned_data["cleared_on"]
        if day > timezone.localdate():
            raise ValidationError(_("That day is in the future: enter the day it happened."))
        return day


class PasswordConfirmForm(forms.Form):
    """Deleting the account asks for the password once more."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=PASSWORD_MAX_CHARS,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={
            "required": _("Please enter your password to confirm."),
            "max_length": PASSWORD_TOO_LONG,
        },
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("That is not your password. Nothing was deleted."))
        return password
