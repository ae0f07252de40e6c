"""Check-ins and the plain-words trend: is the person improving, about the same, or worse?

The rules follow the clinical brief, section 3 ([design] defaults): what matters is leg pain
(0-10) and how far down the leg symptoms reach. A meaningful change in pain is 2 points or 30%;
symptoms retreating toward the spine (centralisation) is a good sign once it holds to the next
check-in; symptoms spreading further down the leg is a reason for caution at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Literal

Context = Literal["before", "after", "standalone", "morning"]
CONTEXTS: tuple[str, ...] = ("before", "after", "standalone", "morning")
Change = Literal["better", "same", "worse"]
Verdict = Literal["improving", "about the same", "worse", "not enough data"]

EXTENT_LABELS: tuple[str, ...] = (
    "none",
    "low back",
    "buttock or hip",
    "thigh",
    "below the knee",
    "foot",
)
"""How far down a leg symptoms reach, by level 0-5 (clinical brief section 2)."""
EXTENT_PLACES: tuple[str, ...] = (
    "nowhere",
    "the low back",
    "the buttock or hip",
    "the thigh",
    "below the knee",
    "the foot",
)
"""The same levels as places, to follow 'reached' in a sentence."""

MEANINGFUL_POINTS = 2
"""A change in leg pain of this many points counts (clinical brief section 2: about 2 points)."""
MEANINGFUL_PERCENT = 30
"""...or of this share of the earlier score (clinical brief section 2: or 30%)."""
EXTENT_STEP = 1
"""Symptoms moving this many levels up or down the leg count as a change (brief section 3)."""
TREND_DAYS = 7
"""[design] The trend compares the first and the latest check-in of this many past days."""


@dataclass(frozen=True)
class CheckIn:
    """One diary entry: pain right now, how far down each leg it reaches, and two ticks."""

    at: datetime
    leg_pain: int
    back_pain: int
    extent_left: int = 0
    extent_right: int = 0
    numbness: bool = False
    weakness: bool = False
    context: Context = "standalone"

    def __post_init__(self) -> None:
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError("CheckIn.at must be timezone-aware")
        for name, top in (
            ("leg_pain", 10),
            ("back_pain", 10),
            ("extent_left", 5),
            ("extent_right", 5),
        ):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
                raise ValueError(f"CheckIn.{name} must be a whole number from 0 to {top}")
        if self.context not in CONTEXTS:
            raise ValueError(f"CheckIn.context must be one of {', '.join(CONTEXTS)}")

    @property
    def pain_free(self) -> bool:
        return self.leg_pain == 0 and self.back_pain == 0


@dataclass(frozen=True)
class Trend:
    verdict: Verdict
    reason: str


def max_extent(checkin: CheckIn) -> int:
    """The furthest level either leg's symptoms reach (0 none ... 5 foot)."""
    return max(checkin.extent_left, checkin.extent_right)


def extent_label(level: int) -> str:
    return EXTENT_LABELS[level]


def extent_place(level: int) -> str:
    return EXTENT_PLACES[level]


def _meaningful(before: int, delta: int) -> bool:
    """Whether a change of `delta` points (positive) from `before` is 2+ points or 30%+."""
    if delta <= 0:
        return False
    return delta >= MEANINGFUL_POINTS or (before > 0 and 100 * delta >= MEANINGFUL_PERCENT * before)


def pain_rose(before: CheckIn, after: CheckIn) -> bool:
    return _meaningful(before.leg_pain, after.leg_pain - before.leg_pain)


def pain_fell(before: CheckIn, after: CheckIn) -> bool:
    return _meaningful(before.leg_pain, before.leg_pain - after.leg_pain)


def spread_further(before: CheckIn, after: CheckIn) -> bool:
    return max_extent(after) >= max_extent(before) + EXTENT_STEP


def change(before: CheckIn, after: CheckIn) -> Change:
    """Compare two check-ins; spreading or a meaningful rise in leg pain always reads worse."""
    if spread_further(before, after) or pain_rose(before, after):
        return "worse"
    if max_extent(after) <= max_extent(before) - EXTENT_STEP or pain_fell(before, after):
        return "better"
    return "same"


def short_date(when: datetime, tz: tzinfo | None = None) -> str:
    """'12 Nov', in the given timezone (or the datetime's own)."""
    local = when.astimezone(tz) if tz is not None else when
    return f"{local.day} {local:%b}"


