"""Consent to store health data, and the safety screen's answers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2026-11"
"""Bump when the disclaimer or the consent wording changes: everyone is asked again."""


class Consent(models.Model):
    """One time a person agreed to the disclaimer and to storing their health data."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    version = models.CharField(max_length=16)
    given_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"consent {self.version} at {self.given_at:%Y-%m-%d %H:%M}"


class ScreeningResponse(models.Model):
    """Every answer to the safety screen (full, at onboarding) or the quick Tier A re-check."""

    KINDS = [("full", _("Safety questions")), ("recheck", _("Quick check before a session"))]
    OUTCOMES = [
        ("clear", _("No warning sign reported")),
        ("emergency", _("Seek emergency care")),
        ("see-clinician", _("See a clinician first")),
        ("cleared-by-clinician", _("Clinician's go-ahead")),
    ]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="screening_responses"
    )
    kind = models.CharField(max_length=8, choices=KINDS)
    screen_version = models.CharField(max_length=16)
    answers = models.JSONField(help_text="Question id to true (yes) or false (no), every one.")
    outcome = models.CharField(max_length=24, choices=OUTCOMES, help_text="When answered.")
    answered_at = models.DateTimeField()
    cleared_on = models.DateField(
        null=True, blank=True, help_text="The day a clinician cleared the person, as they told us."
    )
    cleared_recorded_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.CharField(
        max_length=64,
        blank=True,
        default="",
        help_text="A quick check answered offline and sent later is saved once by this key.",
    )

    class Meta:
        ordering = ["-answered_at"]
        indexes = [models.Index(fields=["user", "kind", "answered_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="screening_key_once_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} screen {self.outcome} at {self.answered_at:%Y-%m-%d %H:%M}"


class LanguageChoice(models.Model):
    """The language a person picked for the app, kept with their account so it follows them to
    every device they sign in on. No row: the app follows the browser's languages."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="language_choice"
    )
    language = models.CharField(max_length=8)
    chosen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"language {self.language}"
