"""/healthz answers 200 only when the database answers, in JSON, and leaves nothing behind: no
session, no cookie, no private cache header; 503 with the reason when the database is gone."""

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError, connection

from .factories import make_user

pytestmark = pytest.mark.django_db


def test_it_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"database": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    assert "Vary" not in response or "Cookie" not in response["Vary"]


def test_a_signed_in_browser_gets_the_same_answer_and_no_session_work(client):
    client.force_login(make_user())
    sessions = Session.objects.count()
    response = client.get("/healthz")
    assert response.json() == {"database": "ok"}
    assert "private" not in response["Cache-Control"]
    assert not response.cookies
    assert Session.objects.count() == sessions


def test_it_answers_503_with_the_reason_when_the_database_does_not(client, monkeypatch):
    def refused(*args, **kwargs):
        raise OperationalError("connection to server at 10.0.0.5 refused\nis it running?")

    monkeypatch.setattr(connection, "cursor", refused)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "database": "unavailable",
        "reason": "OperationalError: connection to server at 10.0.0.5 refused",
    }
    assert response["Cache-Control"] == "no-store"


def test_it_answers_over_plain_http_even_where_https_is_enforced(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/learn/").status_code == 301  # everything else moves to https


def test_it_only_reads(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