class TrendWords:
    """The trend's sentences, in English; stretching.rules.words says them in other languages."""

    def short_date(self, when: datetime, tz: tzinfo | None) -> str:
        return short_date(when, tz)

    def extent_label(self, level: int) -> str:
        return EXTENT_LABELS[level]

    def extent_place(self, level: int) -> str:
        return EXTENT_PLACES[level]

    def verdict(self, verdict: str) -> str:
        """A Verdict as people read it ('improving')."""
        return verdict

    def trend_none(self, days: int) -> str:
        return f"There are no check-ins in the last {days} days."

    def trend_one(self, days: int) -> str:
        return f"There is only one check-in in the last {days} days, and a trend needs two."

    def trend_pain(self, before: int, after: int, since: str) -> str:
        return f"Leg pain went from {before} to {after} since {since}"

    def trend_where(self, now: str, before: str) -> str:
        return f"({now} instead of {before})"

    def trend_spreading(self, where: str) -> str:
        return f"your symptoms now reach further down the leg {where}"

    def trend_spread_since(self, since: str, where: str) -> str:
        return f"Your symptoms now reach further down the leg than on {since} {where}."

    def trend_and(self, first: str, second: str) -> str:
        return f"{first}, and {second}."

    moving_up = "your leg symptoms seem to be moving up toward your back, generally a good sign"

    def trend_reach(self, first: int, since: str, last: int) -> str:
        return (
            f"they reached {self.extent_place(first)} on {since} and no further than "
            f"{self.extent_place(last)} in your last two check-ins"
        )

    def trend_same_pain(self, pain: int, since: str) -> str:
        return f"Leg pain is {pain}, as it was on {since}"

    def trend_not_clear(self, pain: str) -> str:
        return f"{pain}, not yet a clear change"

    less_far = (
        ", and your symptoms reach less far down the leg, which counts once it holds "
        "to your next check-in"
    )
    as_far = ", and your symptoms reach about as far down the leg"


ENGLISH_TREND = TrendWords()


def trend(
    checkins: Iterable[CheckIn],
    now: datetime,
    *,
    days: int = TREND_DAYS,
    words: TrendWords = ENGLISH_TREND,
) -> Trend:
    """The plain-words trend over the past `days`, with one sentence naming the numbers (in
    the language of `words`).

    The first check-in of the period is compared with the latest. Worse wins over improving:
    spreading further down the leg or a rise in leg pain of 2+ points or 30%. Improving: leg
    pain fell by 2+ points or 30%, or the furthest symptom moved up 1+ level and held there at
    the next check-in (both of the last two check-ins).
    """
    recent = sorted(
        (c for c in checkins if now - timedelta(days=days) <= c.at <= now), key=lambda c: c.at
    )
    if not recent:
        return Trend("not enough data", words.trend_none(days))
    if len(recent) == 1:
        return Trend("not enough data", words.trend_one(days))
    first, last = recent[0], recent[-1]
    since = words.short_date(first.at, now.tzinfo)
    pain = words.trend_pain(first.leg_pain, last.leg_pain, since)
    where = words.trend_where(
        words.extent_label(max_extent(last)), words.extent_label(max_extent(first))
    )
    if pain_rose(first, last) and spread_further(first, last):
        return Trend("worse", words.trend_and(pain, words.trend_spreading(where)))
    if pain_rose(first, last):
        return Trend("worse", f"{pain}.")
    if spread_further(first, last):
        return Trend("worse", words.trend_spread_since(since, where))

    held = len(recent) >= 3 and all(
        max_extent(c) <= max_extent(first) - EXTENT_STEP for c in recent[-2:]
    )
    moving_up = words.moving_up
    if pain_fell(first, last) and held:
        return Trend("improving", words.trend_and(pain, moving_up))
    if pain_fell(first, last):
        return Trend("improving", f"{pain}.")
    if held:
        reach = words.trend_reach(max_extent(first), since, max(max_extent(c) for c in recent[-2:]))
        return Trend("improving", f"{moving_up[0].upper()}{moving_up[1:]}: {reach}.")

    if first.leg_pain == last.leg_pain:
        same = words.trend_same_pain(last.leg_pain, since)
    else:
        same = words.trend_not_clear(pain)
    same += words.less_far if max_extent(last) < max_extent(first) else words.as_far
    return Trend("about the same", f"{same}.")
