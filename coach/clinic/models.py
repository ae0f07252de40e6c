"""Clinics, their clinicians, what a person shares with one of them, and the access log."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Clinic(models.Model):
    name = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class ClinicianMembership(models.Model):
    """A clinician of a clinic; an admin may also invite colleagues."""

    ROLES = [("clinician", _("Clinician")), ("admin", _("Clinic admin"))]

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinician_memberships"
    )
    role = models.CharField(max_length=12, choices=ROLES, default="clinician")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["clinic", "user"], name="one_membership_per_clinic")
        ]

    def __str__(self) -> str:
        return f"{self.user.email} at {self.clinic}"


class ClinicianInvitation(models.Model):
    """A clinic admin's invitation to a colleague, sent by email; works once, expires."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(max_length=254)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)


class ShareInvite(models.Model):
    """A clinician's invitation to a person to share their diary: a short code, once, expiring."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="share_invites")
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_invites_made"
    )
    code = models.CharField(max_length=16, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class Share(models.Model):
    """A person shares their diary with one clinician of a clinic, until they stop."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares"
    )
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shared_with_me"
    )
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="shares")
    include_notes = models.BooleanField(
        default=False, help_text="The person ticked that their check-in notes are shared too."
    )
    started_at = models.DateTimeField()
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["clinician", "stopped_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "clinician"],
                condition=models.Q(stopped_at__isnull=True),
                name="one_open_share_per_clinician",
            )
        ]

    @property
    def active(self) -> bool:
        return self.stopped_at is None


class AppendOnly(models.QuerySet):
    """Rows are added, never changed or removed, not even in bulk."""

    def update(self, **kwargs):
        raise PermissionDenied("The access log is append-only.")

    def delete(self):
        raise PermissionDenied("The access log is append-only.")


class AccessRecord(models.Model):
    """One look at, change to or export of a person's data by a clinician. Append-only: the
    model refuses to change or delete a row, and on PostgreSQL a trigger refuses it too.

    Plain ids rather than foreign keys, so no deletion anywhere ever reaches these rows; the
    clinician's email and clinic are copied as they were at the time."""

    ACTIONS = [("view", _("Viewed")), ("change", _("Changed")), ("export", _("Exported"))]

    at = models.DateTimeField()
    actor_id = models.BigIntegerField()
    actor_email = models.CharField(max_length=254)
    clinic_name = models.CharField(max_length=120)
    patient_id = models.BigIntegerField()
    action = models.CharField(max_length=8, choices=ACTIONS)
    what = models.CharField(max_length=200)
    path = models.CharField(max_length=300)
    address = models.GenericIPAddressField(null=True, blank=True)

    objects = AppendOnly.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["patient_id", "at"])]

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise PermissionDenied("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The access log is append-only.")
