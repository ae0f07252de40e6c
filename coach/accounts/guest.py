"""Screening answers kept in the browser session only: for guests, and for a person who has
withdrawn consent, so nothing about their health is written to the database."""

from datetime import date, datetime

from django.contrib.sessions.backends.base import SessionBase

SCREEN_KEY = "screen"
RECHECK_KEY = "recheck"


def screen_save(session: SessionBase, *, answers: dict[str, bool], version: str,
                at: datetime) -> None:
    session[SCREEN_KEY] = {"answers": answers, "version": version, "at": at.isoformat(),
                           "cleared_on": None}


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
    return stored | {"at": datetime.fromisoformat(stored["at"]),
                     "cleared_on": date.fromisoformat(cleared) if cleared else None}


def recheck_save(session: SessionBase, *, answers: dict[str, bool], outcome: str,
                 at: datetime) -> None:
    session[RECHECK_KEY] = {"answers": answers, "outcome": outcome, "at": at.isoformat()}


def recheck(session: SessionBase) -> dict | None:
    stored = session.get(RECHECK_KEY)
    if not stored:
        return None
    return stored | {"at": datetime.fromisoformat(stored["at"])}


def forget(session: SessionBase) -> None:
    session.pop(SCREEN_KEY, None)
    session.pop(RECHECK_KEY, None)
