"""Helpers for the API's tests: a person with a token, and calls with it."""

import json
import uuid
from datetime import timedelta

from django.utils import timezone

from coach.api.tokens import token_create
from tests.results import hip_flexor_played

from .factories import make_user

V1 = "/api/v1"


def person_with_token(email: str = "alice@example.org", *, scope: str = "read-write", **kw):
    user = make_user(email, **kw)
    row, token = token_create(user=user, name="script", scope=scope, days=30)
    return user, row, token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def played(minutes_ago: int = 10) -> dict:
    """The hip flexor played through, ending `minutes_ago` minutes ago."""
    return hip_flexor_played(timezone.now() - timedelta(minutes=minutes_ago, seconds=161))


def create_session(client, token: str, body: dict, key: str | None = None):
    return client.post(
        f"{V1}/sessions",
        json.dumps(body),
        content_type="application/json",
        headers={**bearer(token), "Idempotency-Key": key or uuid.uuid4().hex},
    )
