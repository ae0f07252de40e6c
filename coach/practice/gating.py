"""The facts the safety gate (stretching.gate) looks at, read the same way for every door: the
web player with the browser's session, `sciatica play --email` without one."""

from datetime import datetime

from django.contrib.sessions.backends.base import SessionBase
from django.db.models import Max
from django.utils import timezone

from coach.accounts import guest
from coach.accounts.selectors import consent_state, full_screen, quick_check
from coach.lib.language import display_language
from stretching import gate

from .models import PracticeSession


def last_session_saved_at(*, user, guest_key: str = "") -> datetime | None:
    """When the person's (or else this guest's) latest session was saved."""
    if user.is_authenticated:
        mine = PracticeSession.objects.filter(user=user)
    elif guest_key:
        mine = PracticeSession.objects.filter(user__isnull=True, guest_key=guest_key)
    else:
        return None
    return mine.aggregate(at=Max("created_at"))["at"]


def facts_for(
    *, user, browser: SessionBase | None, recheck_asked_at: datetime | None = None
) -> gate.Facts:
    """Consent, the latest answers and the latest session, from the database and (on the web)
    this browser's session; `recheck_asked_at` comes from the person's plan."""
    return gate.Facts(
        consent=consent_state(user),
        screen=full_screen(user, browser),
        quick_check=quick_check(user, browser),
        last_session_at=last_session_saved_at(user=user, guest_key=guest.guest_key(browser)),
        recheck_asked_at=recheck_asked_at,
    )


def answer_for(
    *,
    user,
    browser: SessionBase | None,
    recheck_asked_at: datetime | None = None,
    not_now: str = "",
) -> gate.Answer:
    facts = facts_for(user=user, browser=browser, recheck_asked_at=recheck_asked_at)
    return gate.may_start(facts, timezone.now(), not_now=not_now, lang=display_language())
