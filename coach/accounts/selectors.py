"""Reads for consent and the safety screen: what the safety gate (stretching.gate) looks at."""

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from coach.lib.language import display_language
from stretching.gate import ConsentState, FullScreen, QuickCheck
from stretching.screening import QUESTIONS_BY_ID, SCREEN_VERSION, Question, ScreenResult, evaluate

from . import guest
from .models import CONSENT_VERSION, Consent, ScreeningResponse


def consent_active(user) -> bool:
    """Whether the person's consent to store health data (current version) is in force."""
    if not user.is_authenticated:
        return False
    return Consent.objects.filter(
        user=user, version=CONSENT_VERSION, withdrawn_at__isnull=True
    ).exists()


def consent_state(user) -> ConsentState:
    """In force, withdrawn (the latest consent was taken back), never given for the current
    wording, or no account at all."""
    if not user.is_authenticated:
        return "no-account"
    if consent_active(user):
        return "given"
    latest = consent_latest(user)
    return "withdrawn" if latest is not None and latest.withdrawn_at else "not-given"


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


def with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _latest(user, kind: str) -> ScreeningResponse | None:
    if not user.is_authenticated:
        return None
    return ScreeningResponse.objects.filter(user=user, kind=kind).first()


def full_screen(user, browser: SessionBase | None) -> FullScreen | None:
    """The latest full screen from the database or this browser session, whichever is newer."""
    return _newer_screen(_latest(user, "full"), browser)


def _newer_screen(r: ScreeningResponse | None, browser: SessionBase | None) -> FullScreen | None:
    found = []
    if r is not None:
        found.append(FullScreen(r.answers, r.answered_at, r.screen_version, r.cleared_on))
    stored = guest.screen(browser) if browser is not None else None
    if stored:
        found.append(
            FullScreen(stored["answers"], stored["at"], stored["version"], stored["cleared_on"])
        )
    return max(found, key=lambda s: s.answered_at, default=None)


def quick_check(user, browser: SessionBase | None) -> QuickCheck | None:
    """The latest quick check from the database or this browser session, whichever is newer."""
    found = []
    r = _latest(user, "recheck")
    if r is not None:
        found.append(QuickCheck(r.answers, r.answered_at))
    stored = guest.recheck(browser) if browser is not None else None
    if stored:
        found.append(QuickCheck(stored["answers"], stored["at"]))
    return max(found, key=lambda c: c.answered_at, default=None)


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
    """The latest full screen (current version) and what it means, for the screen pages (its
    words in the request's language)."""
    response = _latest(request.user, "full")
    screen = _newer_screen(response, request.session)
    if screen is None or screen.version != SCREEN_VERSION:
        return None
    try:
        result = evaluate(screen.answers, cleared_on=screen.cleared_on, lang=display_language())
    except ValueError:
        return None
    if response is not None and response.answered_at != screen.answered_at:
        response = None  # the newer answers are this browser's
    answers = dict(screen.answers)
    return ScreenState(answers, screen.answered_at, screen.cleared_on, result, response)
