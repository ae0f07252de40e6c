"""Writes for the pain diary, and deleting a whole account (every app's rows)."""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from coach.accounts import services as accounts
from coach.practice.guests import guest_sessions_delete
from coach.practice.models import PracticeSession

from . import plan_state
from .models import CheckIn

BEFORE_LINK_HOURS = 2
"""[design] A "before" check-in this many hours before a session started belongs to it."""


def checkin_create(
    *,
    user,
    leg_pain: int,
    back_pain: int,
    extent_left: int = 0,
    extent_right: int = 0,
    numbness: bool = False,
    weakness: bool = False,
    note: str = "",
    context: str = "standalone",
    session: PracticeSession | None = None,
    at: datetime | None = None,
    idempotency_key: str = "",
) -> CheckIn:
    """Save a check-in and bring the person's plan state up to date with it, together."""
    with transaction.atomic():
        checkin = CheckIn.objects.create(
            user=user,
            at=at or timezone.now(),
            leg_pain=leg_pain,
            back_pain=back_pain,
            extent_left=extent_left,
            extent_right=extent_right,
            numbness=numbness,
            weakness=weakness,
            note=note,
            context=context,
            session=session,
            idempotency_key=idempotency_key,
        )
        plan_state.checkin_added(checkin)
    return checkin


def checkin_record(*, user, idempotency_key: str, **fields) -> tuple[CheckIn, bool]:
    """Save a check-in once per key (a form's hidden key, or a queued post's): a retry returns
    the first one, not a second check-in. Without a key every post is a new check-in."""
    mine = CheckIn.objects.filter(user=user, idempotency_key=idempotency_key)
    if idempotency_key and (existing := mine.first()) is not None:
        return existing, False
    try:
        return checkin_create(user=user, idempotency_key=idempotency_key, **fields), True
    except IntegrityError:
        if not idempotency_key:
            raise
        return mine.get(), False  # two deliveries raced: the other one saved it


@transaction.atomic
def checkin_delete(*, checkin: CheckIn) -> None:
    """Delete a check-in; the plan state is rebuilt without it."""
    user_id = checkin.user_id
    checkin.delete()
    plan_state.history_changed(user_id)


def checkins_link_to_session(*, session: PracticeSession) -> int:
    """Link the person's latest unlinked "before" check-in to the session that followed it."""
    if session.user_id is None:
        return 0
    latest = (
        CheckIn.objects.filter(
            user_id=session.user_id,
            context="before",
            session__isnull=True,
            at__gte=session.started_at - timedelta(hours=BEFORE_LINK_HOURS),
            at__lte=session.started_at + timedelta(minutes=5),
        )
        .order_by("-at")
        .first()
    )
    if latest is None:
        return 0
    latest.session = session
    latest.save(update_fields=["session"])
    return 1


def link_checkins_on_save(sender, *, session: PracticeSession, **kwargs) -> None:
    """Receives practice's session_saved: link the check-in made just before the session."""
    checkins_link_to_session(session=session)


@transaction.atomic
def account_delete(*, user, guest_key: str = "") -> None:
    """Remove the person and every row about them: diary, sessions (and those this browser
    played as a guest), screening, consent, sign-in records, their sessions on other devices."""
    guest_sessions_delete(guest_key=guest_key)
    # Check-ins, practice sessions (with their exercises), screening and consent cascade.
    accounts.account_delete(user=user)
