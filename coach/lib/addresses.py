"""The visitor's network address, as the sign-in lockout counts it."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR; behind the app's own proxy (BEHIND_PROXY), the X-Real-IP header it sets.

    The proxy overwrites any X-Real-IP a client sends (deploy/nginx.conf), so only then is the
    header trusted. Anything that is not an address is None, never stored.
    """
    header = "HTTP_X_REAL_IP" if settings.BEHIND_PROXY else "REMOTE_ADDR"
    try:
        return str(ipaddress.ip_address(request.META.get(header, "").strip()))
    except ValueError:
        return None
