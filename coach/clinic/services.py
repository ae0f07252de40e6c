"""Writes for clinic mode: clinicians and their invitations, the person's sharing, recovery
codes."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from coach.accounts.models import LanguageChoice

from .models import Clinic, ClinicianInvitation, ClinicianMembership, Share, ShareInvite

SHARE_INVITE_DAYS = 7
"""A person has this long to enter a clinician's code; it works once."""
CLINICIAN_INVITATION_DAYS = 7
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""No 0/O, 1/I/L: a code read aloud or copied from paper is typed right."""
CODE_LENGTH = 8
RECOVERY_CODES = 10


def normal_code(text: str) -> str:
    """A code as typed ('abcd efgh', 'ABCD-EFGH') in the form it is stored."""
    return "".join(ch for ch in text.upper() if ch.isalnum())[: CODE_LENGTH * 2]


def shown_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- clinicians ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Added:
    membership: ClinicianMembership
    new_account: bool


@transaction.atomic
def membership_add(*, clinic_name: str, email: str, role: str = "clinician") -> Added:
    """The clinic (made if new) gets the clinician (an account made if new, with no password
    until they set one through the password reset)."""
    clinic, _ = Clinic.objects.get_or_create(name=clinic_name.strip())
    email = email.strip().lower()
    users = get_user_model().objects
    user = users.filter(email__iexact=email).first()
    new_account = user is None
    if user is None:
        user = users.create_user(username=email, email=email, password=None)
    membership, made = ClinicianMembership.objects.get_or_create(
        clinic=clinic, user=user, defaults={"role": role}
    )
    if not made and membership.role != role and role == "admin":
        membership.role = role
        membership.save(update_fields=["role"])
    return Added(membership, new_account)


def clinician_invite(*, clinic: Clinic, email: str, invited_by, join_url: str) -> None:
    """Email a colleague a link that makes them a clinician of the clinic (once, expiring).
    `join_url` has TOKEN where the token goes."""
    token = secrets.token_urlsafe(24)
    now = timezone.now()
    ClinicianInvitation.objects.create(
        clinic=clinic,
        email=email.strip().lower(),
        token_hash=_token_hash(token),
        invited_by=invited_by,
        created_at=now,
        expires_at=now + timedelta(days=CLINICIAN_INVITATION_DAYS),
    )
    context = {
        "clinic": clinic,
        "invited_by": invited_by,
        "url": join_url.replace("TOKEN", token),
        "days": CLINICIAN_INVITATION_DAYS,
    }
    with translation.override(_invitee_language(email)):
        subject = render_to_string("clinic/email/invitation-subject.txt", context).strip()
        text = render_to_string("clinic/email/invitation-body.txt", context)
        html = render_to_string("clinic/email/invitation-body.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [email])
    message.attach_alternative(html, "text/html")
    message.send()


def _invitee_language(email: str) -> str:
    """The language the invitee picked, when they have an account; else the page's."""
    picked = (
        LanguageChoice.objects.filter(user__email__iexact=email.strip())
        .values_list("language", flat=True)
        .first()
    )
    supported = {code for code, _name in settings.LANGUAGES}
    if picked in supported:
        return picked
    return translation.get_language() or settings.LANGUAGE_CODE


def clinician_invitation_find(token: str) -> ClinicianInvitation | None:
    """The invitation with this token while it still works."""
    return (
        ClinicianInvitation.objects.select_related("clinic")
        .filter(
            token_hash=_token_hash(token), accepted_at__isnull=True, expires_at__gt=timezone.now()
        )
        .first()
    )


@transaction.atomic
def clinician_invitation_accept(*, invitation: ClinicianInvitation, user) -> ClinicianMembership:
    locked = ClinicianInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None:
        raise ValueError("This invitation has already been used.")
    locked.accepted_at = timezone.now()
    locked.save(update_fields=["accepted_at"])
    membership, _ = ClinicianMembership.objects.get_or_create(clinic=locked.clinic, user=user)
    return membership


# --- second factor --------------------------------------------------------------------------


@transaction.atomic
def recovery_codes_issue(*, user) -> list[str]:
    """New recovery codes, each usable once; any earlier ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Recovery codes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


# --- sharing: the person's choice -----------------------------------------------------------


def share_invite_create(*, clinic: Clinic, clinician) -> ShareInvite:
    now = timezone.now()
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not ShareInvite.objects.filter(code=code).exists():
            break
    return ShareInvite.objects.create(
        clinic=clinic,
        clinician=clinician,
        code=code,
        created_at=now,
        expires_at=now + timedelta(days=SHARE_INVITE_DAYS),
    )


def share_invite_find(code: str) -> ShareInvite | None:
    """The invite with this code while it still works (unused, not expired)."""
    return (
        ShareInvite.objects.select_related("clinic", "clinician")
        .filter(code=normal_code(code), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )


class InviteGone(Exception):
    """The code was used or expired meanwhile."""


@transaction.atomic
def share_start(*, invite: ShareInvite, patient, include_notes: bool) -> Share:
    """The person confirms: the invite is used up and their diary is shared from now on."""
    now = timezone.now()
    locked = ShareInvite.objects.select_for_update().get(pk=invite.pk)
    if locked.used_at is not None or locked.expires_at <= now:
        raise InviteGone
    locked.used_at, locked.used_by = now, patient
    locked.save(update_fields=["used_at", "used_by"])
    share = Share.objects.filter(
        patient=patient, clinician_id=locked.clinician_id, stopped_at__isnull=True
    ).first()
    if share is not None:
        share.include_notes = include_notes
        share.save(update_fields=["include_notes"])
        return share
    return Share.objects.create(
        patient=patient,
        clinician_id=locked.clinician_id,
        clinic_id=locked.clinic_id,
        include_notes=include_notes,
        started_at=now,
    )


def share_stop(*, share: Share) -> None:
    Share.objects.filter(pk=share.pk, stopped_at__isnull=True).update(stopped_at=timezone.now())
