"""Writes for accounts, consent and the safety screen."""

from collections.abc import Iterable
from datetime import date, datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction
from django.utils import timezone

from stretching.screening import SCREEN_VERSION, TIER_A, ScreenResult, evaluate, recheck

from . import guest
from .models import CONSENT_VERSION, Consent, ScreeningResponse
from .selectors import consent_active


def user_create(*, email: str, password: str):
    """A new account whose username is the email, in lower case."""
    email = email.strip().lower()
    return get_user_model().objects.create_user(username=email, email=email, password=password)


def consent_give(*, user, now: datetime | None = None) -> Consent:
    return Consent.objects.create(
        user=user, version=CONSENT_VERSION, given_at=now or timezone.now()
    )


def consent_withdraw(*, user, now: datetime | None = None) -> int:
    """Stop collecting: every consent still in force is marked withdrawn now."""
    return Consent.objects.filter(user=user, withdrawn_at__isnull=True).update(
        withdrawn_at=now or timezone.now()
    )


def screening_record(
    *,
    user,
    kind: str,
    answers: dict[str, bool],
    outcome: str,
    answered_at: datetime,
    cleared_on: date | None = None,
    idempotency_key: str = "",
) -> ScreeningResponse:
    """Store every answer with the screen's version, the outcome and the time."""
    return ScreeningResponse.objects.create(
        user=user,
        kind=kind,
        screen_version=SCREEN_VERSION,
        answers=answers,
        outcome=outcome,
        answered_at=answered_at,
        cleared_on=cleared_on,
        cleared_recorded_at=timezone.now() if cleared_on else None,
        idempotency_key=idempotency_key,
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
    return screening_record(
        user=user,
        kind="full",
        answers=stored["answers"],
        outcome=result.status,
        answered_at=stored["at"],
        cleared_on=stored.get("cleared_on"),
    )


def quick_check_record(
    *,
    user,
    browser: SessionBase | None,
    ticked: Iterable[str],
    now: datetime | None = None,
    idempotency_key: str = "",
) -> ScreenResult:
    """Keep the quick check before a session, whichever door asked it: in the diary while the
    person's consent is in force, else in this browser session only. Returns what it means.
    With a key (a check answered offline and sent later) it is kept once."""
    ticked = set(ticked)
    result = recheck(ticked)
    answers = {q.id: q.id in ticked for q in TIER_A}
    at = now or timezone.now()
    if quick_check_seen(user=user, browser=browser, idempotency_key=idempotency_key):
        return result
    if consent_active(user):
        try:
            with transaction.atomic():
                screening_record(
                    user=user,
                    kind="recheck",
                    answers=answers,
                    outcome=result.status,
                    answered_at=at,
                    idempotency_key=idempotency_key,
                )
        except IntegrityError:
            if not idempotency_key:
                raise  # two deliveries of one key raced: the other one kept it
    elif browser is not None:
        kept = guest.recheck(browser)
        if kept is None or kept["at"] <= at:  # one answered offline may arrive after a later one
            guest.recheck_save(
                browser, answers=answers, outcome=result.status, at=at, key=idempotency_key
            )
    return result


def quick_check_seen(*, user, browser: SessionBase | None, idempotency_key: str) -> bool:
    """Whether the quick check sent with this key is kept already."""
    if not idempotency_key:
        return False
    if consent_active(user):
        return ScreeningResponse.objects.filter(user=user, idempotency_key=idempotency_key).exists()
    stored = guest.recheck(browser) if browser is not None else None
    return bool(stored and stored.get("key") == idempotency_key)


@transaction.atomic
def account_delete(*, user) -> None:
    """Remove the person and every row about them, their sign-in records and their sessions on
    other devices. Rows in other apps go with the user (their foreign keys cascade)."""
    username = user.get_username()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=username).delete()
    # Django keeps no index from a person to their sessions: read the live ones.
    pk = str(user.pk)
    stale = [
        s.session_key
        for s in Session.objects.filter(expire_date__gt=timezone.now())
        if s.get_decoded().get("_auth_user_id") == pk
    ]
    Session.objects.filter(session_key__in=stale).delete()
    user.delete()
