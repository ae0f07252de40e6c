"""Making, checking and revoking personal access tokens, and their rate limit."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .models import AccessToken

PREFIX = "sc_"
EXPIRY_DAYS = (7, 30, 90, 365)
"""[design] The lifetimes a person picks from in Settings."""
REQUESTS_PER_MINUTE = 120
"""[design] Enough for a script syncing a diary; settings.API_TOKEN_REQUESTS_PER_MINUTE changes
it."""
LAST_USED_EVERY = timedelta(minutes=1)
"""[design] `last_used_at` is written at most this often, so a busy script is not a write per
request."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_create(
    *, user, name: str, scope: str, days: int, now: datetime | None = None
) -> tuple[AccessToken, str]:
    """A new token: the row (with only the hash) and the token itself, to show once."""
    token = PREFIX + secrets.token_urlsafe(32)
    row = AccessToken.objects.create(
        user=user,
        name=name,
        scope=scope,
        token_hash=token_hash(token),
        prefix=token[:10],
        expires_at=(now or timezone.now()) + timedelta(days=days),
    )
    return row, token


def token_revoke(*, token: AccessToken, now: datetime | None = None) -> None:
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        token.save(update_fields=["revoked_at"])


class TokenRefused(Exception):
    def __init__(self, status: int, title: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail


def token_check(raw: str, now: datetime | None = None) -> AccessToken:
    """The token in force for this raw value, its use noted and counted against its rate."""
    now = now or timezone.now()
    found = (
        AccessToken.objects.select_related("user").filter(token_hash=token_hash(raw)).first()
        if raw.startswith(PREFIX)
        else None
    )
    if found is None or not found.user.is_active:
        raise TokenRefused(401, "Unknown token", "No token matches the one sent.")
    if found.revoked_at is not None:
        raise TokenRefused(
            401, "Token revoked", f"This token was revoked on {found.revoked_at:%Y-%m-%d}."
        )
    if found.expires_at <= now:
        raise TokenRefused(
            401, "Token expired", f"This token expired on {found.expires_at:%Y-%m-%d}."
        )
    _count(found, now)
    if found.last_used_at is None or now - found.last_used_at >= LAST_USED_EVERY:
        AccessToken.objects.filter(pk=found.pk).update(last_used_at=now)
        found.last_used_at = now
    return found


def _count(token: AccessToken, now: datetime) -> None:
    """A fixed window per token and minute, kept in Django's cache."""
    limit = getattr(settings, "API_TOKEN_REQUESTS_PER_MINUTE", REQUESTS_PER_MINUTE)
    key = f"api-rate:{token.pk}:{int(now.timestamp()) // 60}"
    cache.add(key, 0, timeout=120)
    try:
        used = cache.incr(key)
    except ValueError:  # the window's key was evicted between add and incr
        cache.set(key, 1, timeout=120)
        used = 1
    if used > limit:
        raise TokenRefused(
            429, "Too many requests", f"A token may make {limit} requests a minute; wait a minute."
        )
