"""The API's pages in Spanish: the tokens page in Settings and the reference page follow the
browser's language; the API's own answers (problem documents) stay English."""

import pytest

from .factories import make_user

pytestmark = pytest.mark.django_db
ES = {"HTTP_ACCEPT_LANGUAGE": "es"}


def test_the_tokens_page_speaks_spanish(client):
    client.force_login(make_user("ana@example.org"))
    page = client.get("/account/api-tokens/", **ES).content.decode()
    assert '<html lang="es"' in page
    assert "<h1>Tokens de la API</h1>" in page
    assert ">Crear token</button>" in page
    assert '<option value="90" selected>90 días</option>' in page
    assert "Lectura y escritura" in page
    response = client.post(
        "/account/api-tokens/", {"name": "mi reloj", "scope": "read", "days": "30"}, **ES
    )
    page = response.content.decode()
    assert "Cópialo ahora: solo se muestra esta vez." in page
    assert "<td>Lectura</td>" in page and "nunca" in page


def test_the_tokens_page_stays_english_for_an_english_browser(client):
    client.force_login(make_user("alice@example.org"))
    page = client.get("/account/api-tokens/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>API tokens</h1>" in page
    assert '<option value="90" selected>90 days</option>' in page


def test_the_reference_page_speaks_spanish_and_problems_stay_english(client):
    page = client.get("/api/v1/reference", **ES).content.decode()
    assert '<html lang="es"' in page
    assert "<h2>Operaciones</h2>" in page and "<h2>Esquemas</h2>" in page
    assert "POST /api/v1/sessions" in page
    problem = client.get("/api/v1/sessions", **ES)
    assert problem.status_code == 401
    assert problem["Content-Type"].startswith("application/problem+json")
    body = problem.json()
    assert body["status"] == 401 and body["title"].isascii()
