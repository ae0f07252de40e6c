"""A person's reminder settings, the slots planned from them, what was sent (or failed), web push
subscriptions, and subscriptions to the ten tips by email (also for visitors without an
account: only the address and when it was confirmed, deleted on unsubscribe)."""

from django.conf import settings
from django.db import models


class ReminderSettings(models.Model):
    """What the person chose: times per reminder, days, quiet hours, zone, pause, channels."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    zone = models.CharField(max_length=64, default="Europe/London")
    times = models.JSONField(
        default=dict, help_text='Reminder id to local times, {"relief": ["12:30"]}; none: off.'
    )
    days = models.JSONField(default=list, help_text="Weekdays, Monday 0.")
    quiet_start = models.TimeField(null=True, blank=True)
    quiet_end = models.TimeField(null=True, blank=True)
    follow_up = models.BooleanField(default=True)
    paused_until = models.DateTimeField(null=True, blank=True)
    email = models.BooleanField(default=True)
    push = models.BooleanField(default=False)
    language = models.CharField(
        max_length=8,
        blank=True,
        default="",
        help_text="The language the page spoke when these were saved: emails use it when the "
        "person has not picked one ('' English).",
    )
    calendar_token = models.CharField(
        max_length=64, blank=True, db_index=True, help_text="The secret feed address; '' none."
    )
    planned_until = models.DateTimeField(
        null=True, blank=True, help_text="Slots are stored up to here."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "reminder settings"
        indexes = [models.Index(fields=["planned_until"])]

    def __str__(self) -> str:
        return f"reminders of user {self.user_id}"


class ReminderSlot(models.Model):
    """One reminder (or its follow-up) for one local date and chosen time: sent at most once."""

    STATUSES = [
        ("planned", "Planned"),
        ("queued", "Queued"),
        ("sent", "Sent"),
        ("skipped", "Not sent"),
        ("failed", "Failed"),
    ]
    KINDS = [("reminder", "Reminder"), ("follow-up", "Follow-up")]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_slots"
    )
    reminder = models.CharField(
        max_length=80,
        help_text="A built-in reminder's id (stretching.reminders.REMINDERS), or 'routine:' "
        "and the id of a routine a clinician assigned.",
    )
    local_date = models.DateField()
    slot_time = models.TimeField()
    kind = models.CharField(max_length=16, choices=KINDS, default="reminder")
    position = models.PositiveSmallIntegerField(
        default=1, help_text="Its place among the reminder's slots that day, from 1."
    )
    due_at = models.DateTimeField()
    status = models.CharField(max_length=16, choices=STATUSES, default="planned")
    reason = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    snoozed = models.BooleanField(default=False)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "reminder", "local_date", "slot_time", "kind"],
                name="reminder_slot_once",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["user", "due_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.reminder} {self.kind} {self.local_date} {self.slot_time:%H:%M}"


class TipSubscription(models.Model):
    """The ten tips by email, one a day: confirmed by a link first (double opt-in)."""

    email = models.EmailField(unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tip_subscriptions",
    )
    confirmed_at = models.DateTimeField()
    zone = models.CharField(max_length=64, default="Europe/London")
    send_time = models.TimeField()
    next_number = models.PositiveSmallIntegerField(default=1)
    next_at = models.DateTimeField(null=True, blank=True, help_text="None: queued or finished.")
    language = models.CharField(
        max_length=8,
        blank=True,
        default="",
        help_text="The language the tips were asked for in ('' English); an account's own "
        "pick wins.",
    )

    class Meta:
        indexes = [models.Index(fields=["next_at"])]

    def __str__(self) -> str:
        return f"tips to {self.email}"


class Delivery(models.Model):
    """The sent and failed log: one row per try on one channel."""

    CHANNELS = [("email", "Email"), ("push", "Web push")]

    slot = models.ForeignKey(
        ReminderSlot, null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    tips = models.ForeignKey(
        TipSubscription,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    tip_number = models.PositiveSmallIntegerField(null=True, blank=True)
    channel = models.CharField(max_length=8, choices=CHANNELS)
    at = models.DateTimeField()
    ok = models.BooleanField()
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["ok", "at"])]

    def __str__(self) -> str:
        return f"{self.channel} {'sent' if self.ok else 'failed'} at {self.at:%Y-%m-%d %H:%M}"


class PushSubscription(models.Model):
    """A browser's web push endpoint for the person (removed when the service says it is gone)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"push for user {self.user_id}"
