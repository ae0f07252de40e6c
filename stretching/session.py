"""Running a timeline: where the person is, what they skipped, what hurt, and the result.

Time comes from timestamps, never from counting ticks: `update(now)` moves to the step the
clock says is running, so a player that was busy or asleep catches up to the right step.
The same result shape (stretching/result.py) is posted by the browser player and saved by the
terminal player.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Literal

from .result import (
    OUTCOMES,
    ExerciseResult,
    Outcome,
    ResultError,
    SessionResult,
    ThighCheck,
    parse_result,
)
from .timeline import THIGH_ANSWERS, Step, Timeline

__all__ = [
    "OUTCOMES",
    "ExerciseResult",
    "Outcome",
    "RepPhase",
    "ResultError",
    "SessionResult",
    "SessionRun",
    "ThighCheck",
    "parse_result",
    "rep_phase",
    "whole",
]
Ending = Literal["done", "stopped", "stopped early"]

WORK_KINDS = frozenset({"hold", "reps", "open"})
BACK_RESTARTS_WITHIN = 3.0
"""Pressing back more than this many seconds into a step restarts it; sooner goes one step back."""


@dataclass
class _ExerciseTally:
    planned: int = 0
    held: float = 0.0
    excused: float = 0.0
    """Resting time a Thigh Test answer made unnecessary: it counts toward done, not as held."""
    hurt: bool = False
    spread: bool = False
    side: str = ""


def whole(seconds: float) -> int:
    """Round half up, as the browser's Math.round does (Python's round() rounds half to even)."""
    return math.floor(seconds + 0.5)


@dataclass(frozen=True)
class RepPhase:
    """Where a squeeze-and-release step is: which rep, squeezing or releasing, how far through."""

    rep: int
    reps: int
    squeezing: bool
    fraction: float
    to_change: float
    """Seconds until the squeeze turns to release or the release to the next squeeze."""

    @property
    def phase(self) -> str:
        return "squeeze" if self.squeezing else "release"


def rep_phase(step: Step, into: float) -> RepPhase | None:
    """The squeeze/release arithmetic, `into` seconds into a reps step (None for other steps)."""
    if step.kind != "reps" or not (step.reps and step.tempo_on and step.tempo_off):
        return None
    period = step.tempo_on + step.tempo_off
    rep = min(step.reps, math.floor(into / period) + 1)
    in_rep = into - (rep - 1) * period
    squeezing = in_rep < step.tempo_on
    if squeezing:
        return RepPhase(rep, step.reps, True, in_rep / step.tempo_on, step.tempo_on - in_rep)
    fraction = (in_rep - step.tempo_on) / step.tempo_off
    return RepPhase(rep, step.reps, False, fraction, period - in_rep)


@dataclass
class SessionRun:
    """One run through a timeline, driven by timestamps (seconds from a monotonic clock).

    `origin` is the clock time at which the current step would have started had it run from
    the top; pausing moves it forward, skipping and going back move it to match the new step.
    Practised time is the clock time from the start to the end, pauses taken out: a skip or
    "this hurts" jumps the schedule but never counts the time jumped over.
    With `wait_for_ready` a get-ready step that runs out holds the schedule at its end until
    the person says they are in position (`ready`); the time spent waiting is time in the
    step, as getting ready is.
    coach/practice/static/practice/session.js is the same engine in the browser;
    tests/parity_scripts.json holds them to the same results.
    """

    timeline: Timeline
    started: float
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    wait_for_ready: bool = False
    origin: float = 0.0
    paused_at: float | None = None
    index: int = 0
    finished: bool = False
    """The run reached its end (on schedule, or by skipping the last step)."""
    stopped: bool = False
    """The person ended it early."""
    tallies: dict[str, _ExerciseTally] = field(default_factory=dict)
    checks: list[ThighCheck] = field(default_factory=list)
    waiting: bool = False
    """The schedule waits at the end of the current get-ready step for `ready`."""
    _hurt_ended: bool = False
    _credited_until: float = 0.0
    _paused_for: float = 0.0
    _ended_at: float | None = None
    _furthest: int = 0

    def __post_init__(self) -> None:
        self.origin = self.started
        for step in self.timeline.steps:
            if step.kind in WORK_KINDS and step.exercise_id:
                self.tallies.setdefault(step.exercise_id, _ExerciseTally()).planned += step.duration

    @property
    def step(self) -> Step:
        return self.timeline.steps[self.index]

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    @property
    def ended(self) -> bool:
        return self.finished or self.stopped

    def _now(self, now: float) -> float:
        return self.paused_at if self.paused_at is not None else now

    @property
    def ending(self) -> Ending:
        """How the run ended, for the players' words: "stopped early" by the person, "stopped"
        when a stretch that hurt was the last one (nothing came after it), else "done"."""
        if self.stopped:
            return "stopped early"
        return "stopped" if self._hurt_ended else "done"

    def elapsed(self, now: float) -> float:
        """Seconds into the routine's schedule (pauses excluded)."""
        if self.waiting:
            return float(self.step.end)
        return self._now(now) - self.origin

    def practised(self, now: float) -> float:
        """Seconds actually spent in the session's steps: start to end (or now), minus pauses."""
        end = self._ended_at if self._ended_at is not None else self._now(now)
        return end - self.started - self._paused_for

    def rep_at(self, now: float) -> RepPhase | None:
        return rep_phase(self.step, self.elapsed(now) - self.step.start)

    def _credit(self, upto: float) -> None:
        """Count time spent in work steps between the last credit and schedule time `upto`."""
        start = self._credited_until
        if upto <= start:
            return
        for step in self.timeline.steps:
            if step.kind in WORK_KINDS and step.exercise_id:
                overlap = min(upto, step.end) - max(start, step.start)
                if overlap > 0:
                    self.tallies[step.exercise_id].held += overlap
        self._credited_until = upto

    def _end(self, at: float, *, finished: bool) -> None:
        """End the run at clock time `at`; a pause still running then ends with it."""
        if self.paused_at is not None:
            self._paused_for += at - self.paused_at
        self.finished, self.stopped = finished, not finished
        self._ended_at = at

    def _go(self, index: int) -> None:
        self.index = index
        self._furthest = max(self._furthest, index)

    def _ready_due(self, at: float) -> Step | None:
        """The get-ready step, from the current one on, whose end the schedule has passed."""
        for step in self.timeline.steps[self.index :]:
            if step.start > at:
                return None
            if step.kind == "ready" and step.end <= at:
                return step
        return None

    def update(self, now: float) -> Step:
        """Move to the step the clock says is running; finish past the end. Waiting for
        `ready`, hold at the end of the get-ready step instead of going past it."""
        if self.ended or self.waiting:
            return self.step
        at = self.elapsed(now)
        due = self._ready_due(at) if self.wait_for_ready else None
        if due is not None:
            self._credit(due.end)
            self._go(due.index)
            self.waiting = True
            return self.step
        total = self.timeline.total_seconds
        self._credit(min(at, total))
        if at >= total:
            self._go(len(self.timeline.steps) - 1)
            self._end(self.origin + total, finished=True)
        else:
            self._go(self.timeline.step_at(at).index)
        return self.step

    def remaining_in_step(self, now: float) -> float:
        return max(0.0, self.step.end - self.elapsed(now))

    def pause(self, now: float) -> None:
        if self.paused_at is None:
            self.update(now)
            if not self.ended:
                self.paused_at = now

    def resume(self, now: float) -> None:
        if self.paused_at is not None and not self.ended:
            self.origin += now - self.paused_at
            self._paused_for += now - self.paused_at
            self.paused_at = None

    def _jump(self, now: float, index: int) -> None:
        """Make step `index` start now (or at the pause moment) on the schedule."""
        self._go(index)
        self.waiting = False
        self.origin = self._now(now) - self.timeline.steps[index].start
        self._credited_until = float(self.timeline.steps[index].start)

    def _jump_or_finish(self, now: float, index: int | None) -> None:
        if index is not None and index < len(self.timeline.steps):
            self._jump(now, index)
        else:
            self._end(now, finished=True)

    def next(self, now: float) -> None:
        """Skip the rest of this step (its exercise counts as skipped unless fully held)."""
        step = self.update(now)
        if not self.ended:
            self._jump_or_finish(now, step.index + 1)

    def back(self, now: float) -> None:
        step = self.update(now)
        if self.ended:
            return
        into = self.elapsed(now) - step.start
        target = step.index if into > BACK_RESTARTS_WITHIN or step.index == 0 else step.index - 1
        self._hurt_ended = False
        self._jump(now, target)

    def ready(self, now: float) -> bool:
        """The person is in position: the step after this get-ready starts now. False
        outside a get-ready step."""
        step = self.update(now)
        if self.ended or step.kind != "ready":
            return False
        self._jump_or_finish(now, step.index + 1)
        return True

    def hurt(self, now: float, *, spread: bool = False) -> str | None:
        """End the current exercise at once and record it as hurting (or, with `spread`, as
        making symptoms go further down the leg); returns its id."""
        step = self.update(now)
        eid = step.exercise_id
        if eid is None or self.ended:
            return None
        tally = self.tallies.setdefault(eid, _ExerciseTally())
        if spread:
            tally.spread = True
        else:
            tally.hurt = True
        tally.side = step.side or ""
        after = [s for s in self.timeline.steps[step.index :] if s.exercise_id != eid]
        self._hurt_ended = not any(s.exercise_id for s in after)
        self._jump_or_finish(now, after[0].index if after else None)
        return eid

    def thigh(self, now: float, answer: str) -> bool:
        """Record a Thigh Test answer in a resting step; the step's ending answer ("top") ends
        that side, which then counts as rested in full. False outside a resting step."""
        if answer not in THIGH_ANSWERS:
            raise ValueError(f"a thigh answer is one of {', '.join(THIGH_ANSWERS)}")
        step = self.update(now)
        if self.ended or step.kind != "open" or not step.exercise_id:
            return False
        at = self.elapsed(now)
        self.checks.append(ThighCheck(step.side or "", whole(at - step.start), answer))
        if answer == step.check_ends_on:
            self.tallies[step.exercise_id].excused += step.end - at
            self._jump_or_finish(now, step.index + 1)
        return True

    def stop(self, now: float) -> None:
        """End the session early: what was done is kept, the result is not completed."""
        self.update(now)
        if not self.ended:
            self._end(now, finished=False)

    def _exercise_results(self) -> list[ExerciseResult]:
        reached = {s.exercise_id for s in self.timeline.steps[: self._furthest + 1]}
        exercises = []
        for eid in self.timeline.exercise_ids:
            tally = self.tallies.get(eid)
            if tally is None or (eid not in reached and not self.finished):
                continue
            held = whole(tally.held)
            outcome: Outcome = "hurt" if tally.hurt else "done"
            if not tally.hurt and whole(tally.held + tally.excused) < tally.planned:
                outcome = "skipped"
            exercises.append(
                ExerciseResult(
                    eid, outcome, min(held, tally.planned), tally.planned, tally.side, tally.spread
                )
            )
        return exercises

    def result(self, now: float, ended_at: datetime | None = None) -> SessionResult:
        """The result so far; `ended_at` defaults to the start plus the clock time to the end."""
        self.update(now)
        end = self._ended_at if self._ended_at is not None else self._now(now)
        return SessionResult(
            routine_id=self.timeline.routine_id,
            started_at=self.started_at,
            ended_at=ended_at or self.started_at + timedelta(seconds=end - self.started),
            completed=self.finished,
            planned_seconds=self.timeline.total_seconds,
            practised_seconds=whole(self.practised(now)),
            exercises=tuple(self._exercise_results()),
            checks=tuple(self.checks),
        )
