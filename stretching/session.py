"""Running a timeline: where the person is, what they skipped, what hurt, and the result.

Time comes from timestamps, never from counting ticks: `position(now)` answers which step the
clock says is running, so a player that was busy or asleep catches up to the right step.
The same result shape is posted by the browser player and saved by the terminal player.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from .timeline import Step, Timeline

Outcome = Literal["done", "skipped", "hurt"]
OUTCOMES: tuple[str, ...] = ("done", "skipped", "hurt")
WORK_KINDS = frozenset({"hold", "reps", "open"})
BACK_RESTARTS_WITHIN = 3.0
"""Pressing back more than this many seconds into a step restarts it; sooner goes one step back."""


@dataclass(frozen=True)
class ExerciseResult:
    exercise_id: str
    outcome: Outcome
    held_seconds: int
    planned_seconds: int
    side: str = ""
    spread: bool = False
    """Symptoms went further down the leg during it (the person said so in the player)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "spread": self.spread,
            "exercise_id": self.exercise_id,
            "outcome": self.outcome,
            "held_seconds": self.held_seconds,
            "planned_seconds": self.planned_seconds,
            "side": self.side,
        }


@dataclass(frozen=True)
class SessionResult:
    routine_id: str
    started_at: datetime
    ended_at: datetime
    completed: bool
    planned_seconds: int
    practised_seconds: int
    exercises: tuple[ExerciseResult, ...]

    def count(self, outcome: Outcome) -> int:
        return sum(1 for e in self.exercises if e.outcome == outcome)

    def to_dict(self) -> dict[str, Any]:
        return {
            "routine_id": self.routine_id,
            "started_at": self.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat(),
            "completed": self.completed,
            "planned_seconds": self.planned_seconds,
            "practised_seconds": self.practised_seconds,
            "exercises": [e.to_dict() for e in self.exercises],
        }


class ResultError(ValueError):
    """A posted result that does not make sense; the message says which field and why."""


def _field(data: dict[str, Any], name: str, kind: type, where: str = "") -> Any:
    if name not in data:
        raise ResultError(f"{where}{name} is missing")
    value = data[name]
    if kind is int and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise ResultError(f"{where}{name} must be a whole number of seconds, not {value!r}")
    if kind is bool and not isinstance(value, bool):
        raise ResultError(f"{where}{name} must be true or false")
    if kind is str and not isinstance(value, str):
        raise ResultError(f"{where}{name} must be text")
    return value


def _time(data: dict[str, Any], name: str) -> datetime:
    raw = _field(data, name, str)
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise ResultError(f"{name} must be an ISO 8601 date and time, not {raw!r}") from None
    if value.tzinfo is None:
        raise ResultError(f"{name} must include a time zone")
    return value


def parse_result(data: Any, known_exercises: set[str] | None = None) -> SessionResult:
    """Check a result posted by a player and turn it into a SessionResult."""
    if not isinstance(data, dict):
        raise ResultError("the result must be a JSON object")
    started, ended = _time(data, "started_at"), _time(data, "ended_at")
    if ended < started:
        raise ResultError("ended_at is before started_at")
    raw_exercises = data.get("exercises", [])
    if not isinstance(raw_exercises, list) or len(raw_exercises) > 200:
        raise ResultError("exercises must be a list of at most 200 entries")
    exercises = []
    for i, item in enumerate(raw_exercises):
        where = f"exercises[{i}]."
        if not isinstance(item, dict):
            raise ResultError(f"exercises[{i}] must be an object")
        eid = _field(item, "exercise_id", str, where)
        if known_exercises is not None and eid not in known_exercises:
            raise ResultError(f"{where}exercise_id '{eid}' is not in the catalogue")
        outcome = _field(item, "outcome", str, where)
        if outcome not in OUTCOMES:
            raise ResultError(f"{where}outcome must be one of {', '.join(OUTCOMES)}")
        side = item.get("side", "")
        if side not in ("", "left", "right", "both"):
            raise ResultError(f"{where}side must be left, right or both")
        spread = item.get("spread", False)
        if not isinstance(spread, bool):
            raise ResultError(f"{where}spread must be true or false")
        exercises.append(
            ExerciseResult(
                eid,
                outcome,
                _field(item, "held_seconds", int, where),
                _field(item, "planned_seconds", int, where),
                side,
                spread,
            )
        )
    routine_id = _field(data, "routine_id", str)
    return SessionResult(
        routine_id=routine_id,
        started_at=started,
        ended_at=ended,
        completed=_field(data, "completed", bool),
        planned_seconds=_field(data, "planned_seconds", int),
        practised_seconds=_field(data, "practised_seconds", int),
        exercises=tuple(exercises),
    )


