"""Sign-up, sign-in, password and screening forms, with errors in plain words."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils import timezone

from stretching.screening import QUESTIONS, TIER_A

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
PASSWORD_HELP = "At least 10 characters, not only numbers, and not a common password."


def _check_password(form: forms.Form, password: str, user, field: str) -> None:
    try:
        password_validation.validate_password(password, user, PASSWORD_VALIDATORS)
    except ValidationError as error:
        form.add_error(field, error)


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label="Email",
        max_length=150,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={"required": "Please enter your email address."},
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        help_text=PASSWORD_HELP,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Please choose a password."},
    )
    consent = forms.BooleanField(
        label="I have read the note above and agree that Sciatica Coach stores my diary, "
        "sessions and answers to the safety questions.",
        error_messages={"required": "Tick this box to create an account: the diary needs it."},
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(username__iexact=email).exists():
            raise ValidationError("There is already an account with this email. Sign in instead.")
        return email

    def clean(self):
        cleaned = super().clean()
        email, password = cleaned.get("email"), cleaned.get("password")
        if email and password:
            _check_password(self, password, get_user_model()(username=email, email=email),
                            "password")
        return cleaned


class SignInForm(AuthenticationForm):
    """Email and password; the email is the username, stored in lower case."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email and password do not match an account. Please try again.",
    }

    def __init__(self, request=None, *args, **kwargs):
        if kwargs.get("data") is not None and "username" in kwargs["data"]:
            data = kwargs["data"].copy()
            data["username"] = data["username"].strip().lower()
            kwargs["data"] = data
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Email"
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "autofocus": True}
        )


class NewPasswordForm(SetPasswordForm):
    """Set a new password after following the emailed link."""

    def validate_password_for_user(self, user, password_field_name="new_password2"):
        password = self.cleaned_data.get(password_field_name)
        if password:
            _check_password(self, password, user, password_field_name)


class ChangePasswordForm(PasswordChangeForm):
    def validate_password_for_user(self, user, password_field_name="new_password2"):
        password = self.cleaned_data.get(password_field_name)
        if password:
            _check_password(self, password, user, password_field_name)


YES_NO = [("yes", "Yes"), ("no", "No")]


class ScreenForm(forms.Form):
    """Every screening question, yes or no; none may be left out."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for q in QUESTIONS:
            self.fields[q.id] = forms.ChoiceField(
                label=q.text,
                help_text=q.help or "",
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": "Please answer yes or no.",
                                "invalid_choice": "Please answer yes or no."},
            )

    def answers(self) -> dict[str, bool]:
        return {q.id: self.cleaned_data[q.id] == "yes" for q in QUESTIONS}

    def tier_a(self):
        return [self[q.id] for q in QUESTIONS if q.tier == "A"]

    def tier_b(self):
        return [self[q.id] for q in QUESTIONS if q.tier == "B"]


class RecheckForm(forms.Form):
    """The quick Tier A check: tick what applies today; nothing ticked means none of these."""

    ticked = forms.MultipleChoiceField(
        required=False,
        choices=[(q.id, q.text) for q in TIER_A],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "That is not one of the questions on this page."},
    )


class ClearanceForm(forms.Form):
    confirm = forms.BooleanField(
        label="A clinician has looked at what I answered and cleared me to do these stretches.",
        error_messages={"required": "Tick this box only if a clinician has cleared you."},
    )
    cleared_on = forms.DateField(
        label="The day they cleared you",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Please enter the day, for example 2026-11-20.",
                        "invalid": "Please enter a date, for example 2026-11-20."},
    )

    def clean_cleared_on(self):
        day = self.cleaned_data["cleared_on"]
        if day > timezone.localdate():
            raise ValidationError("That day is in the future: enter the day it happened.")
        return day


class PasswordConfirmForm(forms.Form):
    """Deleting the account asks for the password once more."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Please enter your password to confirm."},
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError("That is not your password. Nothing was deleted.")
        return password
