"""What the API answers and accepts, as typed schemas (the OpenAPI document is made from them).
Times are ISO 8601 with the offset of the app's time zone."""

import dataclasses
import typing
from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import create_model

from stretching.timeline import Step


class ExerciseOut(Schema):
    id: str
    name: str
    short_name: str
    position: str
    summary: str
    instructions: list[str]
    cautions: list[str]
    equipment: list[str]


class RoutineOut(Schema):
    id: str
    name: str
    kind: str
    summary: str
    exercise_ids: list[str]
    frequency: str
    usual_seconds: int


def _schema_of(cls: type, name: str) -> type[Schema]:
    """A schema with the core dataclass's own fields, types and defaults, so what the API says
    of a step cannot drift from what the timeline makes."""
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {
        f.name: (hints[f.name], ... if f.default is dataclasses.MISSING else f.default)
        for f in dataclasses.fields(cls)
    }
    return create_model(name, __base__=Schema, **fields)


StepOut = _schema_of(Step, "StepOut")


class TimelineOut(Schema):
    routine_id: str
    routine_name: str
    total_seconds: int
    usual_seconds: int
    adjusted: bool = Field(description="The person's plan changed a dose or left a stretch out.")
    notes: list[str]
    steps: list[StepOut]  # type: ignore[valid-type]  # made from the core's Step


class PausedOut(Schema):
    exercise_id: str
    name: str
    status: str
    until: datetime | None
    reason: str


class DoseOut(Schema):
    exercise_id: str
    name: str
    hold_seconds: int | None
    repetitions: int
    text: str
    reason: str


class PlanOut(Schema):
    mode: Literal["relief", "warm-up"]
    headline: str
    why: str
    notes: list[str]
    paused: list[PausedOut]
    doses: list[DoseOut]
    build_up_rule: str
    trend: str
    trend_reason: str


class ExerciseResultIn(Schema):
    exercise_id: str
    outcome: Literal["done", "skipped", "hurt"]
    held_seconds: int
    planned_seconds: int
    side: Literal["", "left", "right", "both"] = ""
    spread: bool = False


class ThighCheckIn(Schema):
    side: str
    at: int
    answer: str


class SessionIn(Schema):
    """A played session, as both players send it; the core's check (stretching.result) decides
    what makes sense (known routine, times, durations within the plan)."""

    routine_id: str
    started_at: str = Field(description="ISO 8601 with an offset.")
    ended_at: str = Field(description="ISO 8601 with an offset.")
    completed: bool
    planned_seconds: int
    practised_seconds: int
    exercises: list[ExerciseResultIn]
    checks: list[ThighCheckIn] = []


class ExerciseOutcomeOut(Schema):
    exercise_id: str
    outcome: str
    side: str
    held_seconds: int
    planned_seconds: int
    spread: bool


class SessionOut(Schema):
    id: int
    routine_id: str
    source: str
    started_at: datetime
    ended_at: datetime
    completed: bool
    planned_seconds: int
    practised_seconds: int
    exercises: list[ExerciseOutcomeOut]


class SessionPage(Schema):
    items: list[SessionOut]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null: no more."
    )


class CheckInIn(Schema):
    leg_pain: int = Field(ge=0, le=10)
    back_pain: int = Field(ge=0, le=10)
    extent_left: int = Field(0, ge=0, le=5)
    extent_right: int = Field(0, ge=0, le=5)
    numbness: bool = False
    weakness: bool = False
    note: str = Field("", max_length=2000)
    context: Literal["before", "after", "standalone", "morning"] = "standalone"


class CheckInOut(Schema):
    id: int
    at: datetime
    context: str
    leg_pain: int
    back_pain: int
    extent_left: int
    extent_right: int
    numbness: bool
    weakness: bool
    note: str
    session_id: int | None


class CheckInPage(Schema):
    items: list[CheckInOut]
    next_cursor: str | None


class QuickCheckIn(Schema):
    ticked: list[str] = Field(description="The ids of the quick check's questions answered yes.")


class QuickCheckOut(Schema):
    status: str
    headline: str
    message: str
    locked: bool = Field(description="True: no session until a clinician has seen the person.")


class OverrideIn(Schema):
    exercise_id: str
    action: Literal["resume", "reset-dose"] = Field(description="One of the plan's overrides.")


class OverrideOut(Schema):
    id: int
    exercise_id: str
    action: str
    at: datetime
