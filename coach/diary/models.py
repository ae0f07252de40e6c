"""Pain diary: one row per check-in."""

from django.conf import settings
from django.db import models

from stretching.symptoms import CONTEXTS, EXTENT_LABELS

NOTE_MAX_CHARS = 2000


class CheckIn(models.Model):
    """Pain right now (0-10, leg and back), how far down each leg it reaches (0-5), two ticks."""

    CONTEXT_CHOICES = [
        ("before", "Before a session"),
        ("after", "After a session"),
        ("standalone", "Any time"),
        ("morning", "Next morning"),
    ]
    EXTENT_CHOICES = list(enumerate(EXTENT_LABELS))

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    at = models.DateTimeField()
    context = models.CharField(max_length=12, choices=CONTEXT_CHOICES, default="standalone")
    leg_pain = models.PositiveSmallIntegerField()
    back_pain = models.PositiveSmallIntegerField()
    extent_left = models.PositiveSmallIntegerField(choices=EXTENT_CHOICES, default=0)
    extent_right = models.PositiveSmallIntegerField(choices=EXTENT_CHOICES, default=0)
    numbness = models.BooleanField(default=False)
    weakness = models.BooleanField(default=False)
    note = models.TextField(max_length=NOTE_MAX_CHARS, blank=True)
    session = models.ForeignKey(
        "practice.PracticeSession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="checkins",
    )
    idempotency_key = models.CharField(
        max_length=64,
        blank=True,
        default="",
        help_text="Made on the page, so a resent check-in (kept offline) is saved once.",
    )

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["user", "at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(leg_pain__lte=10, back_pain__lte=10),
                name="checkin_pain_0_to_10",
            ),
            models.CheckConstraint(
                condition=models.Q(extent_left__lte=5, extent_right__lte=5),
                name="checkin_extent_0_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(context__in=CONTEXTS), name="checkin_context_known"
            ),
            models.UniqueConstraint(
                fields=["user", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="checkin_key_once_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"check-in at {self.at:%Y-%m-%d %H:%M}: leg {self.leg_pain}, back {self.back_pain}"


class PlanState(models.Model):
    """A person's plan state as the rules left it after their last event (stretching.rules):
    kept up to date in the same transaction as each session, check-in or override, so pages
    read it instead of replaying the whole history (coach/diary/plan_state.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="plan_state",
    )
    data = models.JSONField(default=dict, help_text="stretching.rules.codec.state_to_json")
    format = models.PositiveIntegerField(
        default=0, help_text="The codec's STATE_FORMAT it was written in; any other is rebuilt."
    )
    last_event_at = models.DateTimeField(
        null=True, blank=True, help_text="When the last event applied happened."
    )
    streak_first = models.DateField(
        null=True, blank=True, help_text="First day of the latest run of days with a session."
    )
    streak_last = models.DateField(null=True, blank=True, help_text="...and its last day.")
    revision = models.PositiveBigIntegerField(
        default=0, help_text="Counts the writes, so a rebuild sees one that came in meanwhile."
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"plan state of user {self.user_id} (format {self.format})"
