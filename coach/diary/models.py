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
        ]

    def __str__(self) -> str:
        return f"check-in at {self.at:%Y-%m-%d %H:%M}: leg {self.leg_pain}, back {self.back_pain}"
