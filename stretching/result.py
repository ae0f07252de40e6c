"""What a played session produced, and the one check of a result, whichever door it came by.

Both players (the terminal and the browser) produce this shape; the server keeps all of it.
`parse_result` checks a result against what the server knows (`Expected`: the routines at
their full dose, the person's first use, now) and the bounds in `result_limits.ResultLimits`;
`read_json` reads a posted body within the same bounds. Every rejection is a `ResultError`
naming the field and what is allowed. The web's results endpoint, the terminal's save, the
offline queue and the quarantine of stored rows all use it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from .result_limits import RESULT_LIMITS, ResultLimits, RoutinePlan, plan_of, routine_plans
from .timeline import THIGH_ANSWERS

__all__ = [
    "RESULT_LIMITS",
    "Expected",
    "ExerciseResult",
    "ResultError",
    "ResultLimits",
    "RoutinePlan",
    "SessionResult",
    "ThighCheck",
    "check_result",
    "parse_result",
    "plan_of",
    "read_json",
    "routine_plans",
]

Outcome = Literal["done", "skipped", "hurt"]
OUTCOMES: tuple[str, ...] = ("done", "skipped", "hurt")
SIDES = ("", "left", "right", "both")


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
class ThighCheck:
    """One Thigh Test answer: on which side, how many seconds into that side's rest, and where
    the person felt the thigh tighten (the knee, the middle or the top)."""

    side: str
    at: int
    answer: str

    def to_dict(self) -> dict[str, Any]:
        return {"side": self.side, "at": self.at, "answer": self.answer}


@dataclass(frozen=True)
class SessionResult:
    routine_id: str
    started_at: datetime
    ended_at: datetime
    completed: bool
    planned_seconds: int
    practised_seconds: int
    exercises: tuple[ExerciseResult, ...]
    checks: tuple[ThighCheck, ...] = ()

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
            "checks": [c.to_dict() for c in self.checks],
        }


RefusalCode = Literal["invalid", "too-early", "in-future", "unknown-routine"]


class ResultError(ValueError):
    """A posted result that does not make sense: `field` names where (`exercises[2].outcome`,
    or None for the body as a whole) and the message says what is allowed; `code` the kind of
    refusal a person can make sense of: "in-future" or "too-early" (the device's clock is wrong),
    "unknown-routine" (not, or no longer, among theirs), else "invalid" (a player's fault)."""

    def __init__(self, field: str | None, message: str, code: RefusalCode = "invalid") -> None:
        super().__init__(message)
        self.field, self.code = field, code


@dataclass(frozen=True)
class Expected:
    """What the server knows when a result arrives, to check it against."""

    routines: Mapping[str, RoutinePlan]
    """The routines a result may be of, at their full dose (`routine_plans(catalogue)`)."""
    first_use: datetime
    """When the person began: their account's creation, or for a guest the arrival itself."""
    now: datetime
    limits: ResultLimits = RESULT_LIMITS


def read_json(raw: bytes, limits: ResultLimits = RESULT_LIMITS) -> Any:
    """A posted body as JSON: UTF-8, bounded in size, nesting and digits, before the parser
    sees it (deep nesting would exhaust its recursion, long numbers its time)."""
    if len(raw) > limits.max_bytes:
        raise ResultError(None, f"the result must be at most {limits.max_bytes} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ResultError(None, "the result must be UTF-8 text") from None
    if _depth(text) > limits.max_depth:
        raise ResultError(None, f"the result may nest at most {limits.max_depth} levels deep")

    def number(digits: str) -> int:
        if len(digits.lstrip("-")) > limits.max_digits:
            raise ResultError(None, f"numbers may have at most {limits.max_digits} digits")
        return int(digits)

    def constant(name: str) -> Any:
        raise ResultError(None, f"{name} is not a number JSON allows")

    try:
        return json.loads(text, parse_int=number, parse_constant=constant)
    except ValueError as exc:
        if isinstance(exc, ResultError):
            raise
        raise ResultError(None, "the result must be JSON") from None


def _depth(text: str) -> int:
    """The deepest nesting of brackets outside strings."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _int(data: dict[str, Any], name: str, high: int, allowed: str, where: str = "") -> int:
    value = _field(data, name, int, where)
    if not value <= high:
        raise ResultError(f"{where}{name}", f"{where}{name} must be at most {high} ({allowed})")
    return int(value)


def _field(data: dict[str, Any], name: str, kind: type, where: str = "") -> Any:
    path = f"{where}{name}"
    if name not in data:
        raise ResultError(path, f"{path} is missing")
    value = data[name]
    if kind is int and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise ResultError(path, f"{path} must be a whole number of seconds, not {value!r:.40}")
    if kind is int and value > RESULT_LIMITS.max_seconds:
        raise ResultError(path, f"{path} must be at most {RESULT_LIMITS.max_seconds}")
    if kind is bool and not isinstance(value, bool):
        raise ResultError(path, f"{path} must be true or false")
    if kind is str and not isinstance(value, str):
        raise ResultError(path, f"{path} must be text")
    return value


def _time(data: dict[str, Any], name: str, limits: ResultLimits) -> datetime:
    """An aware date and time, in UTC (which it must fit in, years 1 to 9999)."""
    raw = _field(data, name, str)
    allowed = "an ISO 8601 date and time with its offset, such as 2026-03-01T08:30:00+01:00"
    if len(raw) > limits.max_time_length:
        raise ResultError(name, f"{name} must be {allowed}")
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise ResultError(name, f"{name} must be {allowed}, not {raw!r}") from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ResultError(name, f"{name} must include a time zone: {allowed}")
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ResultError(name, f"{name} must fall between the years 1 and 9999 in UTC") from None


def _times(data: dict[str, Any], expected: Expected) -> tuple[datetime, datetime]:
    limits = expected.limits
    started, ended = _time(data, "started_at", limits), _time(data, "ended_at", limits)
    earliest = expected.first_use - limits.before_first_use
    latest = expected.now + limits.clock_skew
    if started < earliest:
        raise ResultError(
            "started_at",
            f"started_at must be no earlier than {earliest.isoformat(timespec='seconds')} "
            f"({limits.before_first_use.days} days before this person's first use)",
            "too-early",
        )
    if ended > latest:
        raise ResultError(
            "ended_at",
            f"ended_at must be no later than {latest.isoformat(timespec='seconds')} "
            f"(now, give or take {limits.clock_skew.seconds // 60} minutes)",
            "in-future",
        )
    if ended < started:
        raise ResultError("ended_at", "ended_at must not be before started_at")
    return started, ended


def _entries(data: dict[str, Any], name: str, limits: ResultLimits) -> list[dict[str, Any]]:
    raw = data.get(name, [])
    if not isinstance(raw, list) or len(raw) > limits.max_entries:
        raise ResultError(name, f"{name} must be a list of at most {limits.max_entries} entries")
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise ResultError(f"{name}[{i}]", f"{name}[{i}] must be an object")
    return raw


def _side(item: dict[str, Any], where: str) -> str:
    side = item.get("side", "")
    if side not in SIDES:
        raise ResultError(f"{where}side", f"{where}side must be left, right or both")
    return str(side)


def _routine(data: dict[str, Any], expected: Expected) -> RoutinePlan:
    rid = _field(data, "routine_id", str)
    plan = expected.routines.get(rid) if len(rid) <= expected.limits.max_id_length else None
    if plan is None:
        known = ", ".join(sorted(expected.routines))
        raise ResultError(
            "routine_id", f"routine_id must be one of {known}, not {rid!r:.70}", "unknown-routine"
        )
    return plan


def _with_slack(seconds: int, limits: ResultLimits) -> int:
    return math.floor(seconds * (1 + limits.planned_slack))


def _exercise(
    item: dict[str, Any], where: str, plan: RoutinePlan, lim: ResultLimits
) -> ExerciseResult:
    eid = _field(item, "exercise_id", str, where)
    if eid not in plan.exercises:
        raise ResultError(
            f"{where}exercise_id",
            f"{where}exercise_id must be a stretch in {plan.routine_id} "
            f"({', '.join(plan.exercises)}), not {eid!r:.70}",
        )
    outcome = _field(item, "outcome", str, where)
    if outcome not in OUTCOMES:
        raise ResultError(f"{where}outcome", f"{where}outcome must be one of {', '.join(OUTCOMES)}")
    spread = item.get("spread", False)
    if not isinstance(spread, bool):
        raise ResultError(f"{where}spread", f"{where}spread must be true or false")
    full = plan.exercises[eid]
    planned = _int(item, "planned_seconds", _with_slack(full, lim), "this stretch's plan", where)
    held = _int(item, "held_seconds", planned, "its planned_seconds", where)
    return ExerciseResult(eid, outcome, held, planned, _side(item, where), spread)


def _exercises(data: dict[str, Any], plan: RoutinePlan, lim: ResultLimits) -> list[ExerciseResult]:
    found: list[ExerciseResult] = []
    for i, item in enumerate(_entries(data, "exercises", lim)):
        entry = _exercise(item, f"exercises[{i}].", plan, lim)
        if any(e.exercise_id == entry.exercise_id for e in found):
            raise ResultError(
                f"exercises[{i}].exercise_id",
                f"exercises[{i}].exercise_id must name each stretch once: "
                f"{entry.exercise_id} is already in the list",
            )
        found.append(entry)
    return found


def _check(item: dict[str, Any], where: str, wall: int) -> ThighCheck:
    answer = _field(item, "answer", str, where)
    if answer not in THIGH_ANSWERS:
        raise ResultError(
            f"{where}answer", f"{where}answer must be one of {', '.join(THIGH_ANSWERS)}"
        )
    at = _int(item, "at", wall, "within the session", where)
    return ThighCheck(_side(item, where), at, answer)


def parse_result(data: Any, expected: Expected) -> SessionResult:
    """Check a result from any door (a player's post, the terminal, a stored row) against what
    the server knows, and turn it into a SessionResult with its times in UTC."""
    if not isinstance(data, dict):
        raise ResultError(None, "the result must be a JSON object")
    lim = expected.limits
    plan = _routine(data, expected)
    started, ended = _times(data, expected)
    wall = math.ceil((ended - started).total_seconds())
    planned = _int(data, "planned_seconds", _with_slack(plan.planned_seconds, lim), "the plan")
    longest = planned + lim.pause_seconds
    if wall > longest:
        raise ResultError(
            "ended_at",
            f"ended_at must be at most {longest} seconds after started_at "
            f"(the planned {planned} s and {lim.pause_seconds // 3600} hours of pauses)",
        )
    practised = _int(
        data,
        "practised_seconds",
        min(wall + lim.rounding_seconds, planned + lim.extra_practised_seconds),
        f"the time from started_at to ended_at, and the planned {planned} s "
        f"plus {lim.extra_practised_seconds} s",
    )
    checks = [
        _check(item, f"checks[{i}].", wall + lim.rounding_seconds)
        for i, item in enumerate(_entries(data, "checks", lim))
    ]
    return SessionResult(
        routine_id=plan.routine_id,
        started_at=started,
        ended_at=ended,
        completed=_field(data, "completed", bool),
        planned_seconds=planned,
        practised_seconds=practised,
        exercises=tuple(_exercises(data, plan, lim)),
        checks=tuple(checks),
    )


def check_result(result: SessionResult, expected: Expected) -> SessionResult:
    """The same check for a result made in this process (the terminal's player)."""
    return parse_result(result.to_dict(), expected)
