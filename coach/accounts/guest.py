"""What a guest has in this browser session only: their key (sessions played before signing up
are saved under it), how many sessions they played, and screening answers kept out of the
database (for guests, and for a person who has withdrawn consent)."""

import uuid
from datetime import date, datetime

from django.contrib.sessions.backends.base import SessionBase

GUEST_KEY = "guest_key"
PLAYED_KEY = "guest_sessions"
SCREEN_KEY = "screen"
RECHECK_KEY = "recheck"


def guest_key(session: SessionBase | None) -> str:
    """This browser's guest key, or "" when it has none yet."""
    return session.get(GUEST_KEY, "") if session is not None else ""


def guest_key_issue(session: SessionBase) -> str:
    """This browser's guest key, made now if it has none."""
    key = guest_key(session)
    if not key:
        key = session[GUEST_KEY] = uuid.uuid4().hex
    return key


def session_played(session: SessionBase) -> None:
    """Count a session saved under this browser's guest key (the sign-up page says how many)."""
    session[PLAYED_KEY] = sessions_played(session) + 1


def sessions_played(session: SessionBase) -> int:
    return int(session.get(PLAYED_KEY, 0))


def screen_save(
    session: SessionBase, *, answers: dict[str, bool], version: str, at: datetime
) -> None:
    session[SCREEN_KEY] = {
        "answers": answers,
        "version": version,
        "at": at.isoformat(),
        "cleared_on": None,
    }


def screen_clear(session: SessionBase, *, cleared_on: date) -> None:
    stored = session.get(SCREEN_KEY)
    if stored:
        session[SCREEN_KEY] = stored | {"cleared_on": cleared_on.isoformat()}


def screen(session: SessionBase) -> dict | None:
    """{answers, version, at (datetime), cleared_on (date or None)} or None."""
    stored = session.get(SCREEN_KEY)
    if not stored:
        return None
    cleared = stored.get("cleared_on")
    return stored | {
        "at": datetime.fromisoformat(stored["at"]),
        "cleared_on": date.fromisoformat(cleared) if cleared else None,
    }


def recheck_save(
    session: SessionBase, *, answers: dict[str, bool], outcome: str, at: datetime, key: str = ""
) -> None:
    """Keep the latest quick check (`key`: the idempotency key it was sent with, if any)."""
    session[RECHECK_KEY] = {
        "answers": answers,
        "outcome": outcome,
        "at": at.isoformat(),
        "key": key,
    }


def recheck(session: SessionBase) -> dict | None:
    stored = session.get(RECHECK_KEY)
    if not stored:
        return None
    return stored | {"at": datetime.fromisoformat(stored["at"])}


def forget(session: SessionBase) -> None:
    """Drop the screening answers (kept in the diary now, or no longer wanted)."""
    session.pop(SCREEN_KEY, None)
    session.pop(RECHECK_KEY, None)
