"""The routine's own rules, followed visibly: today's plan from a person's history.

`plan()` replays the history (sessions with what happened in each stretch, check-ins, the
person's overrides) in time order and answers what today looks like: which stretches are paused
and until when, what dose each one is at, what is still due, whether the plan is in relief or
warm-up mode, and one plain sentence for every change it makes. Pure: no clock, no database.

Decisions where the issue leaves room (all numbers live in `RuleSettings`):

- The sessions that bring a paused stretch back are the person's completed sessions of any
  routine: the rule asks whether things have settled, and a one-stretch routine whose only
  stretch is paused could otherwise never bring it back. A session in which anything hurt (or
  made symptoms spread) restarts the count; a session stopped early without trouble is ignored.
- A returning stretch comes back at `reduced_hold_factor` of the hold it had when it was
  paused, rounded down to the build-up step, and with `reduced_repetitions_less` fewer
  repetitions; from there it builds up again one step per green pair (hold first, then
  repetitions), up to the page's dose.
- Every provoking event after a stretch's first pause counts as a provoking return.
- "Green" is judged per stretch: two sessions in a row in which it was done, nothing hurt or
  spread, and the next check-in after each was not worse than the last one before it
  (`symptoms.change`). A session is only judged once that next check-in exists.
- Overrides: "resume" brings a paused stretch (or one that stays off) back at once at the
  reduced dose; "reset-dose" sets a stretch back to the page's full dose.
- The daily limit counts every relief session started that calendar day, finished or not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Literal

from .catalogue import Catalogue, Exercise, Routine
from .symptoms import CheckIn, Trend, change, extent_place, max_extent, spread_further, trend
from .timeline import Adjustments, ExerciseAdjustment

Mode = Literal["relief", "warm-up"]
Outcome = Literal["done", "skipped", "hurt"]
OverrideAction = Literal["resume", "reset-dose"]
Status = Literal["active", "paused", "off"]


@dataclass(frozen=True)
class RuleSettings:
    """Every number the rules use, with where it comes from. [design] marks the project's own
    reasoned defaults (clinical brief: keep them named and editable, in one place)."""

    pause_hours: int = 72
    """A stretch that hurt rests at least this long: issue 6; brief section 4 says 48-72 h."""
    clean_sessions_to_return: int = 2
    """...and until this many sessions in a row pass with nothing hurting: brief section 4
    ("back to baseline for 2 sessions"), issue 6."""
    reduced_hold_factor: float = 0.5
    """[design] A returning stretch holds this share of its earlier hold (brief section 4:
    "offer it again at a lower dose, shorter hold")."""
    reduced_repetitions_less: int = 1
    """[design] ...with this many fewer repetitions, never below one (brief: "fewer reps")."""
    provoking_returns_to_stop: int = 2
    """After this many returns that provoke symptoms the stretch stays off and the person is
    pointed to a clinician: brief section 4 ("after 2 provoking attempts keep it off")."""
    start_hold_seconds: int = 15
    """Holds start here, or at the page's hold if shorter: issue 6; brief section 4 ("while
    irritable 2 x 15-20 s"); page 003 says holds of 10 up to 30 s."""
    hold_step_seconds: int = 5
    """[design] One build-up step of a hold (issue 6)."""
    min_hold_seconds: int = 5
    """[design] A reduced hold never drops below this (same floor as the timeline's)."""
    green_sessions_to_progress: int = 2
    """Green sessions in a row before one step up: brief section 4 ("after 2-3 green
    sessions"), issue 6."""
    max_relief_per_day: int = 10
    """The relief sequence at most this often a day: page 004 ("up to 10 times a day")."""
    graduation_hours: int = 24
    """Pain gone this long before the daily warm-up takes over: page 004 ("a full 24 hours")."""
    relapse_pain: int = 2
    """Leg or back pain at or above this brings the relief sequence back: issue 6; about the
    meaningful change of 2 points (brief section 2)."""
    both_legs_extent: int = 2
    """[design] Symptoms reaching at least this level (2 buttock or hip) on both sides count as
    'in both legs', which brings back the Tier A questions (brief sections 1 and 3)."""


