"""Writes for accounts, consent and the safety screen."""

from datetime import date, datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from coach.practice.models import PracticeSession
from stretching.screening import SCREEN_VERSION, evaluate

from .models import CONSENT_VERSION, Consent, ScreeningResponse


def user_create(*, email: str, password: str):
    """A new account whose username is the email, in lower case."""
    email = email.strip().lower()
    return get_user_model().objects.create_user(username=email, email=email, password=password)


def consent_give(*, user, now: datetime | None = None) -> Consent:
    return Consent.objects.create(user=user, version=CONSENT_VERSION,
                                  given_at=now or timezone.now())


def consent_withdraw(*, user, now: datetime | None = None) -> int:
    """Stop collecting: every consent still in force is marked withdrawn now."""
    return Consent.objects.filter(user=user, withdrawn_at__isnull=True).update(
        withdrawn_at=now or timezone.now()
    )


def screening_record(
    *, user, kind: str, answers: dict[str, bool], outcome: str, answered_at: datetime,
    cleared_on: date | None = None,
) -> ScreeningResponse:
    """Store every answer with the screen's version, the outcome and the time."""
    return ScreeningResponse.objects.create(
        user=user, kind=kind, screen_version=SCREEN_VERSION, answers=answers, outcome=outcome,
        answered_at=answered_at, cleared_on=cleared_on,
        cleared_recorded_at=timezone.now() if cleared_on else None,
    )


def screening_clear(*, response: ScreeningResponse, cleared_on: date) -> ScreeningResponse:
    """Record the day the person says a clinician cleared them (unlocks Tier B signs only)."""
    response.cleared_on = cleared_on
    response.cleared_recorded_at = timezone.now()
    response.save(update_fields=["cleared_on", "cleared_recorded_at"])
    return response


def screening_claim_from_guest(*, user, stored: dict | None) -> ScreeningResponse | None:
    """Keep the screen a guest answered before signing up (current version only)."""
    if not stored or stored.get("version") != SCREEN_VERSION:
        return None
    try:
        result = evaluate(stored["answers"])
    except (KeyError, ValueError):
        return None
    return screening_record(user=user, kind="full", answers=stored["answers"],
                            outcome=result.status, answered_at=stored["at"],
                            cleared_on=stored.get("cleared_on"))


def guest_sessions_claim(*, guest_key: str, user) -> int:
    """Attach the sessions played as a guest (this browser's guest_key) to the account."""
    if not guest_key:
        return 0
    return PracticeSession.objects.filter(user__isnull=True, guest_key=guest_key).update(
        user=user, guest_key=""
    )


@transaction.atomic
def account_delete(*, user, guest_key: str = "") -> None:
    """Remove the person and every row about them: diary, sessions, screening, consent, their
    sign-in records and their sessions on other devices."""
    username = user.get_username()
    if guest_key:
        PracticeSession.objects.filter(user__isnull=True, guest_key=guest_key).delete()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=username).delete()
    # Django keeps no index from a person to their sessions: read the live ones.
    pk = str(user.pk)
    stale = [s.session_key for s in Session.objects.filter(expire_date__gt=timezone.now())
             if s.get_decoded().get("_auth_user_id") == pk]
    Session.objects.filter(session_key__in=stale).delete()
    # Check-ins, practice sessions (with their exercises), screening and consent cascade.
    user.delete()
