"""The two doors into a session ask the same safety gate: the web player (Django's client) and
`sciatica play --email` (a real process, keys on its terminal) refuse or allow alike, with the
same words, for the same person in the same state."""

import html
import re
import time
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from coach.accounts.models import ScreeningResponse
from stretching import gate
from stretching.screening import (
    CLINICIAN_HEADLINE,
    CLINICIAN_MESSAGE,
    EMERGENCY_HEADLINE,
    EMERGENCY_MESSAGE,
    QUESTIONS_BY_ID,
)

from .factories import make_checkin, make_consent, make_recheck, make_screen, make_user
from .test_cli_play import Terminal

pytestmark = pytest.mark.django_db(transaction=True)
PLAY = "/routines/hip-flexor/play/"
STARTED = "[space] pause"  # the terminal player's keys line: the session is running
ASKED = "[Enter] none of these"
REFUSED, STARTS, CHECK_THEN_STARTS = "refused", "starts", "asks the quick check, then starts"


@dataclass(frozen=True)
class Case:
    name: str
    outcome: str
    words: tuple[str, ...] = ()
    consent: str = "given"
    screen: tuple[str, ...] | None = ()
    cleared: bool = False
    screen_minutes_ago: int = 1
    check_minutes_ago: int | None = None
    worrying_checkin: bool = False

    def set_up(self, email: str):
        user = make_user(email, consent=False, screened=False)
        if self.consent != "never":
            make_consent(user, withdrawn=self.consent == "withdrawn")
        now = timezone.now()
        if self.screen is not None:
            cleared_on = date.today() - timedelta(days=1) if self.cleared else None
            at = now - timedelta(minutes=self.screen_minutes_ago)
            make_screen(user, yes=self.screen, at=at, cleared_on=cleared_on)
        if self.check_minutes_ago is not None:
            make_recheck(user, at=now - timedelta(minutes=self.check_minutes_ago))
        if self.worrying_checkin:
            make_checkin(user, at=now - timedelta(minutes=1), numbness=True)
        return user


CASES = [
    Case("no consent", REFUSED, (gate.NEED_CONSENT,), consent="never"),
    Case("consent withdrawn", REFUSED, (gate.CONSENT_WITHDRAWN,), consent="withdrawn"),
    Case("screen missing", REFUSED, (gate.NEED_SCREEN,), screen=None),
    Case(
        "Tier A yes",
        REFUSED,
        (EMERGENCY_HEADLINE, EMERGENCY_MESSAGE, QUESTIONS_BY_ID["a5"].text),
        screen=("a5",),
    ),
    Case(
        "Tier B not cleared",
        REFUSED,
        (CLINICIAN_HEADLINE, CLINICIAN_MESSAGE, QUESTIONS_BY_ID["b2"].text),
        screen=("b2",),
    ),
    Case("Tier B cleared", STARTS, screen=("b2",), cleared=True),
    Case("quick check stale", CHECK_THEN_STARTS, (gate.NEED_QUICK_CHECK,), screen_minutes_ago=120),
    Case("quick check fresh", STARTS, screen_minutes_ago=120, check_minutes_ago=5),
    Case(
        "check-in with new numbness",
        CHECK_THEN_STARTS,
        (gate.CHECKIN_ASKS_QUICK_CHECK,),
        screen_minutes_ago=120,
        check_minutes_ago=5,
        worrying_checkin=True,
    ),
]


def words(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def through_the_web(client) -> tuple[str, str]:
    """What the web player does: its outcome and the words on the page it leads to."""
    response = client.get(PLAY, follow=True)
    landed = response.request["PATH_INFO"]
    if landed == PLAY:
        return STARTS, ""
    text = words(response.content.decode())
    if landed != "/account/check/":
        return REFUSED, text
    after = client.post("/account/check/", {"none": "1", "next": PLAY}, follow=True)
    started = after.request["PATH_INFO"] == PLAY and "player-data" in after.content.decode()
    return (CHECK_THEN_STARTS if started else REFUSED), text


def through_the_terminal(email: str) -> tuple[str, str]:
    """What `sciatica play --email` does: its outcome and every word it wrote."""
    term = Terminal("play", "hip-flexor", "--email", email, "--speed", "60")
    asked = False
    deadline = time.monotonic() + 30
    while term.proc.poll() is None and STARTED not in term.output:
        assert time.monotonic() < deadline, f"stuck; output ends:\n{term.output[-1500:]}"
        if ASKED in term.output and not asked:
            asked = True
            term.send("\r")  # one key: none of these
        term._read(0.05)
    if STARTED in term.output:
        term.send("q")
        assert term.wait() == 0
        return (CHECK_THEN_STARTS if asked else STARTS), words(term.output)
    assert term.wait() == 3, term.output
    return REFUSED, words(term.output)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_web_and_the_terminal_refuse_or_allow_alike_with_the_same_words(client, case):
    web_user = case.set_up("web@example.org")
    terminal_user = case.set_up("terminal@example.org")
    client.force_login(web_user)

    web, web_words = through_the_web(client)
    terminal, terminal_words = through_the_terminal("terminal@example.org")

    assert web == terminal == case.outcome
    for sentence in case.words:
        sentence = words(sentence)
        assert sentence in web_words, f"the web page does not say: {sentence}"
        assert sentence in terminal_words, f"the terminal does not say: {sentence}"
    if case.outcome == CHECK_THEN_STARTS:
        # Both doors kept the quick check the same way: in the person's own record.
        for user in (web_user, terminal_user):
            latest = ScreeningResponse.objects.filter(user=user, kind="recheck").first()
            assert latest is not None and latest.outcome == "clear"
            assert latest.answered_at > timezone.now() - timedelta(minutes=1)
