"""Pausing sign-in after failed tries, and the page that says until when.

django-axes counts failures per account and address together (AXES_LOCKOUT_PARAMETERS), so a
stranger's wrong passwords never lock a person out from their own address. Axes holds one limit
only, so the looser limit per address (any account) is counted here from axes's own rows.
"""

import math
from datetime import datetime, timedelta

from axes.helpers import get_client_ip_address, get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def _cool_off() -> timedelta:
    cool_off = get_cool_off()
    assert cool_off is not None, "AXES_COOLOFF_TIME must be set"
    return cool_off


def address_paused_until(ip: str | None, now: datetime) -> datetime | None:
    """When this address may sign in again, once its failures on any account reach the limit."""
    if ip is None:
        return None
    cool_off = _cool_off()
    rows = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gt=now - cool_off)
    tries = list(rows.order_by("attempt_time").values_list("attempt_time", "failures_since_start"))
    total = sum(failures for _, failures in tries)
    limit = settings.SIGN_IN_FAILURES_PER_ADDRESS
    if total < limit:
        return None
    for at, failures in tries:  # oldest first: each expires a cool-off after its last failure
        total -= failures
        if total < limit:
            return at + cool_off
    return tries[-1][0] + cool_off  # unreached while the limit is at least 1


def address_paused(request: HttpRequest) -> bool:
    """True while the address of this request may not sign in to any account."""
    return address_paused_until(get_client_ip_address(request), timezone.now()) is not None


def account_paused_until(username: str | None, ip: str | None) -> datetime | None:
    """When the account may be tried again from this address (axes's own rows)."""
    latest = AccessAttempt.objects.filter(username=username, ip_address=ip).aggregate(
        at=Max("attempt_time")
    )["at"]
    return latest + _cool_off() if latest else None


def paused_response(
    request: HttpRequest, original_response=None, credentials: dict | None = None
) -> HttpResponse:
    """The 429 page (axes's AXES_LOCKOUT_CALLABLE, and the per-address pause): until when."""
    now = timezone.now()
    ip = get_client_ip_address(request)
    by_address = address_paused_until(ip, now)
    if by_address is not None:
        until, limit, reason = by_address, settings.SIGN_IN_FAILURES_PER_ADDRESS, "address"
    else:
        username = get_client_username(request, credentials)
        until = account_paused_until(username, ip) or now + _cool_off()
        limit, reason = settings.AXES_FAILURE_LIMIT, "account"
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    context = {"reason": reason, "failure_limit": limit, "until": until, "minutes": minutes}
    response = render(request, "accounts/locked.html", context, status=429)
    response["Retry-After"] = str(max(1, math.ceil((until - now).total_seconds())))
    response["Cache-Control"] = "private, no-store"  # it names the account tried
    return response
