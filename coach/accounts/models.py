"""Consent to store health data, and the safety screen's answers."""

from django.conf import settings
from django.db import models

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

    KINDS = [("full", "Safety questions"), ("recheck", "Quick check before a session")]
    OUTCOMES = [
        ("clear", "No warning sign reported"),
        ("emergency", "Seek emergency care"),
        ("see-clinician", "See a clinician first"),
        ("cleared-by-clinician", "Clinician's go-ahead"),
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

    class Meta:
        ordering = ["-answered_at"]
        indexes = [models.Index(fields=["user", "kind", "answered_at"])]

    def __str__(self) -> str:
        return f"{self.kind} screen {self.outcome} at {self.answered_at:%Y-%m-%d %H:%M}"
