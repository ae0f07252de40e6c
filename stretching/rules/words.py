"""The sentences the rules write: one plain sentence for every change they make.

Day words are relative to now ('today', 'on Thursday', 'Monday 3 Nov' beyond six days) in the
person's zone; numbers up to ten are written as words.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo

from ..catalogue import Exercise
from ..symptoms import CheckIn, extent_place, max_extent
from .state import DoseChange, StretchState, page_hold

ORDINALS = ("first", "second", "third", "fourth", "fifth")
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
GREEN = "where nothing hurt and the next check-in was no worse"


def number(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def ordinal(n: int) -> str:
    return ORDINALS[n - 1] if 0 < n <= len(ORDINALS) else f"{n}th"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class Days:
    """Day words relative to now: 'today', 'Monday', or 'Monday 3 Nov' beyond six days."""

    def __init__(self, now: datetime, tz: tzinfo | None) -> None:
        self.tz = tz or now.tzinfo
        self.today = self.local(now)

    def local(self, when: datetime) -> date:
        return when.astimezone(self.tz).date()

    def name(self, when: datetime) -> str:
        d = self.local(when)
        if d == self.today:
            return "today"
        if abs((d - self.today).days) > 6:
            return f"{d:%A} {d.day} {d:%b}"
        return f"{d:%A}"

    def on(self, when: datetime) -> str:
        name = self.name(when)
        return name if name == "today" else f"on {name}"

    def until(self, when: datetime) -> str:
        name = self.name(when)
        return "until later today" if name == "today" else f"until {name}"

    def on_each(self, whens: Sequence[datetime]) -> str:
        names = list(dict.fromkeys(self.name(w) for w in whens))
        if len(names) == 1:
            return self.on(whens[0])
        return "on " + ", ".join(names[:-1]) + " and " + names[-1]


def dose_text(exercise: Exercise, hold: int, repetitions: int) -> str:
    """'2 x 15 s', '15 s' or '7 repetitions'."""
    if exercise.dose.kind == "hold":
        return f"{repetitions} x {hold} s" if repetitions > 1 else f"{hold} s"
    return f"{repetitions} repetition" + ("s" if repetitions != 1 else "")


# --- pauses -------------------------------------------------------------------------------


def cause(st: StretchState, days: Days, again: bool) -> str:
    """'it hurt again on Thursday' or 'your symptoms spread further down the leg during it'."""
    when = days.on(st.provoked_at) if st.provoked_at else ""
    extra = " again" if again else ""
    if st.provoked_by == "spread":
        return f"your symptoms spread further down the leg during it{extra} {when}"
    return f"it hurt{extra} {when}"


def stays_off(st: StretchState, ex: Exercise, days: Days) -> str:
    return (
        f"{ex.name} stays off because {cause(st, days, True)}, the "
        f"{ordinal(st.provoking_returns)} time after coming back; please ask a "
        "clinician about it before trying it again."
    )


def paused(
    st: StretchState, ex: Exercise, days: Days, ready: datetime | None, needed: int, of: int
) -> str:
    """Paused until a day (`ready`, when still ahead) and until `needed` more of `of` sessions
    in a row with nothing hurting."""
    if needed == of:
        sessions = f"{number(needed)} sessions in a row" if needed > 1 else "one session"
    else:
        sessions = f"{number(needed)} more session" + ("s" if needed > 1 else "")
    wait = f"you have done {sessions} with nothing hurting"
    why = cause(st, days, st.times_paused > 1)
    if ready is not None:
        text = f"{ex.name} is paused {days.until(ready)} because {why}"
        return text + (f", and until {wait}." if needed else ".")
    return f"{ex.name} is paused because {why}, until {wait}."


# --- doses --------------------------------------------------------------------------------


def starts_short(st: StretchState, ex: Exercise, step: int, green_pair: int) -> str:
    return (
        f"{ex.name} starts with {st.hold} s holds, building up to the full "
        f"{page_hold(ex)} s by {step} s after every "
        f"{number(green_pair)} sessions in a row {GREEN}."
    )


def stepped_up(st: StretchState, ex: Exercise, ch: DoseChange, step: int, days: Days) -> str:
    up = f"{step} s" if ch.what == "hold" else "one repetition"
    return (
        f"{ex.name} is now at {dose_text(ex, st.hold, st.reps)}, up {up} after "
        f"{number(len(ch.green_days))} sessions in a row {days.on_each(ch.green_days)} "
        f"{GREEN}."
    )


def came_back(st: StretchState, ex: Exercise, ch: DoseChange, days: Days) -> str:
    now_text, before = (
        dose_text(ex, st.hold, st.reps),
        dose_text(ex, ch.hold_before, ch.reps_before),
    )
    dose = (
        f", still at {now_text},"
        if before == now_text
        else f" at a reduced dose, {now_text} instead of {before},"
    )
    return (
        f"{ex.name} came back {days.on(ch.at)}{dose} after being paused because "
        f"{cause(st, days, st.times_paused > 1)}."
    )


def overridden(st: StretchState, ex: Exercise, days: Days) -> str:
    """What the person's own override did: brought the stretch back, or reset its dose."""
    ch = st.last_change
    assert ch is not None
    name, now_text = lower_first(ex.name), dose_text(ex, st.hold, st.reps)
    if ch.kind == "reset":
        return f"You set {name} back to its full dose, {now_text}, {days.on(ch.at)}."
    before = dose_text(ex, ch.hold_before, ch.reps_before)
    if before == now_text:
        return f"You brought {name} back {days.on(ch.at)}; it starts again at {now_text}."
    return (
        f"You brought {name} back {days.on(ch.at)}; it starts again at a reduced dose, "
        f"{now_text} instead of {before}."
    )


# --- the whole plan -----------------------------------------------------------------------


def tier_a(last: CheckIn, new: list[str], days: Days) -> str:
    return (
        f"Your check-in {days.on(last.at)} notes new {' and '.join(new)}, so please answer the "
        "quick safety questions again before your next session."
    )


def shortened(spread_at: datetime, c: CheckIn, days: Days) -> str:
    return (
        f"Your symptoms spread further down the leg {days.on(spread_at)} and still reached "
        f"{extent_place(max_extent(c))} at your check-in {days.on(c.at)}, so your routines "
        "keep to their gentlest stretches until your symptoms are back where they were."
    )


def graduated(first: CheckIn, last: CheckIn, hours: int, warm_up: str, days: Days) -> str:
    return (
        f"Your leg and back pain were both 0 {days.on(first.at)} and still 0 "
        f"{days.on(last.at)}, at least {hours} hours later, so the plan has "
        f"moved on to the {lower_first(warm_up)}."
    )


def relapsed(last: CheckIn, relief: str, days: Days) -> str:
    return (
        f"Your pain came back (leg {last.leg_pain}, back {last.back_pain}) "
        f"{days.on(last.at)}, so the plan is back to the {lower_first(relief)}."
    )
