"""The plan state kept row by row: every session, check-in and override brings it up to date
through the real services, and it always equals the state rebuilt from the whole history, so
the Today page shows exactly what replaying everything shows."""

import re
import threading
import uuid
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given, settings

from coach.diary import plan_state, selectors, services
from coach.diary.models import CheckIn, PlanState
from coach.practice.services import plan_override_record, session_record
from stretching.result import ExerciseResult, SessionResult
from stretching.rules import ExerciseOutcome, codec
from tests.core.histories import (
    CAT,
    CheckInStep,
    OverrideStep,
    SessionStep,
    histories,
    timed,
)

from .factories import make_user

pytestmark = pytest.mark.django_db
RELIEF = "relief-sequence"
TWIST = "bedside-knee-twist"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def result_of(step: SessionStep, started) -> SessionResult:
    return SessionResult(
        routine_id=step.routine_id,
        started_at=started,
        ended_at=started + timedelta(minutes=step.minutes),
        completed=step.completed,
        planned_seconds=400,
        practised_seconds=300,
        exercises=tuple(
            ExerciseResult(o.exercise_id, o.outcome, o.held_seconds, 30, spread=o.spread)
            for o in step.outcomes
        ),
    )


def post_session(user, result: SessionResult) -> None:
    session_record(result=result, source="web", idempotency_key=uuid.uuid4().hex, user=user)


def record(user, steps) -> None:
    """Each step through the service a person's door calls, with the clock at its moment."""
    at = timed(steps[:0]).end
    for gap, step in steps:
        at += timedelta(minutes=gap)
        with time_machine.travel(at, tick=False):
            if isinstance(step, SessionStep):
                post_session(user, result_of(step, at))
            elif isinstance(step, CheckInStep):
                services.checkin_create(
                    user=user,
                    at=at,
                    leg_pain=step.leg,
                    back_pain=step.back,
                    extent_left=step.left,
                    extent_right=step.right,
                    numbness=step.numbness,
                    weakness=step.weakness,
                    context=step.context,
                )
            elif isinstance(step, OverrideStep):
                plan_override_record(user=user, exercise_id=step.exercise_id, action=step.action)


def assert_kept_equals_rebuilt(user) -> None:
    row = PlanState.objects.get(user=user)
    rebuilt = plan_state.build(selectors.histories([user.pk])[user.pk])
    assert row.format == codec.STATE_FORMAT
    assert codec.state_from_json(row.data) == rebuilt.state
    assert row.last_event_at == rebuilt.last_event_at
    assert (row.streak_first, row.streak_last) == rebuilt.run


def today_page(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/today/")
    assert response.status_code == 200
    return CSRF.sub("", response.content.decode())


def assert_today_as_replayed(user, now) -> None:
    """Today from the kept state reads as Today from the whole history replayed."""
    with time_machine.travel(now, tick=False):
        kept = today_page(user)
        saved = PlanState.objects.get(user=user)
        PlanState.objects.filter(user=user).delete()
        replayed = today_page(user)
        saved.save()
    assert kept == replayed


def new_person():
    return make_user(f"p{uuid.uuid4().hex[:12]}@example.org")


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=histories)
def test_the_state_kept_event_by_event_equals_the_state_rebuilt_from_scratch(steps):
    user = new_person()
    record(user, steps)
    assert_kept_equals_rebuilt(user)
    end = timed(steps).end
    for later in (timedelta(minutes=1), timedelta(hours=13), timedelta(days=3)):
        assert_today_as_replayed(user, end + later)


def outcomes(hurt: str = "") -> tuple[ExerciseOutcome, ...]:
    """A relief sequence in which everything was done, but `hurt` hurt."""
    return tuple(
        ExerciseOutcome(e, "hurt" if e == hurt else "done", 20)
        for e in CAT.routine("relief-sequence").exercise_ids
    )


def test_a_session_uploaded_late_rebuilds_the_state():
    user = new_person()
    start = timed([]).end
    with time_machine.travel(start + timedelta(days=1), tick=False):
        post_session(user, result_of(SessionStep(RELIEF, 7, outcomes(), True), start))
        services.checkin_create(user=user, at=start + timedelta(days=1), leg_pain=4, back_pain=2)
    # a phone that was offline sends an earlier session, in which the twist hurt, only now
    with time_machine.travel(start + timedelta(days=1, hours=2), tick=False):
        late = SessionStep(RELIEF, 7, outcomes(TWIST), True)
        post_session(user, result_of(late, start - timedelta(hours=1)))
    assert_kept_equals_rebuilt(user)
    state = codec.state_from_json(PlanState.objects.get(user=user).data)
    assert state.stretches[TWIST].status == "paused"
    assert_today_as_replayed(user, start + timedelta(days=1, hours=3))


def test_deleting_a_check_in_rebuilds_the_state_without_it():
    user = new_person()
    start = timed([]).end
    with time_machine.travel(start, tick=False):
        services.checkin_create(user=user, at=start - timedelta(days=1), leg_pain=0, back_pain=0)
        last = services.checkin_create(user=user, at=start, leg_pain=0, back_pain=0)
    kept = codec.state_from_json(PlanState.objects.get(user=user).data)
    assert kept.mode == "warm-up"  # pain gone a full day
    services.checkin_delete(checkin=last)
    assert_kept_equals_rebuilt(user)
    assert codec.state_from_json(PlanState.objects.get(user=user).data).mode == "relief"
    assert CheckIn.objects.filter(user=user).count() == 1


def test_a_guests_sessions_claimed_at_sign_up_join_the_kept_state():
    from coach.practice.guests import guest_sessions_claim

    user = new_person()
    start = timed([]).end
    with time_machine.travel(start, tick=False):
        services.checkin_create(user=user, at=start, leg_pain=3, back_pain=1)
    session_record(
        result=result_of(SessionStep("hamstring-trio", 5, (), True), start - timedelta(hours=2)),
        source="web",
        idempotency_key=uuid.uuid4().hex,
        guest_key="guest-123",
    )
    assert guest_sessions_claim(guest_key="guest-123", user=user) == 1
    assert_kept_equals_rebuilt(user)
    assert PlanState.objects.get(user=user).streak_last == start.date()


def post_together(user, results: list[SessionResult]) -> None:
    """Post the results from as many threads, let go at the same moment."""
    barrier = threading.Barrier(len(results))
    errors: list[BaseException] = []

    def post(result: SessionResult) -> None:
        try:
            barrier.wait(timeout=10)
            post_session(user, result)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(r,)) for r in results]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors


@pytest.mark.django_db(transaction=True)
def test_two_sessions_posted_at_the_same_moment_leave_the_rebuilt_state():
    user = new_person()
    start = timed([]).end
    butterfly = "supine-butterfly"
    # first events for a person with no row yet; then one ending before the other, and after
    for minutes, offset in ((0, 0), (90, -2), (180, 2), (270, -2), (360, 2), (450, 0)):
        post_together(
            user,
            [
                result_of(
                    SessionStep(RELIEF, 7, outcomes(TWIST), True),
                    start + timedelta(minutes=minutes),
                ),
                result_of(
                    SessionStep(RELIEF, 7 + offset, outcomes(butterfly), True),
                    start + timedelta(minutes=minutes + offset),
                ),
            ],
        )
    assert_kept_equals_rebuilt(user)
    state = codec.state_from_json(PlanState.objects.get(user=user).data)
    assert state.stretches[TWIST].status != "active"
    assert state.stretches[butterfly].status != "active"
