"""Hand-written factories: people, consent, screening answers, check-ins and sessions."""

import uuid
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from coach.accounts.models import CONSENT_VERSION, Consent, ScreeningResponse
from coach.diary.models import CheckIn
from coach.practice.models import ExerciseOutcome, PracticeSession
from stretching.screening import QUESTIONS, SCREEN_VERSION, TIER_A, evaluate, recheck

PASSWORD = "stretch-gently-42"


def make_user(email: str = "alice@example.org", *, consent: bool = True, screened: bool = True):
    """A person who signed up, gave consent and answered "no" to every safety question."""
    user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
    if consent:
        make_consent(user)
    if screened:
        make_screen(user)
    return user


def make_consent(user, *, withdrawn: bool = False) -> Consent:
    now = timezone.now()
    return Consent.objects.create(
        user=user, version=CONSENT_VERSION, given_at=now, withdrawn_at=now if withdrawn else None
    )


def all_no() -> dict[str, bool]:
    return {q.id: False for q in QUESTIONS}


def make_screen(
    user, *, yes: tuple[str, ...] = (), at: datetime | None = None, cleared_on=None
) -> ScreeningResponse:
    answers = all_no() | {qid: True for qid in yes}
    return ScreeningResponse.objects.create(
        user=user,
        kind="full",
        screen_version=SCREEN_VERSION,
        answers=answers,
        outcome=evaluate(answers).status,
        answered_at=at or timezone.now(),
        cleared_on=cleared_on,
    )


def make_recheck(user, *, yes: tuple[str, ...] = (), at: datetime | None = None):
    answers = {q.id: q.id in yes for q in TIER_A}
    return ScreeningResponse.objects.create(
        user=user,
        kind="recheck",
        screen_version=SCREEN_VERSION,
        answers=answers,
        outcome=recheck(yes).status,
        answered_at=at or timezone.now(),
    )


def make_checkin(
    user,
    *,
    at: datetime | None = None,
    leg: int = 5,
    back: int = 3,
    left: int = 3,
    right: int = 0,
    context: str = "standalone",
    note: str = "",
    numbness: bool = False,
    weakness: bool = False,
    session=None,
) -> CheckIn:
    return CheckIn.objects.create(
        user=user,
        at=at or timezone.now(),
        leg_pain=leg,
        back_pain=back,
        extent_left=left,
        extent_right=right,
        context=context,
        note=note,
        numbness=numbness,
        weakness=weakness,
        session=session,
    )


RELIEF = (
    "standing-glute-squeeze",
    "supine-pillow-squeeze",
    "bedside-knee-twist",
    "supine-butterfly",
    "standing-quad-support",
)


def make_session(
    user=None,
    *,
    started_at: datetime | None = None,
    routine_id: str = "relief-sequence",
    completed: bool = True,
    hurt: tuple[str, ...] = (),
    skipped: tuple[str, ...] = (),
    guest_key: str = "",
    source: str = "web",
) -> PracticeSession:
    start = started_at or timezone.now() - timedelta(minutes=10)
    session = PracticeSession.objects.create(
        user=user,
        guest_key=guest_key,
        routine_id=routine_id,
        source=source,
        started_at=start,
        ended_at=start + timedelta(minutes=7),
        completed=completed,
        planned_seconds=420,
        practised_seconds=400,
        idempotency_key=uuid.uuid4().hex,
    )
    exercises = RELIEF if routine_id == "relief-sequence" else ("towel-hamstring",)
    for i, exercise_id in enumerate(exercises):
        outcome = "hurt" if exercise_id in hurt else "skipped" if exercise_id in skipped else "done"
        ExerciseOutcome.objects.create(
            session=session,
            position=i,
            exercise_id=exercise_id,
            outcome=outcome,
            held_seconds=0 if outcome == "skipped" else 30,
            planned_seconds=30,
        )
    return session
