"""Web push (VAPID, RFC 8291 payload encryption through pywebpush): a reminder to every browser
the person allowed; an endpoint the push service says is gone (404, 410) is removed.

The VAPID key pair comes from WEBPUSH_VAPID_PRIVATE_KEY (a PEM file's path) or is made once
and kept in $VAR_DIR/vapid-private.pem.
"""

import base64
import json
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.utils import translation
from py_vapid import Vapid02  # type: ignore[import-untyped]
from pywebpush import WebPushException, webpush  # type: ignore[import-untyped]

from stretching.reminders import Message

from . import links
from .models import PushSubscription

GONE = (404, 410)
TTL_SECONDS = 2 * 3600
"""[design] A push not delivered within two hours (phone off) is dropped by the service."""


@cache
def vapid() -> Vapid02:
    path = Path(settings.WEBPUSH_VAPID_PRIVATE_KEY or settings.VAR_DIR / "vapid-private.pem")
    if not path.exists():
        key = Vapid02()
        key.generate_keys()
        path.parent.mkdir(parents=True, exist_ok=True)
        key.save_key(str(path))
        path.chmod(0o600)
    return Vapid02.from_file(str(path))


def public_key() -> str:
    """The applicationServerKey the browser subscribes with (base64url, uncompressed point)."""
    raw = vapid().public_key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def payload(message: Message, lang: str) -> dict[str, str]:
    """What the browser shows: the message, and its button's label in the person's language."""
    with translation.override(lang):
        start = translation.gettext("Start now")
    return {
        "title": message.title,
        "body": message.text,
        "url": links.player_url(message.routine_id),
        "tag": f"reminder-{message.routine_id}",
        "action": start,
    }


def send(subscription: PushSubscription, data: dict[str, str]) -> bool:
    """Push `data` to one browser. False when the endpoint is gone (then it is removed)."""
    info = {
        "endpoint": subscription.endpoint,
        "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
    }
    try:
        webpush(
            info,
            data=json.dumps(data),
            vapid_private_key=vapid(),
            vapid_claims={"sub": f"mailto:{settings.DEFAULT_FROM_EMAIL}"},
            ttl=TTL_SECONDS,
            timeout=10,
        )
    except WebPushException as exc:
        status = getattr(exc.response, "status_code", None)
        if status in GONE:
            subscription.delete()
            return False
        raise
    return True


def send_reminder(user, message: Message, lang: str) -> str:
    """Push the reminder to each of the person's browsers; how many it reached."""
    data = payload(message, lang)
    reached = sum(send(s, data) for s in list(user.push_subscriptions.all()))
    return f"{reached} browser{'s' if reached != 1 else ''}"
