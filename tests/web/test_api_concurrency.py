"""50 creates with one Idempotency-Key at the same moment leave one session (SQLite and, with
DATABASE_URL, PostgreSQL)."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings

from coach.practice.models import PracticeSession

from .api_helpers import create_session, person_with_token, played

THREADS = 50


@pytest.mark.django_db(transaction=True)
@override_settings(API_TOKEN_REQUESTS_PER_MINUTE=1000)
def test_fifty_concurrent_creates_with_one_key_leave_one_session():
    cache.clear()
    user, _, token = person_with_token()
    body = played()
    barrier = threading.Barrier(THREADS)
    answers: list[tuple[int, dict]] = []
    errors: list[BaseException] = []

    def send() -> None:
        try:
            barrier.wait(timeout=20)
            response = create_session(Client(), token, body, key="same-key-for-all-50")
            answers.append((response.status_code, response.json()))
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors[:3]
    assert sorted({status for status, _ in answers}) == [200, 201]
    assert [status for status, _ in answers].count(201) == 1
    assert len({body["id"] for _, body in answers}) == 1
    assert PracticeSession.every.filter(user=user).count() == 1
