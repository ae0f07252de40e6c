"""Signed links that need no sign-in (django.core.signing): unsubscribing from reminder emails
or from the tips, and confirming a tips subscription (which expires)."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse

from stretching import catalogue

CONFIRM_VALID = timedelta(days=3)
"""[design] A tips confirmation link works this long."""
UNSUBSCRIBE_SALT = "reminders.unsubscribe"
CONFIRM_SALT = "reminders.tips-confirm"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_token(what: str, pk: int) -> str:
    """`what`: "reminders" (a person's reminder emails) or "tips" (a tips subscription)."""
    return signing.dumps({"w": what, "id": pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe(token: str) -> tuple[str, int] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return str(data["w"]), int(data["id"])


def unsubscribe_url(what: str, pk: int) -> str:
    return absolute(reverse("reminders:unsubscribe", args=[unsubscribe_token(what, pk)]))


def confirm_token(fields: dict[str, Any]) -> str:
    return signing.dumps(fields, salt=CONFIRM_SALT, compress=True)


def read_confirm(token: str) -> dict[str, Any] | None:
    """The subscription the link stands for, or None when it is forged or has expired."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_VALID)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    return dict(data)


def confirm_url(fields: dict[str, Any]) -> str:
    return absolute(reverse("reminders:tips_confirm", args=[confirm_token(fields)]))


def player_url(routine_id: str) -> str:
    """The player of a built-in routine, or of one a clinician assigned (the clinic's page)."""
    if routine_id in catalogue.default().routines:
        return absolute(reverse("player", args=[routine_id]))
    return absolute(reverse("clinic:my_player", args=[routine_id]))
