"""Sessions played before signing up: kept under the browser's guest key (coach.accounts.guest)
and claimed by the account when the person signs up or in with consent in force."""

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest

from coach.accounts import guest
from coach.accounts.selectors import consent_active

from . import signals
from .models import PracticeSession


@transaction.atomic
def guest_sessions_claim(*, guest_key: str, user) -> int:
    """Attach the sessions played under this guest key to the account."""
    if not guest_key:
        return 0
    guests = PracticeSession.every.filter(user__isnull=True, guest_key=guest_key)
    # A result the account already has under the same key is the same session, saved twice.
    guests.filter(
        idempotency_key__in=user.practice_sessions(manager="every").values("idempotency_key")
    ).delete()
    # Quarantined ones too: the person sees them listed, with the reason.
    claimed = guests.update(user=user, guest_key="")
    if claimed:
        signals.sessions_claimed.send(sender=PracticeSession, user=user)
    return claimed


def guest_sessions_delete(*, guest_key: str) -> int:
    """Delete the sessions played under this guest key (when the account goes)."""
    if not guest_key:
        return 0
    deleted, _ = PracticeSession.every.filter(user__isnull=True, guest_key=guest_key).delete()
    return deleted


@receiver(user_logged_in, dispatch_uid="practice-claim-guest-sessions")
def claim_on_sign_in(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """A guest who signs up or in right after playing keeps the sessions, if collection is on."""
    if request is None or not consent_active(user):
        return
    claimed = guest_sessions_claim(guest_key=guest.guest_key(request.session), user=user)
    if claimed == 1:
        messages.success(request, "The session you played as a guest is in your history now.")
    elif claimed:
        messages.success(
            request, f"The {claimed} sessions you played as a guest are in your history now."
        )