@dataclass
class _ExerciseTally:
    planned: int = 0
    held: float = 0.0
    hurt: bool = False
    spread: bool = False
    side: str = ""


@dataclass
class SessionRun:
    """One run through a timeline, driven by timestamps (seconds from a monotonic clock).

    `origin` is the clock time at which the current step would have started had it run from
    the top; pausing moves it forward, skipping and going back move it to match the new step.
    """

    timeline: Timeline
    started: float
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    origin: float = 0.0
    paused_at: float | None = None
    index: int = 0
    finished: bool = False
    tallies: dict[str, _ExerciseTally] = field(default_factory=dict)
    _credited_until: float = 0.0

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

    def elapsed(self, now: float) -> float:
        """Seconds into the routine's schedule (pauses excluded)."""
        return (self.paused_at if self.paused_at is not None else now) - self.origin

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

    def update(self, now: float) -> Step:
        """Move to the step the clock says is running; finish past the end."""
        at = self.elapsed(now)
        total = self.timeline.total_seconds
        self._credit(min(at, total))
        if at >= total:
            self.index = len(self.timeline.steps) - 1
            self.finished = True
        else:
            self.index = self.timeline.step_at(at).index
        return self.step

    def remaining_in_step(self, now: float) -> float:
        return max(0.0, self.step.end - self.elapsed(now))

    def pause(self, now: float) -> None:
        if self.paused_at is None:
            self.update(now)
            self.paused_at = now

    def resume(self, now: float) -> None:
        if self.paused_at is not None:
            self.origin += now - self.paused_at
            self.paused_at = None

    def _jump(self, now: float, index: int) -> None:
        """Make step `index` start now (or at the pause moment) on the schedule."""
        ref = self.paused_at if self.paused_at is not None else now
        self.index = index
        self.origin = ref - self.timeline.steps[index].start
        self._credited_until = float(self.timeline.steps[index].start)

    def next(self, now: float) -> None:
        """Skip the rest of this step (its exercise counts as skipped unless fully held)."""
        step = self.update(now)
        if self.finished:
            return
        if step.index + 1 < len(self.timeline.steps):
            self._jump(now, step.index + 1)
        else:
            self.finished = True

    def back(self, now: float) -> None:
        step = self.update(now)
        into = self.elapsed(now) - step.start
        target = step.index if into > BACK_RESTARTS_WITHIN or step.index == 0 else step.index - 1
        self.finished = False
        self._jump(now, target)

    def hurt(self, now: float, *, spread: bool = False) -> str | None:
        """End the current exercise at once and record it as hurting (or, with `spread`, as
        making symptoms go further down the leg); returns its id."""
        step = self.update(now)
        eid = step.exercise_id
        if eid is None or self.finished:
            return None
        tally = self.tallies.setdefault(eid, _ExerciseTally())
        if spread:
            tally.spread = True
        else:
            tally.hurt = True
        tally.side = step.side or ""
        after = [s.index for s in self.timeline.steps[step.index :] if s.exercise_id != eid]
        if after:
            self._jump(now, after[0])
        else:
            self.finished = True
        return eid

    def result(self, now: float, ended_at: datetime | None = None) -> SessionResult:
        if not self.finished:
            self.update(now)
        exercises = []
        reached = {s.exercise_id for s in self.timeline.steps[: self.index + 1] if s.exercise_id}
        for eid in self.timeline.exercise_ids:
            tally = self.tallies.get(eid)
            if tally is None or (eid not in reached and not self.finished):
                continue
            held = round(tally.held)
            outcome: Outcome = "hurt" if tally.hurt else "done"
            if not tally.hurt and held < tally.planned:
                outcome = "skipped"
            exercises.append(
                ExerciseResult(eid, outcome, min(held, tally.planned), tally.planned, tally.side,
                               tally.spread)
            )
        practised = round(min(self.elapsed(now), self.timeline.total_seconds))
        return SessionResult(
            routine_id=self.timeline.routine_id,
            started_at=self.started_at,
            ended_at=ended_at or datetime.now(UTC),
            completed=self.finished,
            planned_seconds=self.timeline.total_seconds,
            practised_seconds=practised,
            exercises=tuple(exercises),
        )
