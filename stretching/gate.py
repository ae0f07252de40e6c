"""The one safety gate: may this person start a session now, and if not, what must happen first.

Every door asks it (the web player and `sciatica play --email`) with the same plain facts, and
shows the wording it returns. The meaning of the answers themselves comes from `screening`;
this module only decides which question stands in the way, in which order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from .screening import SCREEN_VERSION, Question, ScreenResult, evaluate, recheck, words

RECHECK_VALID_MINUTES = 30
"""[design] A quick check (or a full screen) answered with no warning sign opens one session
started within this many minutes; the next session asks again."""

ConsentState = Literal["given", "withdrawn", "not-given", "no-account"]
"""Consent to keep health data: in force, withdrawn, never given for the current wording, or
no account at all (a guest, whose answers stay in this browser only)."""

Step = Literal[
    "start",
    "give-consent",
    "answer-screen",
    "emergency",
    "see-clinician",
    "answer-quick-check",
    "not-now",
]
Where = Literal["", "consent", "screen", "quick-check"]
"""What can change the answer: giving consent, the full screen, or the quick check."""

NEED_CONSENT = "Please give your consent to keep health data before you start a session."
CONSENT_WITHDRAWN = (
    "You have withdrawn your consent to keep health data, so no session starts for your "
    "account until you give it again in Settings."
)
NEED_SCREEN = "Please answer the safety questions before your first session."
NEED_QUICK_CHECK = "Please answer the quick safety check before this session."
CHECKIN_ASKS_QUICK_CHECK = (
    "Your last check-in noted new numbness, weakness or symptoms in both legs. "
    "Please answer the safety check again before stretching."
)
QUICK_CHECK_QUESTION = "Before you start: any of these today?"
GATE_WORDS: tuple[str, ...] = (
    "NEED_CONSENT",
    "CONSENT_WITHDRAWN",
    "NEED_SCREEN",
    "NEED_QUICK_CHECK",
    "CHECKIN_ASKS_QUICK_CHECK",
    "QUICK_CHECK_QUESTION",
)
"""The names of the gate's own words; another language gives each of them (lower case) in
`data/<lang>/screening.toml`'s [gate]."""


def say(name: str, lang: str = "en") -> str:
    """One of the gate's own words (GATE_WORDS) in `lang`: `say("NEED_SCREEN", "es")`."""
    if name not in GATE_WORDS:
        raise KeyError(name)
    if lang == "en":
        return str(globals()[name])
    return words(lang).gate[name.lower()]


def quick_check_question(lang: str = "en") -> str:
    """The quick check's question, over its list of Tier A signs."""
    return say("QUICK_CHECK_QUESTION", lang)


@dataclass(frozen=True)
class FullScreen:
    """The latest answers to every safety question, as stored."""

    answers: Mapping[str, bool]
    answered_at: datetime
    version: str = SCREEN_VERSION
    cleared_on: date | None = None
    """The day the person says a clinician cleared them (unlocks Tier B signs only)."""


@dataclass(frozen=True)
class QuickCheck:
    """The latest answers to the quick Tier A check before a session."""

    answers: Mapping[str, bool]
    answered_at: datetime


@dataclass(frozen=True)
class Facts:
    """Everything the gate looks at, as plain values read by the door that asks."""

    consent: ConsentState
    screen: FullScreen | None = None
    quick_check: QuickCheck | None = None
    last_session_at: datetime | None = None
    """When the person's latest session was saved, if ever."""
    recheck_asked_at: datetime | None = None
    """When a check-in noted new numbness, weakness or both legs (the plan's Tier A flag)."""


@dataclass(frozen=True)
class Answer:
    """Start, or the one next step with the words the person sees."""

    step: Step
    headline: str = ""
    message: str = ""
    where: Where = ""
    reasons: tuple[Question, ...] = ()
    warn: bool = False
    """A warning sign or a worrying check-in stands in the way, not just a missing answer."""

    @property
    def allowed(self) -> bool:
        return self.step == "start"

    @property
    def text(self) -> str:
        return f"{self.headline} {self.message}".strip()


START = Answer("start")


def may_start(facts: Facts, now: datetime, *, not_now: str = "", lang: str = "en") -> Answer:
    """Whether a session may start now, and if not, the first thing that must happen, in the
    words of `lang` (`not_now` is shown as given).

    In order: consent in force (people with an account), a full screen of the current version,
    no warning sign that is not cleared, a quick check since a worrying check-in, no warning
    sign in the latest quick check, the plan's own "not now" (`not_now`, such as a daily
    limit), and a fresh check: one answered within RECHECK_VALID_MINUTES that no saved session
    has used yet.
    """
    if facts.consent == "withdrawn":
        return Answer("give-consent", say("CONSENT_WITHDRAWN", lang), where="consent")
    if facts.consent == "not-given":
        return Answer("give-consent", say("NEED_CONSENT", lang), where="consent")
    screen = facts.screen
    result = _evaluate(screen)
    if screen is None or result is None:
        return Answer("answer-screen", say("NEED_SCREEN", lang), where="screen")
    if result.locked:
        return _locked(result.in_language(lang), "screen")
    check = facts.quick_check
    answered = [screen.answered_at] + ([check.answered_at] if check else [])
    asked = facts.recheck_asked_at
    if asked is not None and not any(at > asked for at in answered):
        return Answer(
            "answer-quick-check",
            say("CHECKIN_ASKS_QUICK_CHECK", lang),
            where="quick-check",
            warn=True,
        )
    passed_at = screen.answered_at  # the full screen asks every Tier A question too
    if check is not None and check.answered_at >= screen.answered_at:
        checked = recheck((qid for qid, yes in check.answers.items() if yes), lang)
        if checked.locked:
            return _locked(checked, "quick-check")
        passed_at = check.answered_at
    if not_now:
        return Answer("not-now", not_now)
    fresh = now - passed_at <= timedelta(minutes=RECHECK_VALID_MINUTES)
    used = facts.last_session_at is not None and facts.last_session_at >= passed_at
    if not fresh or used:
        return Answer("answer-quick-check", say("NEED_QUICK_CHECK", lang), where="quick-check")
    return START


def _evaluate(screen: FullScreen | None) -> ScreenResult | None:
    """The screen's meaning, or None when it is missing, of an old version or incomplete."""
    if screen is None or screen.version != SCREEN_VERSION:
        return None
    try:
        return evaluate(screen.answers, cleared_on=screen.cleared_on)
    except ValueError:
        return None


def _locked(result: ScreenResult, where: Where) -> Answer:
    step: Step = "emergency" if result.status == "emergency" else "see-clinician"
    return Answer(step, result.headline, result.message, where, result.reasons, warn=True)
