"""Who is calling: a personal access token, or the browser's session (with CSRF)."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from coach.accounts.selectors import consent_active

from .models import AccessToken
from .problems import ApiProblem
from .tokens import token_check

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class Caller:
    user: Any
    token: AccessToken | None
    """None: the browser's session, which may read and write."""

    @property
    def can_write(self) -> bool:
        return self.token is None or self.token.can_write


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sc_...`; an unknown, revoked or expired token answers 401, one
    past its rate 429."""

    def authenticate(self, request: HttpRequest, token: str) -> Caller:
        found = token_check(token)
        return Caller(found.user, found)


class BrowserSession(APIKeyCookie):
    """The web app's own session cookie; writes need Django's CSRF token (X-CSRFToken)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=False)  # checked below, once the person is known

    def authenticate(self, request: HttpRequest, key: str | None) -> Caller | None:
        if not request.user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise ApiProblem(403, "CSRF check failed", "Send the page's CSRF token as X-CSRFToken.")
        return Caller(request.user, None)


AUTH = [TokenAuth(), BrowserSession()]


def caller(request: HttpRequest) -> Caller:
    return request.auth  # type: ignore[attr-defined]


def reader(request: HttpRequest) -> Any:
    """The person whose health data this request may read: refused while consent is
    withdrawn (a token then reaches the catalogue only)."""
    who = caller(request)
    if not consent_active(who.user):
        raise ApiProblem(
            403,
            "Consent withdrawn",
            "Your consent to keep health data is withdrawn; give it again in Settings.",
        )
    return who.user


def writer(request: HttpRequest) -> Any:
    """The person this request may write for: a read-only token is refused (403)."""
    who = caller(request)
    if not who.can_write:
        raise ApiProblem(403, "Read-only token", "This token may read only; make a read-write one.")
    return reader(request)
