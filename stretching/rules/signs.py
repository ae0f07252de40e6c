"""Signs in the check-ins that make the plan more careful.

- Symptoms that spread further down the leg (during a stretch, or between a check-in and the
  one after a session) and still reach further at the next check-in keep every routine to its
  gentlest stretches until symptoms are back where they were.
- New numbness or tingling, new weakness, or symptoms newly in both legs (`both_legs_extent` on
  each side) at the latest check-in bring back the quick Tier A safety questions.
"""

from __future__ import annotations

from dataclasses import replace

from ..symptoms import CheckIn, max_extent, spread_further
from . import words
from .history import SessionRecord
from .settings import RuleSettings
from .state import Shortened, SpreadWatch, State
from .today import Explanation


def watch_session(state: State, s: SessionRecord) -> State:
    """Symptoms spread during the session: the next check-in tells whether it lasted."""
    if not any(o.spread for o in s.outcomes):
        return state
    base = state.last_checkin(s.started_at)
    return replace(state, spread_watch=SpreadWatch(s.end, max_extent(base) if base else 0))


def follow_spread(state: State, c: CheckIn) -> State:
    """Check-in `c` starts a watch (spreading since the last one), settles or confirms one."""
    if c.context == "after":
        before = state.checkins[-1] if state.checkins else None
        if before is not None and spread_further(before, c):
            return replace(state, spread_watch=SpreadWatch(c.at, max_extent(before)))
        return state
    shortened = state.shortened
    if shortened is not None and max_extent(c) <= shortened.base:
        shortened = None
    watch = state.spread_watch
    if watch is None or c.at <= watch.since:
        return replace(state, shortened=shortened)
    if max_extent(c) > watch.base:
        shortened = Shortened(watch.since, c, watch.base)
    return replace(state, spread_watch=None, shortened=shortened)


def shortened_explanation(state: State, days: words.Days) -> Explanation | None:
    if state.shortened is None:
        return None
    text = words.shortened(state.shortened.spread_at, state.shortened.checkin, days)
    return Explanation("shortened", None, text)


def tier_a_explanation(
    checkins: tuple[CheckIn, ...], s: RuleSettings, days: words.Days
) -> Explanation | None:
    """New numbness, weakness or both legs at the latest check-in, against the one before."""
    if not checkins:
        return None
    last = checkins[-1]
    prev = checkins[-2] if len(checkins) > 1 else None

    def both_legs(c: CheckIn | None) -> bool:
        return c is not None and min(c.extent_left, c.extent_right) >= s.both_legs_extent

    signs = days.words.new_signs()
    new = []
    if last.numbness and not (prev and prev.numbness):
        new.append(signs["numbness"])
    if last.weakness and not (prev and prev.weakness):
        new.append(signs["weakness"])
    if both_legs(last) and not both_legs(prev):
        new.append(signs["both-legs"])
    if not new:
        return None
    return Explanation("tier-a", None, words.tier_a(last, new, days))
