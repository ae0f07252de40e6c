"""Daily limits: how often each routine is asked for today, how many sessions there have been,
and whether another may start.

Decision: the daily limit counts every relief session started that calendar day, finished or
not (in the person's zone). The routine the plan is in (relief or warm-up) is asked for at its
page's frequency; the other one is offered, not asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo

from ..catalogue import Catalogue
from .history import SessionRecord
from .settings import RuleSettings
from .state import Mode
from .words import Words, for_language


@dataclass(frozen=True)
class DueItem:
    """How often a routine is asked for today and how many sessions of it there have been."""

    routine_id: str
    kind: str
    done: int
    started: int
    minimum: int | None
    maximum: int | None
    time_of_day: str
    lang: str = "en"
    """The language of `text`."""

    @property
    def due(self) -> bool:
        return bool(self.minimum)

    @property
    def still_due(self) -> int:
        return max(0, (self.minimum or 0) - self.done)

    @property
    def text(self) -> str:
        """'3 of up to 10', '1 of 2', or '2 today' where nothing is asked for."""
        return for_language(self.lang).due_text(self.done, self.minimum, self.maximum)


def sessions_today(
    sessions: Iterable[SessionRecord],
    routine_id: str,
    now: datetime,
    tz: tzinfo | None = None,
    *,
    completed_only: bool = False,
) -> int:
    """Sessions of the routine started on now's local calendar day (in `tz`, else now's zone)."""
    zone = tz or now.tzinfo
    today = now.astimezone(zone).date()
    return sum(
        1
        for s in sessions
        if s.routine_id == routine_id
        and s.started_at <= now
        and s.started_at.astimezone(zone).date() == today
        and (s.completed or not completed_only)
    )


def due_items(
    catalogue: Catalogue,
    sessions: Iterable[SessionRecord],
    now: datetime,
    tz: tzinfo | None,
    mode: Mode,
    s: RuleSettings,
    lang: str = "en",
) -> tuple[DueItem, ...]:
    """Every routine with how often it is asked for today in this mode."""
    sessions = list(sessions)
    items = []
    for routine in catalogue.routines.values():
        f = routine.frequency
        lo, hi = f.times_per_day_min, f.times_per_day_max
        if routine.kind == "relief":
            hi = min(hi or s.max_relief_per_day, s.max_relief_per_day)
            lo = lo if mode == "relief" else None
        elif routine.kind == "warm-up":
            lo = lo if mode == "warm-up" else None
        items.append(
            DueItem(
                routine.id,
                routine.kind,
                done=sessions_today(sessions, routine.id, now, tz, completed_only=True),
                started=sessions_today(sessions, routine.id, now, tz),
                minimum=lo,
                maximum=hi,
                time_of_day=f.time_of_day,
                lang=lang,
            )
        )
    return tuple(items)


def may_start(
    item: DueItem, name: str, all_left_out: bool, words: Words | None = None
) -> tuple[bool, str]:
    """Whether a session of the routine may start now, and a friendly line saying why (in the
    language of `words`, else the item's). `all_left_out`: every stretch in the routine is left
    out today."""
    w = words or for_language(item.lang)
    if all_left_out:
        return False, w.all_left_out(name)
    if item.kind == "relief" and item.maximum and item.started >= item.maximum:
        return False, w.daily_limit(item.started, name)
    if item.maximum and item.started >= item.maximum:
        return True, w.as_often_as_suggested(item.started, name)
    if item.maximum:
        return True, w.session_of(item.started + 1, item.maximum)
    return True, ""
