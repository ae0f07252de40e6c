"""Random histories for property tests: sessions in which stretches were done, skipped, hurt or
made symptoms spread; check-ins (some during a session); the person's overrides. Steps come
in time order, each some minutes to days after the one before."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from stretching import catalogue
from stretching.rules import (
    DEFAULT_SETTINGS,
    ExerciseOutcome,
    Override,
    SessionRecord,
    State,
    apply,
    events,
    initial_state,
)
from stretching.symptoms import CONTEXTS, CheckIn

CAT = catalogue.default()
TZ = ZoneInfo("Europe/London")
START = datetime(2025, 3, 24, 7, 0, tzinfo=TZ)  # a week before the clocks change
ROUTINES = ("relief-sequence", "hamstring-trio", "daily-warm-up")
STRETCHES = sorted({eid for rid in ROUTINES for eid in CAT.routine(rid).exercise_ids})


@dataclass(frozen=True)
class SessionStep:
    routine_id: str
    minutes: int
    outcomes: tuple[ExerciseOutcome, ...]
    completed: bool


@dataclass(frozen=True)
class CheckInStep:
    leg: int
    back: int
    left: int
    right: int
    numbness: bool
    weakness: bool
    context: str


@dataclass(frozen=True)
class OverrideStep:
    exercise_id: str
    action: str


Step = SessionStep | CheckInStep | OverrideStep


@st.composite
def session_steps(draw: st.DrawFn) -> SessionStep:
    routine_id = draw(st.sampled_from(ROUTINES))
    outcomes = []
    for eid in CAT.routine(routine_id).exercise_ids:
        outcome = draw(st.sampled_from(("done", "done", "done", "skipped", "hurt")))
        spread = draw(st.booleans()) if draw(st.integers(0, 5)) == 0 else False
        held = 0 if outcome == "skipped" else 20
        outcomes.append(ExerciseOutcome(eid, outcome, held, spread))
    return SessionStep(
        routine_id,
        draw(st.integers(1, 150)),
        tuple(outcomes),
        draw(st.booleans()) or draw(st.booleans()),
    )


checkin_steps = st.builds(
    CheckInStep,
    leg=st.integers(0, 10) | st.just(0),
    back=st.integers(0, 10) | st.just(0),
    left=st.integers(0, 5),
    right=st.integers(0, 5),
    numbness=st.booleans(),
    weakness=st.booleans(),
    context=st.sampled_from(CONTEXTS),
)
OVERRIDE_ACTIONS = ("resume", "reset-dose")
override_steps = st.builds(
    OverrideStep, exercise_id=st.sampled_from(STRETCHES), action=st.sampled_from(OVERRIDE_ACTIONS)
)
gaps = st.one_of(st.integers(1, 90), st.integers(60, 60 * 30), st.integers(60 * 24, 60 * 24 * 5))
histories = st.lists(
    st.tuples(gaps, st.one_of(session_steps(), session_steps(), checkin_steps, override_steps)),
    min_size=1,
    max_size=30,
)


@dataclass
class Timed:
    """The steps with their times, as the core's records."""

    sessions: list[SessionRecord]
    checkins: list[CheckIn]
    overrides: list[Override]
    end: datetime
    """When the last step ended."""


def timed(steps: list[tuple[int, Step]]) -> Timed:
    at, end = START, START
    out = Timed([], [], [], START)
    for gap, step in steps:
        at += timedelta(minutes=gap)
        if isinstance(step, SessionStep):
            ended = at + timedelta(minutes=step.minutes)
            record = SessionRecord(
                len(out.sessions), step.routine_id, at, ended, step.outcomes, step.completed
            )
            out.sessions.append(record)
            end = max(end, ended)
        elif isinstance(step, CheckInStep):
            out.checkins.append(
                CheckIn(
                    at,
                    step.leg,
                    step.back,
                    step.left,
                    step.right,
                    step.numbness,
                    step.weakness,
                    step.context,  # type: ignore[arg-type]
                )
            )
        else:
            out.overrides.append(Override(at, step.exercise_id, step.action))  # type: ignore[arg-type]
        end = max(end, at)
    out.end = end
    return out


def states(h: Timed) -> Iterator[State]:
    """The rules' state after each event of the history, in the replay's order."""
    state = initial_state(CAT, DEFAULT_SETTINGS)
    for event in events(h.sessions, h.checkins, h.overrides, h.end):
        state = apply(state, event, CAT)
        yield state
