"""Reads for consent and the safety screen, and the gate the player calls before a session."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from coach.practice.models import PracticeSession
from stretching.screening import (
    QUESTIONS_BY_ID,
    SCREEN_VERSION,
    Question,
    ScreenResult,
    evaluate,
    recheck,
)

from . import guest
from .models import CONSENT_VERSION, Consent, ScreeningResponse

RECHECK_VALID_MINUTES = 30
"""[design] A quick check answered "none of these" opens one session started within this
many minutes; the next session asks again."""


def consent_active(user) -> bool:
    """Whether the person's consent to store health data (current version) is in force."""
    if not user.is_authenticated:
        return False
    return Consent.objects.filter(
        user=user, version=CONSENT_VERSION, withdrawn_at__isnull=True
    ).exists()


def consent_latest(user) -> Consent | None:
    return Consent.objects.filter(user=user).first()


def stores_health_data(request: HttpRequest) -> bool:
    """Signed in with consent in force: answers go to the database, else to the session only."""
    return consent_active(request.user)


def safe_next(request: HttpRequest, default: str = "") -> str:
    """The ?next= (or posted next) path if it points into this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and ok else default


@dataclass(frozen=True)
class ScreenState:
    """The latest full screen that counts (current version), evaluated by the core."""

    answers: dict[str, bool]
    answered_at: datetime
    cleared_on: date | None
    result: ScreenResult
    response: ScreeningResponse | None

    @property
    def yes(self) -> list[Question]:
        return [QUESTIONS_BY_ID[qid] for qid, yes in self.answers.items() if yes]


def screen_state(request: HttpRequest) -> ScreenState | None:
    """The latest full screen from the database or this session, whichever is newer."""
    candidates = []
    if request.user.is_authenticated:
        r = ScreeningResponse.objects.filter(user=request.user, kind="full").first()
        if r is not None:
            candidates.append((r.answered_at, r.answers, r.cleared_on, r.screen_version, r))
    stored = guest.screen(request.session)
    if stored:
        candidates.append((stored["at"], stored["answers"], stored["cleared_on"],
                           stored["version"], None))
    if not candidates:
        return None
    at, answers, cleared_on, version, response = max(candidates, key=lambda c: c[0])
    if version != SCREEN_VERSION:
        return None
    try:
        result = evaluate(answers, cleared_on=cleared_on)
    except ValueError:
        return None
    return ScreenState(answers, at, cleared_on, result, response)


@dataclass(frozen=True)
class RecheckState:
    answered_at: datetime
    result: ScreenResult


def recheck_state(request: HttpRequest) -> RecheckState | None:
    """The latest quick check from the database or this session, whichever is newer."""
    candidates = []
    if request.user.is_authenticated:
        r = ScreeningResponse.objects.filter(user=request.user, kind="recheck").first()
        if r is not None:
            candidates.append((r.answered_at, r.answers))
    stored = guest.recheck(request.session)
    if stored:
        candidates.append((stored["at"], stored["answers"]))
    if not candidates:
        return None
    at, answers = max(candidates, key=lambda c: c[0])
    return RecheckState(at, recheck(qid for qid, yes in answers.items() if yes))


def _sessions_saved_since(request: HttpRequest, since: datetime) -> bool:
    if request.user.is_authenticated:
        mine = PracticeSession.objects.filter(user=request.user)
    else:
        key = request.session.get("guest_key", "")
        if not key:
            return False
        mine = PracticeSession.objects.filter(user__isnull=True, guest_key=key)
    return mine.filter(created_at__gte=since).exists()


def with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def screen_allows_practice(request: HttpRequest, next_url: str = "") -> tuple[bool, str, str]:
    """Whether a session may start now: (allowed, what to tell the person, where to send them).

    Locked while the full screen is missing, out of date, or shows a warning sign not cleared;
    otherwise each session needs a fresh quick check ("none of these") that no saved session
    has used yet. When allowed, the url is `next_url`.
    """
    now = timezone.now()
    screen_url = with_next(reverse("accounts:screen"), next_url)
    check_url = with_next(reverse("accounts:check"), next_url)
    state = screen_state(request)
    if state is None:
        return False, "Please answer the safety questions before your first session.", screen_url
    if state.result.locked:
        return False, state.result.headline, screen_url
    last = recheck_state(request)
    if last is not None and last.answered_at >= state.answered_at:
        if last.result.locked:
            return False, last.result.headline, check_url
        passed_at = last.answered_at
    else:
        passed_at = state.answered_at  # the full screen asks every Tier A question too
    fresh = now - passed_at <= timedelta(minutes=RECHECK_VALID_MINUTES)
    if not fresh or _sessions_saved_since(request, passed_at):
        return False, "Please answer the quick safety check before this session.", check_url
    return True, "", next_url