DEFAULT_SETTINGS = RuleSettings()


@dataclass(frozen=True)
class ExerciseOutcome:
    """What happened in one stretch of a session. `spread`: symptoms went further down the leg."""

    exercise_id: str
    outcome: Outcome
    held_seconds: int = 0
    spread: bool = False

    @property
    def provoking(self) -> bool:
        return self.outcome == "hurt" or self.spread


@dataclass(frozen=True)
class SessionRecord:
    id: str | int
    routine_id: str
    started_at: datetime
    ended_at: datetime | None
    outcomes: tuple[ExerciseOutcome, ...] = ()
    completed: bool = True

    @property
    def end(self) -> datetime:
        return self.ended_at or self.started_at

    @property
    def provoking(self) -> bool:
        return any(o.provoking for o in self.outcomes)

    def done(self, exercise_id: str) -> bool:
        return any(o.exercise_id == exercise_id and o.outcome == "done" for o in self.outcomes)


@dataclass(frozen=True)
class Override:
    """The person's own choice: bring a paused stretch back, or reset a stretch's dose."""

    at: datetime
    exercise_id: str
    action: OverrideAction


@dataclass(frozen=True)
class Explanation:
    """One sentence the person sees, and the rule that made the change."""

    rule: str
    exercise_id: str | None
    text: str


@dataclass(frozen=True)
class PausedItem:
    """A stretch left out of today's routines. `until`: the earliest it can come back (the
    pause's end; it may have passed while sessions with nothing hurting are still needed);
    None means it stays off until the person brings it back."""

    exercise_id: str
    until: datetime | None
    sessions_needed: int
    reason: str


@dataclass(frozen=True)
class DoseItem:
    """A stretch whose dose today differs from the page's. Holds are None for non-hold doses."""

    exercise_id: str
    hold_seconds: int | None
    repetitions: int
    page_hold_seconds: int | None
    page_repetitions: int
    rule: str
    reason: str


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

    @property
    def due(self) -> bool:
        return bool(self.minimum)

    @property
    def still_due(self) -> int:
        return max(0, (self.minimum or 0) - self.done)

    @property
    def text(self) -> str:
        """'3 of up to 10', '1 of 2', or '2 today' where nothing is asked for."""
        if not self.due:
            return f"{self.done} today"
        if self.maximum and self.maximum != self.minimum:
            return f"{self.done} of up to {self.maximum}"
        return f"{self.done} of {self.minimum}"


@dataclass(frozen=True)
class Flags:
    tier_a_recheck_needed: bool = False
    shortened: bool = False


