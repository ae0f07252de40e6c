"""Writes for practice sessions (reads live in selectors beside the views)."""

import uuid
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from stretching.session import SessionResult

from . import signals
from .models import ExerciseOutcome, PlanOverride, PracticeSession


def session_record(
    *,
    result: SessionResult,
    source: str,
    idempotency_key: str | None = None,
    user=None,
    guest_key: str = "",
) -> tuple[PracticeSession, bool]:
    """Save a played session once: a retry with the same key returns the first record. A
    person's new session sends `signals.session_saved` inside the transaction that saves it."""
    key = idempotency_key or uuid.uuid4().hex
    # Keys are the person's (or guest's) own: another's key never finds their session.
    mine = _owned(user, "" if user else guest_key).filter(idempotency_key=key)
    existing = mine.first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            session = PracticeSession.objects.create(
                user=user,
                guest_key="" if user else guest_key,
                routine_id=result.routine_id,
                source=source,
                started_at=result.started_at,
                ended_at=result.ended_at,
                completed=result.completed,
                planned_seconds=result.planned_seconds,
                practised_seconds=result.practised_seconds,
                checks=[c.to_dict() for c in result.checks],
                idempotency_key=key,
            )
            ExerciseOutcome.objects.bulk_create(
                ExerciseOutcome(
                    session=session,
                    position=i,
                    exercise_id=e.exercise_id,
                    outcome=e.outcome,
                    spread=e.spread,
                    side=e.side,
                    held_seconds=e.held_seconds,
                    planned_seconds=e.planned_seconds,
                )
                for i, e in enumerate(result.exercises)
            )
            if user is not None:
                signals.session_saved.send(sender=PracticeSession, session=session)
    except IntegrityError:
        # Two deliveries of the same result raced: the other one won, which is the same record.
        return mine.get(), False
    return session, True


def _owned(user, guest_key: str) -> QuerySet[PracticeSession]:
    """A person's sessions, or else a guest's; quarantined ones too (a retry of one is it)."""
    if user is not None:
        return PracticeSession.every.filter(user=user)
    return PracticeSession.every.filter(user__isnull=True, guest_key=guest_key)


@transaction.atomic
def plan_override_record(
    *,
    user,
    exercise_id: str,
    action: str,
    at: datetime | None = None,
    idempotency_key: str = "",
) -> PlanOverride:
    override = PlanOverride.objects.create(
        user=user,
        exercise_id=exercise_id,
        action=action,
        at=at or timezone.now(),
        idempotency_key=idempotency_key,
    )
    signals.plan_overridden.send(sender=PlanOverride, override=override)
    return override


def plan_override_once(*, user, idempotency_key: str, **fields) -> tuple[PlanOverride, bool]:
    """Save an override once per key (one made offline may be sent again): a retry returns the
    first. Without a key every post is a new override."""
    mine = PlanOverride.objects.filter(user=user, idempotency_key=idempotency_key)
    if idempotency_key and (existing := mine.first()) is not None:
        return existing, False
    try:
        return plan_override_record(user=user, idempotency_key=idempotency_key, **fields), True
    except IntegrityError:
        if not idempotency_key:
            raise
        return mine.get(), False  # two deliveries raced: the other one saved it
