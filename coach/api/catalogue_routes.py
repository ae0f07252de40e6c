"""The catalogue: exercises, routines, and a routine's timeline with the person's adjustments."""

from django.http import HttpRequest
from ninja import Router

from coach.diary.plans import today_for
from coach.practice import plans
from coach.practice.plans import RequestPlan
from stretching import catalogue
from stretching.catalogue import UnknownId
from stretching.timeline import NO_ADJUSTMENTS, compile_timeline

from .auth import caller
from .problems import ApiProblem, responses
from .schemas import ExerciseOut, RoutineOut, TimelineOut

router = Router(tags=["catalogue"])
REFUSALS = responses(401, 403, 429)


@router.get("/exercises", response={200: list[ExerciseOut], **REFUSALS})
def exercises(request: HttpRequest) -> list[ExerciseOut]:
    """Every exercise in the catalogue."""
    return [
        ExerciseOut(
            id=e.id,
            name=e.name,
            short_name=e.short_name,
            position=e.position,
            summary=e.summary,
            instructions=list(e.instructions),
            cautions=list(e.cautions),
            equipment=list(e.equipment),
        )
        for e in catalogue.default().exercises.values()
    ]


@router.get("/routines", response={200: list[RoutineOut], **REFUSALS})
def routines(request: HttpRequest) -> list[RoutineOut]:
    """Every routine, with how often to do it and how long it usually takes."""
    cat = catalogue.default()
    return [
        RoutineOut(
            id=r.id,
            name=r.name,
            kind=r.kind,
            summary=r.summary,
            exercise_ids=list(r.exercise_ids),
            frequency=r.frequency.describe(),
            usual_seconds=compile_timeline(cat, r).usual_seconds,
        )
        for r in cat.routines.values()
    ]


@router.get(
    "/routines/{routine_id}/timeline", response={200: TimelineOut, **responses(401, 403, 404, 429)}
)
def timeline(request: HttpRequest, routine_id: str) -> TimelineOut:
    """The routine's timed steps as the player plays them, with the person's plan applied
    (paused stretches left out, doses as the plan has them)."""
    cat = catalogue.default()
    try:
        routine = cat.routine(routine_id)
    except UnknownId as exc:
        raise ApiProblem(404, "Not found", str(exc), "routine_id") from None
    who = caller(request)
    if who.token is not None:  # the middleware's request.plan is the browser's person's
        request.plan = RequestPlan(lambda: today_for(who.user))  # type: ignore[attr-defined]
    plan = plans.for_request(request, routine)
    tl = compile_timeline(cat, routine, plan.adjustments)
    data = tl.to_dict()
    return TimelineOut(
        **data,
        adjusted=plan.adjustments != NO_ADJUSTMENTS,
        notes=[*plan.explanations, *plan.notes.values()],
    )