@dataclass(frozen=True)
class Plan:
    now: datetime
    mode: Mode
    adjustments: Mapping[str, Adjustments]
    paused: tuple[PausedItem, ...]
    doses: tuple[DoseItem, ...]
    due: tuple[DueItem, ...]
    flags: Flags
    explanations: tuple[Explanation, ...]
    trend: Trend
    routine_names: Mapping[str, str] = field(default_factory=dict)
    routine_exercises: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def adjustments_for(self, routine_id: str) -> Adjustments:
        """What to compile the routine with (stretching.timeline.compile_timeline)."""
        return self.adjustments.get(routine_id, Adjustments())

    def due_for(self, routine_id: str) -> DueItem | None:
        return next((d for d in self.due if d.routine_id == routine_id), None)

    def explanations_for(self, routine_id: str) -> list[Explanation]:
        """The plan-wide sentences and those about the routine's own stretches."""
        members = self.routine_exercises.get(routine_id, ())
        return [e for e in self.explanations if e.exercise_id is None or e.exercise_id in members]

    def can_start(self, routine_id: str) -> tuple[bool, str]:
        """Whether a session of the routine may start now, and a friendly line saying why."""
        item = self.due_for(routine_id)
        if item is None:
            return False, f"There is no routine called '{routine_id}'."
        name = self.routine_names.get(routine_id, routine_id)
        members = self.routine_exercises.get(routine_id, ())
        if members and set(members) <= self.adjustments_for(routine_id).skip:
            return False, (
                f"Every stretch in {name} is left out today, so there is nothing to "
                "play; the notes on this page say why."
            )
        if item.kind == "relief" and item.maximum and item.started >= item.maximum:
            return False, (
                f"You have done {item.started} sessions of {name} today, the most the "
                "routine asks for. Let your body rest now; it is here again tomorrow."
            )
        if item.maximum and item.started >= item.maximum:
            return True, (
                f"You have done {name} {_times(item.started)} today, as often as the "
                "routine suggests; another one is up to you."
            )
        if item.maximum:
            return True, f"This is session {item.started + 1} of up to {item.maximum} today."
        return True, ""


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


# --- wording ------------------------------------------------------------------------------

