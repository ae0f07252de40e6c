"""schemathesis against the live API (Django's WSGI app): every operation, with a read-write
token and with none, answers no server error, only statuses it documents, and bodies that
match its schema."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from coach.api.api import api

from .api_helpers import bearer, person_with_token

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = get_wsgi_application()
PLAIN = {"Accept-Encoding": "identity"}  # the WSGI client does not unzip GZipMiddleware's
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
FUZZ = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def connection_kept_open():
    """As Django's test client does: the WSGI app's request signals would close the test's
    database connection (and its transaction) after each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db):
    cache.clear()
    _, _, raw = person_with_token()
    return raw


@schema.parametrize()
@FUZZ
@override_settings(API_TOKEN_REQUESTS_PER_MINUTE=100_000)
def test_with_a_read_write_token_every_answer_matches_the_schema(case, token):
    case.call_and_validate(headers={**bearer(token), **PLAIN}, checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_with_no_token_every_answer_is_a_documented_refusal(case, db):
    response = case.call_and_validate(headers=PLAIN, checks=CHECKS)
    assert response.status_code in (401, 404, 405)  # 405: a method the path lacks
