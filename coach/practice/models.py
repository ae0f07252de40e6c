"""Practice sessions: one row per played routine, one row per exercise in it."""

from django.conf import settings
from django.db import models

from stretching import catalogue, custom
from stretching.custom import CustomRoutine


class UsableSessions(models.Manager):
    """The sessions the plan and every page read: all but the quarantined ones."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(quarantined=False)


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
    checks = models.JSONField(
        default=list,
        blank=True,
        help_text="Thigh Test answers: side, seconds into that side's rest, where it was felt.",
    )
    idempotency_key = models.CharField(
        max_length=64, help_text="A retried post is saved once: unique per person (or guest)."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    quarantined = models.BooleanField(
        default=False,
        help_text="Breaks the rules a result is checked by (stretching.result): kept, listed "
        "for the person, never read by the plan or the pages (manage.py quarantine_sessions).",
    )
    quarantine_reason = models.CharField(max_length=300, blank=True)

    objects = UsableSessions()
    every = models.Manager()
    """Every row, quarantined ones too: for the export, deleting, claiming and retries."""

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["user", "started_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "idempotency_key"],
                condition=models.Q(user__isnull=False),
                name="session_key_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["guest_key", "idempotency_key"],
                condition=models.Q(user__isnull=True),
                name="session_key_once_per_guest",
            ),
        ]

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
    spread = models.BooleanField(
        default=False, help_text="Symptoms went further down the leg during it."
    )

    class Meta:
        ordering = ["session", "position"]


class PlanOverride(models.Model):
    """The person's own choice over the plan: bring a paused stretch back, or reset its dose."""

    ACTIONS = [("resume", "Bring back"), ("reset-dose", "Reset the dose")]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_overrides"
    )
    exercise_id = models.CharField(max_length=64)
    action = models.CharField(max_length=12, choices=ACTIONS)
    at = models.DateTimeField()
    idempotency_key = models.CharField(
        max_length=64,
        blank=True,
        default="",
        help_text="A change made offline and sent later is saved once by this key.",
    )

    class Meta:
        ordering = ["at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="override_key_once_per_person",
            ),
        ]


class AssignedRoutineQuerySet(models.QuerySet):
    def routines_for(self, user_id: int) -> list[CustomRoutine]:
        """The person's assigned routines as the core reads them (the current versions); a
        kept routine the catalogue no longer allows (a stretch removed) is left out."""
        cat = catalogue.default()
        found = []
        for routine_id, data in self.filter(user_id=user_id, current=True).values_list(
            "routine_id", "data"
        ):
            try:
                found.append(custom.read_custom(data, cat, routine_id))
            except custom.CustomRoutineError:
                continue
        return found

    def catalogue_for(self, user_id: int) -> catalogue.Catalogue:
        """The person's view of the catalogue: the built-in routines and their assigned ones
        (stretching.custom.with_routines), which their plan is worked out over."""
        return custom.with_routines(catalogue.default(), self.routines_for(user_id))


class AssignedRoutine(models.Model):
    """A routine composed for one person by a clinician (stretching.custom), kept as the data
    the core validated. Every edit is a new version; the one marked current is played, the
    earlier ones stay as its history. Written by the clinic app; read by the diary's plan."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assigned_routines"
    )
    routine_id = models.CharField(max_length=64, help_text="The same for every version.")
    version = models.PositiveIntegerField()
    data = models.JSONField(help_text="stretching.custom.CustomRoutine.to_json()")
    times_per_day = models.PositiveSmallIntegerField()
    current = models.BooleanField(default=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_by_label = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()

    objects = AssignedRoutineQuerySet.as_manager()

    class Meta:
        ordering = ["routine_id", "-version"]
        indexes = [models.Index(fields=["user", "current"])]
        constraints = [
            models.UniqueConstraint(fields=["routine_id", "version"], name="routine_version_once"),
            models.UniqueConstraint(
                fields=["routine_id"],
                condition=models.Q(current=True),
                name="one_current_version_per_routine",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.routine_id} v{self.version} for user {self.user_id}"