ORDINALS = ("first", "second", "third", "fourth", "fifth")


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _number(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _ordinal(n: int) -> str:
    return ORDINALS[n - 1] if 0 < n <= len(ORDINALS) else f"{n}th"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class _Days:
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


# --- the replay ---------------------------------------------------------------------------


@dataclass
class _DoseChange:
    kind: Literal["step", "reduced", "resume", "reset"]
    at: datetime
    before: str = ""
    green_days: tuple[datetime, ...] = ()
    what: Literal["hold", "reps"] = "hold"


@dataclass
class _Stretch:
    """The replay's running state for one stretch."""

    ex: Exercise
    hold: int
    reps: int
    status: Status = "active"
    active_since: datetime | None = None
    provoked_at: datetime | None = None
    provoked_by: Literal["hurt", "spread"] = "hurt"
    clean: int = 0
    clean_done_at: datetime | None = None
    times_paused: int = 0
    provoking_returns: int = 0
    green_run: list[datetime] = field(default_factory=list)
    last_change: _DoseChange | None = None

    @property
    def page_hold(self) -> int:
        return self.ex.dose.hold_seconds if self.ex.dose.kind == "hold" else 0

    @property
    def page_reps(self) -> int:
        return self.ex.dose.repetitions

    @property
    def at_page_dose(self) -> bool:
        return self.hold == self.page_hold and self.reps == self.page_reps


class _Replay:
    def __init__(self, catalogue: Catalogue, settings: RuleSettings) -> None:
        self.catalogue = catalogue
        self.s = settings
        self.stretches = {
            eid: _Stretch(
                ex,
                hold=min(settings.start_hold_seconds, ex.dose.hold_seconds)
                if ex.dose.kind == "hold"
                else 0,
                reps=ex.dose.repetitions,
            )
            for eid, ex in catalogue.exercises.items()
        }
        self.checkins: list[CheckIn] = []
        self.pending: list[tuple[SessionRecord, CheckIn | None]] = []
        self.mode: Mode = "relief"
        self.zero_since: CheckIn | None = None
        self.mode_change: tuple[str, CheckIn | None, CheckIn] | None = None
        self.spread_watch: tuple[datetime, int] | None = None
        self.shortened: tuple[datetime, CheckIn, int] | None = None

    # pauses ---------------------------------------------------------------------------
    def provoke(self, st: _Stretch, at: datetime, by: Literal["hurt", "spread"]) -> None:
        if st.status == "active":
            if st.times_paused:
                st.provoking_returns += 1
            st.times_paused += 1
            stop = st.provoking_returns >= self.s.provoking_returns_to_stop
            st.status = "off" if stop else "paused"
        st.provoked_at, st.provoked_by = at, by
        st.clean, st.clean_done_at = 0, None
        st.green_run = []

    def release(self, t: datetime) -> None:
        pause = timedelta(hours=self.s.pause_hours)
        for st in self.stretches.values():
            if st.status != "paused" or st.provoked_at is None or st.clean_done_at is None:
                continue
            if st.provoked_at + pause <= t:
                self.bring_back(st, max(st.provoked_at + pause, st.clean_done_at), "reduced")

    def bring_back(self, st: _Stretch, at: datetime, kind: Literal["reduced", "resume"]) -> None:
        before = dose_text(st.ex, st.hold, st.reps)
        if st.ex.dose.kind == "hold":
            step = self.s.hold_step_seconds
            reduced = int(st.hold * self.s.reduced_hold_factor) // step * step
            st.hold = max(min(self.s.min_hold_seconds, st.hold), reduced)
        if st.ex.dose.kind != "open":
            st.reps = max(1, st.reps - self.s.reduced_repetitions_less)
        st.status, st.active_since, st.green_run = "active", at, []
        st.last_change = _DoseChange(kind, at, before=before)

    # events ---------------------------------------------------------------------------
    def session(self, s: SessionRecord) -> None:
        self.release(s.started_at)
        for o in s.outcomes:
            st = self.stretches.get(o.exercise_id)
            if st is not None and o.provoking:
                self.provoke(st, s.end, "hurt" if o.outcome == "hurt" else "spread")
        for st in self.stretches.values():
            if st.status != "paused" or st.provoked_at is None or s.started_at < st.provoked_at:
                continue
            if s.provoking:
                st.clean, st.clean_done_at = 0, None
            elif s.completed:
                st.clean += 1
                if st.clean == self.s.clean_sessions_to_return:
                    st.clean_done_at = s.end
        if any(o.spread for o in s.outcomes):
            base = self.last_checkin(s.started_at)
            self.spread_watch = (s.end, max_extent(base) if base else 0)
        if s.completed or s.provoking:
            self.pending.append((s, self.last_checkin(s.started_at)))

    def last_checkin(self, at: datetime) -> CheckIn | None:
        return next((c for c in reversed(self.checkins) if c.at <= at), None)

    def checkin(self, c: CheckIn) -> None:
        self.release(c.at)
        self.judge_pending(c)
        self.follow_mode(c)
        self.follow_spread(c)
        self.checkins.append(c)

    def judge_pending(self, c: CheckIn) -> None:
        need = self.s.green_sessions_to_progress
        for s, before in self.pending:
            green = (
                s.completed and not s.provoking and (before is None or change(before, c) != "worse")
            )
            for o in s.outcomes:
                st = self.stretches.get(o.exercise_id)
                if st is None or st.status != "active" or o.outcome != "done":
                    continue
                if st.active_since is not None and s.started_at < st.active_since:
                    continue
                if not green:
                    st.green_run = []
                    continue
                st.green_run.append(s.started_at)
                if len(st.green_run) >= need:
                    self.step_up(st, c.at, tuple(st.green_run))
                    st.green_run = []
        self.pending = []

    def step_up(self, st: _Stretch, at: datetime, days: tuple[datetime, ...]) -> None:
        before = dose_text(st.ex, st.hold, st.reps)
        if st.hold < st.page_hold:
            st.hold = min(st.hold + self.s.hold_step_seconds, st.page_hold)
            st.last_change = _DoseChange("step", at, before, days, "hold")
        elif st.reps < st.page_reps:
            st.reps += 1
            st.last_change = _DoseChange("step", at, before, days, "reps")

    def follow_mode(self, c: CheckIn) -> None:
        if self.mode == "relief":
            if not c.pain_free:
                self.zero_since = None
            elif self.zero_since is None:
                self.zero_since = c
            elif c.at - self.zero_since.at >= timedelta(hours=self.s.graduation_hours):
                self.mode, self.mode_change = "warm-up", ("graduation", self.zero_since, c)
        elif max(c.leg_pain, c.back_pain) >= self.s.relapse_pain:
            self.mode, self.mode_change = "relief", ("relapse", None, c)
            self.zero_since = None

    def follow_spread(self, c: CheckIn) -> None:
        if c.context == "after":
            before = self.checkins[-1] if self.checkins else None
            if before is not None and spread_further(before, c):
                self.spread_watch = (c.at, max_extent(before))
            return
        if self.shortened is not None and max_extent(c) <= self.shortened[2]:
            self.shortened = None
        if self.spread_watch is not None and c.at > self.spread_watch[0]:
            at, base = self.spread_watch
            self.spread_watch = None
            if max_extent(c) > base:
                self.shortened = (at, c, base)

    def override(self, o: Override) -> None:
        st = self.stretches.get(o.exercise_id)
        if st is None:
            return
        if o.action == "resume" and st.status != "active":
            self.bring_back(st, o.at, "resume")
        elif o.action == "reset-dose":
            before = dose_text(st.ex, st.hold, st.reps)
            st.hold, st.reps, st.green_run = st.page_hold, st.page_reps, []
            st.last_change = _DoseChange("reset", o.at, before)


# --- sentences ----------------------------------------------------------------------------


def _cause(st: _Stretch, days: _Days, again: bool) -> str:
    when = days.on(st.provoked_at) if st.provoked_at else ""
    extra = " again" if again else ""
    if st.provoked_by == "spread":
        return f"your symptoms spread further down the leg during it{extra} {when}"
    return f"it hurt{extra} {when}"


def _paused_item(st: _Stretch, s: RuleSettings, now: datetime, days: _Days) -> PausedItem:
    name = st.ex.name
    assert st.provoked_at is not None
    if st.status == "off":
        text = (
            f"{name} stays off because {_cause(st, days, True)}, the "
            f"{_ordinal(st.provoking_returns)} time after coming back; please ask a "
            "clinician about it before trying it again."
        )
        return PausedItem(st.ex.id, None, 0, text)
    ready = st.provoked_at + timedelta(hours=s.pause_hours)
    needed = max(0, s.clean_sessions_to_return - st.clean)
    if needed == s.clean_sessions_to_return:
        sessions = f"{_number(needed)} sessions in a row" if needed > 1 else "one session"
    else:
        sessions = f"{_number(needed)} more session" + ("s" if needed > 1 else "")
    wait = f"you have done {sessions} with nothing hurting"
    cause = _cause(st, days, st.times_paused > 1)
    if ready > now:
        text = f"{name} is paused {days.until(ready)} because {cause}"
        text += f", and until {wait}." if needed else "."
    else:
        text = f"{name} is paused because {cause}, until {wait}."
    return PausedItem(st.ex.id, ready, needed, text)


def _dose_item(st: _Stretch, s: RuleSettings, days: _Days) -> DoseItem:
    ex, ch = st.ex, st.last_change
    now_text = dose_text(ex, st.hold, st.reps)
    green = "where nothing hurt and the next check-in was no worse"
    if ch is None:
        rule = "build-up"
        text = (
            f"{ex.name} starts with {st.hold} s holds, building up to the full "
            f"{st.page_hold} s by {s.hold_step_seconds} s after every "
            f"{_number(s.green_sessions_to_progress)} sessions in a row {green}."
        )
    elif ch.kind == "step":
        rule = "build-up"
        up = f"{s.hold_step_seconds} s" if ch.what == "hold" else "one repetition"
        text = (
            f"{ex.name} is now at {now_text}, up {up} after "
            f"{_number(len(ch.green_days))} sessions in a row {days.on_each(ch.green_days)} "
            f"{green}."
        )
    elif ch.kind in ("resume", "reset"):
        rule, text = "override", _override_text(st, days)
    else:
        rule = "reduced-dose"
        dose = (
            f", still at {now_text},"
            if ch.before == now_text
            else f" at a reduced dose, {now_text} instead of {ch.before},"
        )
        text = (
            f"{ex.name} came back {days.on(ch.at)}{dose} after being paused because "
            f"{_cause(st, days, st.times_paused > 1)}."
        )
    return DoseItem(
        ex.id,
        st.hold if ex.dose.kind == "hold" else None,
        st.reps,
        st.page_hold if ex.dose.kind == "hold" else None,
        st.page_reps,
        rule,
        text,
    )


def _override_text(st: _Stretch, days: _Days) -> str:
    ch = st.last_change
    assert ch is not None
    name, now_text = _lower_first(st.ex.name), dose_text(st.ex, st.hold, st.reps)
    if ch.kind == "reset":
        return f"You set {name} back to its full dose, {now_text}, {days.on(ch.at)}."
    if ch.before == now_text:
        return f"You brought {name} back {days.on(ch.at)}; it starts again at {now_text}."
    return (
        f"You brought {name} back {days.on(ch.at)}; it starts again at a reduced dose, "
        f"{now_text} instead of {ch.before}."
    )


def _tier_a(checkins: list[CheckIn], s: RuleSettings, days: _Days) -> Explanation | None:
    if not checkins:
        return None
    last = checkins[-1]
    prev = checkins[-2] if len(checkins) > 1 else None

    def both_legs(c: CheckIn | None) -> bool:
        return c is not None and min(c.extent_left, c.extent_right) >= s.both_legs_extent

    new = []
    if last.numbness and not (prev and prev.numbness):
        new.append("numbness or tingling")
    if last.weakness and not (prev and prev.weakness):
        new.append("weakness")
    if both_legs(last) and not both_legs(prev):
        new.append("symptoms in both legs")
    if not new:
        return None
    return Explanation(
        "tier-a",
        None,
        (
            f"Your check-in {days.on(last.at)} notes new {' and '.join(new)}, so please answer the "
            "quick safety questions again before your next session."
        ),
    )


def _shortened_explanation(spread_at: datetime, c: CheckIn, days: _Days) -> Explanation:
    place = extent_place(max_extent(c))
    text = (
        f"Your symptoms spread further down the leg {days.on(spread_at)} and still reached "
        f"{place} at your check-in {days.on(c.at)}, so your routines keep to their gentlest "
        "stretches until your symptoms are back where they were."
    )
    return Explanation("shortened", None, text)


def _routine_of_kind(catalogue: Catalogue, kind: str) -> Routine | None:
    return next((r for r in catalogue.routines.values() if r.kind == kind), None)


def _mode_explanation(r: _Replay, catalogue: Catalogue, days: _Days) -> Explanation | None:
    if r.mode_change is None:
        return None
    rule, first, last = r.mode_change
    if rule == "graduation" and r.mode == "warm-up" and first is not None:
        warm = _routine_of_kind(catalogue, "warm-up")
        to = _lower_first(warm.name) if warm else "daily warm-up"
        return Explanation(
            "graduation",
            None,
            (
                f"Your leg and back pain were both 0 {days.on(first.at)} and still 0 "
                f"{days.on(last.at)}, at least {r.s.graduation_hours} hours later, so the plan has "
                f"moved on to the {to}."
            ),
        )
    if rule == "relapse" and r.mode == "relief":
        relief = _routine_of_kind(catalogue, "relief")
        to = _lower_first(relief.name) if relief else "relief sequence"
        return Explanation(
            "relapse",
            None,
            (
                f"Your pain came back (leg {last.leg_pain}, back {last.back_pain}) "
                f"{days.on(last.at)}, so the plan is back to the {to}."
            ),
        )
    return None


def _due(
    catalogue: Catalogue,
    sessions: Sequence[SessionRecord],
    now: datetime,
    tz: tzinfo | None,
    mode: Mode,
    s: RuleSettings,
) -> tuple[DueItem, ...]:
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
            )
        )
    return tuple(items)


