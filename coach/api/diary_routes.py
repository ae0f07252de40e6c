"""The person's plan for today, check-ins, the quick re-check, plan overrides and the export."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Header, Query, Router, Status

from coach.accounts.services import quick_check_record
from coach.diary import export, services
from coach.diary.models import CheckIn
from coach.diary.plans import person_catalogue, plan_for_user
from coach.lib.language import display_language
from coach.practice.services import plan_override_once
from stretching import catalogue
from stretching.rules import presenter
from stretching.screening import TIER_A

from .auth import reader, writer
from .paging import page
from .problems import ApiProblem, responses
from .schemas import (
    CheckInIn,
    CheckInOut,
    CheckInPage,
    DoseOut,
    OverrideIn,
    OverrideOut,
    PausedOut,
    PlanOut,
    QuickCheckIn,
    QuickCheckOut,
)
from .session_routes import PageQuery

router = Router(tags=["diary"])
OPTIONAL_KEY = Header(
    "",
    alias="Idempotency-Key",
    description="Optional: the same key again answers the first one saved, not a second.",
    max_length=64,
)


@router.get("/plan/today", response={200: PlanOut, **responses(401, 403, 429)})
def plan_today(request: HttpRequest) -> PlanOut:
    """Today's plan in the words the Today page uses."""
    user = reader(request)
    lang = display_language()
    plan = plan_for_user(user, lang=lang)
    words = presenter.present(plan, person_catalogue(user), lang=lang)
    return PlanOut(
        mode=words.mode,
        headline=words.headline,
        why=words.why,
        notes=[n.text for n in words.notes],
        paused=[
            PausedOut(
                exercise_id=p.exercise_id,
                name=p.name,
                status=p.status,
                until=timezone.localtime(p.until) if p.until else None,
                reason=p.reason,
            )
            for p in words.paused
        ],
        doses=[
            DoseOut(
                exercise_id=d.exercise_id,
                name=d.name,
                hold_seconds=d.hold_seconds,
                repetitions=d.repetitions,
                text=d.text,
                reason=d.reason,
            )
            for d in (*words.doses, *words.other_doses)
        ],
        build_up_rule=words.build_up_rule,
        trend=words.trend.verdict,
        trend_reason=words.trend.reason,
    )


def checkin_out(c: CheckIn) -> CheckInOut:
    return CheckInOut(
        id=c.pk,
        at=timezone.localtime(c.at),
        context=c.context,
        leg_pain=c.leg_pain,
        back_pain=c.back_pain,
        extent_left=c.extent_left,
        extent_right=c.extent_right,
        numbness=c.numbness,
        weakness=c.weakness,
        note=c.note,
        session_id=c.session_id,
    )


@router.get("/checkins", response={200: CheckInPage, **responses(401, 403, 422, 429)})
def checkin_list(request: HttpRequest, q: Query[PageQuery]) -> CheckInPage:
    """The person's pain check-ins, newest first, a page at a time."""
    found, next_cursor = page(CheckIn.objects.filter(user=reader(request)), "at", q.cursor, q.limit)
    return CheckInPage(items=[checkin_out(c) for c in found], next_cursor=next_cursor)


@router.post(
    "/checkins", response={200: CheckInOut, 201: CheckInOut, **responses(401, 403, 422, 429)}
)
def checkin_create(
    request: HttpRequest, payload: CheckInIn, idempotency_key: str = OPTIONAL_KEY
) -> Status:
    """Save a check-in now (once per key when one is sent)."""
    user = writer(request)
    entry, created = services.checkin_record(
        user=user, idempotency_key=idempotency_key, **payload.model_dump()
    )
    return Status(201 if created else 200, checkin_out(entry))


@router.delete("/checkins/{checkin_id}", response={204: None, **responses(401, 403, 404, 429)})
def checkin_delete(request: HttpRequest, checkin_id: int) -> Status:
    """Delete one of the person's check-ins; the plan is worked out again without it."""
    entry = CheckIn.objects.filter(user=writer(request), pk=checkin_id).first()
    if entry is None:
        raise ApiProblem(404, "Not found", "You have no check-in with this id.", "checkin_id")
    services.checkin_delete(checkin=entry)
    return Status(204, None)


@router.post("/quick-check", response={200: QuickCheckOut, **responses(401, 403, 422, 429)})
def quick_check(
    request: HttpRequest, payload: QuickCheckIn, idempotency_key: str = OPTIONAL_KEY
) -> QuickCheckOut:
    """Answer the quick safety check asked before a session: the ids answered yes."""
    user = writer(request)
    known = {q.id for q in TIER_A}
    for i, qid in enumerate(payload.ticked):
        if qid not in known:
            raise ApiProblem(
                422, "Invalid request", f"Unknown question; known: {sorted(known)}", f"ticked[{i}]"
            )
    result = quick_check_record(
        user=user, browser=None, ticked=payload.ticked, idempotency_key=idempotency_key
    )
    return QuickCheckOut(
        status=result.status, headline=result.headline, message=result.message, locked=result.locked
    )


@router.post(
    "/plan/overrides",
    response={200: OverrideOut, 201: OverrideOut, **responses(401, 403, 422, 429)},
)
def override_create(
    request: HttpRequest, payload: OverrideIn, idempotency_key: str = OPTIONAL_KEY
) -> Status:
    """Bring a paused stretch back (resume) or reset a stretch's dose (reset-dose)."""
    user = writer(request)
    if payload.exercise_id not in catalogue.default().exercises:
        raise ApiProblem(422, "Invalid request", "No exercise has this id.", "exercise_id")
    row, created = plan_override_once(
        user=user,
        idempotency_key=idempotency_key,
        exercise_id=payload.exercise_id,
        action=payload.action,
    )
    out = OverrideOut(
        id=row.pk, exercise_id=row.exercise_id, action=row.action, at=timezone.localtime(row.at)
    )
    return Status(201 if created else 200, out)


@router.get("/export", response={200: dict[str, Any], **responses(401, 403, 429)})
def export_all(request: HttpRequest) -> dict[str, Any]:
    """Everything the app holds about the person, as the Settings page's JSON download."""
    return export.everything(reader(request))
