"""Practice sessions: one row per played routine, one row per exercise in it."""

from django.conf import settings
from django.db import models


class PracticeSession(models.Model):
    SOURCES = [("web", "Web player"), ("cli", "Terminal")]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="practice_sessions",
    )
    guest_key = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        help_text="Anonymous store: kept until the guest signs up.",
    )
    routine_id = models.CharField(max_length=64)
    source = models.CharField(max_length=8, choices=SOURCES)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField()
    completed = models.BooleanField()
    planned_seconds = models.PositiveIntegerField()
    practised_seconds = models.PositiveIntegerField()
    idempotency_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["user", "started_at"])]

    def __str__(self) -> str:
        return f"{self.routine_id} at {self.started_at:%Y-%m-%d %H:%M}"


class ExerciseOutcome(models.Model):
    OUTCOMES = [("done", "Done"), ("skipped", "Skipped"), ("hurt", "Hurt")]

    session = models.ForeignKey(PracticeSession, on_delete=models.CASCADE, related_name="outcomes")
    position = models.PositiveSmallIntegerField()
    exercise_id = models.CharField(max_length=64)
    outcome = models.CharField(max_length=8, choices=OUTCOMES)
    side = models.CharField(max_length=8, blank=True)
    held_seconds = models.PositiveIntegerField()
    planned_seconds = models.PositiveIntegerField()
    spread = models.BooleanField(default=False,
                                 help_text="Symptoms went further down the leg during it.")

    class Meta:
        ordering = ["session", "position"]


class PlanOverride(models.Model):
    """The person's own choice over the plan: bring a paused stretch back, or reset its dose."""

    ACTIONS = [("resume", "Bring back"), ("reset-dose", "Reset the dose")]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="plan_overrides")
    exercise_id = models.CharField(max_length=64)
    action = models.CharField(max_length=12, choices=ACTIONS)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at"]