def plan(
    catalogue: Catalogue,
    sessions: Iterable[SessionRecord],
    checkins: Iterable[CheckIn],
    now: datetime,
    overrides: Iterable[Override] = (),
    settings: RuleSettings = DEFAULT_SETTINGS,
    *,
    tz: tzinfo | None = None,
) -> Plan:
    """Today's plan from the whole history up to `now` (later records are ignored)."""
    days = _Days(now, tz)
    all_sessions = [s for s in sessions if s.started_at <= now]
    seen = sorted((c for c in checkins if c.at <= now), key=lambda c: c.at)
    events: list[tuple[datetime, int, SessionRecord | CheckIn | Override]] = []
    events += [(s.end, 0, s) for s in all_sessions if s.end <= now]
    events += [(c.at, 1, c) for c in seen]
    events += [(o.at, 2, o) for o in overrides if o.at <= now]
    events.sort(key=lambda e: (e[0], e[1]))

    r = _Replay(catalogue, settings)
    for _, _, event in events:
        if isinstance(event, SessionRecord):
            r.session(event)
        elif isinstance(event, CheckIn):
            r.checkin(event)
        else:
            r.release(event.at)
            r.override(event)
    r.release(now)

    explanations: list[Explanation] = []
    tier_a = _tier_a(seen, settings, days)
    if tier_a:
        explanations.append(tier_a)
    mode_note = _mode_explanation(r, catalogue, days)
    if mode_note:
        explanations.append(mode_note)
    shortened = r.shortened is not None
    if r.shortened is not None:
        explanations.append(_shortened_explanation(*r.shortened[:2], days))

    paused: list[PausedItem] = []
    doses: list[DoseItem] = []
    for st in r.stretches.values():
        if st.status != "active":
            item = _paused_item(st, settings, now, days)
            paused.append(item)
            rule = "stays-off" if st.status == "off" else "pause"
            explanations.append(Explanation(rule, st.ex.id, item.reason))
        elif not st.at_page_dose:
            dose = _dose_item(st, settings, days)
            doses.append(dose)
            explanations.append(Explanation(dose.rule, st.ex.id, dose.reason))
        elif (
            st.last_change
            and st.last_change.kind in ("resume", "reset")
            and days.local(st.last_change.at) == days.today
        ):
            explanations.append(Explanation("override", st.ex.id, _override_text(st, days)))

    off = {p.exercise_id for p in paused}
    adjustments: dict[str, Adjustments] = {}
    for routine in catalogue.routines.values():
        skip = {eid for eid in routine.exercise_ids if eid in off}
        if shortened:
            skip |= {eid for eid in routine.exercise_ids if not catalogue.exercise(eid).gentle}
        per: dict[str, ExerciseAdjustment] = {}
        for d in doses:
            if d.exercise_id in routine.exercise_ids:
                per[d.exercise_id] = ExerciseAdjustment(
                    hold_seconds=d.hold_seconds if d.hold_seconds != d.page_hold_seconds else None,
                    repetitions=d.repetitions if d.repetitions != d.page_repetitions else None,
                    note=d.reason,
                )
        adjustments[routine.id] = Adjustments(skip=frozenset(skip), per_exercise=per)

    return Plan(
        now=now,
        mode=r.mode,
        adjustments=adjustments,
        paused=tuple(paused),
        doses=tuple(doses),
        due=_due(catalogue, all_sessions, now, tz, r.mode, settings),
        flags=Flags(tier_a_recheck_needed=tier_a is not None, shortened=shortened),
        explanations=tuple(explanations),
        trend=trend(seen, now),
        routine_names={rid: rt.name for rid, rt in catalogue.routines.items()},
        routine_exercises={rid: rt.exercise_ids for rid, rt in catalogue.routines.items()},
    )
