"""Writes for practice sessions (reads live in selectors beside the views)."""

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from stretching.session import SessionResult

from .models import ExerciseOutcome, PlanOverride, PracticeSession


def session_record(
    *,
    result: SessionResult,
    source: str,
    idempotency_key: str | None = None,
    user=None,
    guest_key: str = "",
) -> tuple[PracticeSession, bool]:
    """Save a played session once: a retry with the same key returns the first record."""
    key = idempotency_key or uuid.uuid4().hex
    existing = PracticeSession.objects.filter(idempotency_key=key).first()
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
                idempotency_key=key,
            )
            ExerciseOutcome.objects.bulk_create(
                ExerciseOutcome(
                    session=session,
                    position=i,
                    exercise_id=e.exercise_id,
                    outcome=e.outcome, spread=e.spread,
                    side=e.side,
                    held_seconds=e.held_seconds,
                    planned_seconds=e.planned_seconds,
                )
                for i, e in enumerate(result.exercises)
            )
    except IntegrityError:
        # Two deliveries of the same result raced: the other one won, which is the same record.
        return PracticeSession.objects.get(idempotency_key=key), False
    return session, True


def plan_override_record(*, user, exercise_id: str, action: str) -> PlanOverride:
    return PlanOverride.objects.create(user=user, exercise_id=exercise_id, action=action,
                                       at=timezone.now())
