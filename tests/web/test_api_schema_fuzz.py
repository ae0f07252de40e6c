"""schemathesis against the live API (the app served on a loopback port by Django's live
server, requests over HTTP): every operation, with a read-write token and with none, answers no
server error, only statuses it documents, and bodies that match its schema."""

import pytest
import schemathesis
from django.core.cache import cache
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
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
FUZZ = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def token(transactional_db):
    cache.clear()
    _, _, raw = person_with_token()
    return raw


@schema.parametrize()
@FUZZ
@override_settings(API_TOKEN_REQUESTS_PER_MINUTE=100_000)
def test_with_a_read_write_token_every_answer_matches_the_schema(case, token, live_server):
    case.call_and_validate(base_url=live_server.url, headers=bearer(token), checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_with_no_token_every_answer_is_a_documented_refusal(case, transactional_db, live_server):
    response = case.call_and_validate(base_url=live_server.url, checks=CHECKS)
    assert response.status_code in (401, 404, 405)  # 405: a method the path lacks
