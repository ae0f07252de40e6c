"""Web push: the server encrypts the reminder for the browser (RFC 8291, aes128gcm) and signs
the request (VAPID); a local test receiver decrypts it with the browser's keys (http_ece). An
endpoint the push service says is gone (410) is removed."""

import base64
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from coach.reminders import push
from coach.reminders.models import PushSubscription
from stretching.reminders import Message

from .factories import make_user

pytestmark = pytest.mark.django_db


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class Receiver:
    """A push service on loopback: keeps what it receives, answers with `status`."""

    def __init__(self, status: int = 201):
        self.received: list[tuple[dict, bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802  (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((dict(self.headers), body))
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/push/device-1"

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture
def browser_keys():
    """What a browser holds for its push subscription: an ECDH key pair and an auth secret."""
    private = ec.generate_private_key(ec.SECP256R1())
    public = private.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return private, b64(public), os.urandom(16)


MESSAGE = Message(
    "Time for your morning hamstring",
    "It is time for your morning hamstring.",
    (),
    "morning-hamstring",
)


def test_the_reminder_is_encrypted_for_the_browser_and_decrypted_by_it(browser_keys):
    private, p256dh, auth = browser_keys
    receiver = Receiver()
    user = make_user("alice@example.org")
    PushSubscription.objects.create(
        user=user, endpoint=receiver.endpoint, p256dh=p256dh, auth=b64(auth)
    )
    try:
        assert push.send_reminder(user, MESSAGE, "en") == "1 browser"
    finally:
        receiver.close()
    [(headers, body)] = receiver.received
    headers = {k.lower(): v for k, v in headers.items()}
    assert headers["content-encoding"] == "aes128gcm"
    assert headers["authorization"].startswith("vapid t=")
    assert MESSAGE.title.encode() not in body  # encrypted on the wire
    plain = http_ece.decrypt(body, private_key=private, auth_secret=auth, version="aes128gcm")
    assert json.loads(plain) == {
        "title": "Time for your morning hamstring",
        "body": "It is time for your morning hamstring.",
        "url": "http://127.0.0.1:8000/routines/morning-hamstring/play/",
        "tag": "reminder-morning-hamstring",
        "action": "Start now",
    }


def test_an_endpoint_that_is_gone_is_removed(browser_keys):
    _private, p256dh, auth = browser_keys
    receiver = Receiver(status=410)
    user = make_user("alice@example.org")
    PushSubscription.objects.create(
        user=user, endpoint=receiver.endpoint, p256dh=p256dh, auth=b64(auth)
    )
    try:
        assert push.send_reminder(user, MESSAGE, "en") == "0 browsers"
    finally:
        receiver.close()
    assert not PushSubscription.objects.exists()


def test_the_browser_subscribes_with_its_keys_and_only_when_signed_in(client, browser_keys):
    _private, p256dh, auth = browser_keys
    body = {"endpoint": "https://push.example/abc", "keys": {"p256dh": p256dh, "auth": b64(auth)}}
    response = client.post("/reminders/push/", body, content_type="application/json")
    assert response["Location"].startswith("/account/sign-in/")
    user = make_user("alice@example.org")
    client.force_login(user)
    response = client.post("/reminders/push/", body, content_type="application/json")
    assert response.status_code == 201
    assert PushSubscription.objects.get().user == user
    bad = client.post("/reminders/push/", {"endpoint": "x"}, content_type="application/json")
    assert bad.status_code == 400
