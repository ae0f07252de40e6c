"""Sessions: the person's list (cursors), one, and saving a played one once per key."""

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field as NinjaField
from ninja import Header, Query, Router, Schema, Status

from coach.practice.models import PracticeSession
from coach.practice.results import ResultRefused, result_save

from .auth import reader, writer
from .paging import MAX_LIMIT, page
from .problems import ApiProblem, responses
from .schemas import ExerciseOutcomeOut, SessionIn, SessionOut, SessionPage

router = Router(tags=["sessions"])


class PageQuery(Schema):
    cursor: str | None = None
    limit: int = NinjaField(20, ge=1, le=MAX_LIMIT)


def session_out(s: PracticeSession) -> SessionOut:
    return SessionOut(
        id=s.pk,
        routine_id=s.routine_id,
        source=s.source,
        started_at=timezone.localtime(s.started_at),
        ended_at=timezone.localtime(s.ended_at),
        completed=s.completed,
        planned_seconds=s.planned_seconds,
        practised_seconds=s.practised_seconds,
        exercises=[
            ExerciseOutcomeOut(
                exercise_id=o.exercise_id,
                outcome=o.outcome,
                side=o.side,
                held_seconds=o.held_seconds,
                planned_seconds=o.planned_seconds,
                spread=o.spread,
            )
            for o in s.outcomes.all()
        ],
    )


@router.get("/sessions", response={200: SessionPage, **responses(401, 403, 422, 429)})
def session_list(request: HttpRequest, q: Query[PageQuery]) -> SessionPage:
    """The person's sessions, newest first, a page at a time."""
    rows = PracticeSession.objects.filter(user=reader(request)).prefetch_related("outcomes")
    found, next_cursor = page(rows, "started_at", q.cursor, q.limit)
    return SessionPage(items=[session_out(s) for s in found], next_cursor=next_cursor)


@router.get("/sessions/{session_id}", response={200: SessionOut, **responses(401, 403, 404, 429)})
def session_one(request: HttpRequest, session_id: int) -> SessionOut:
    """One of the person's sessions (another person's answers 404)."""
    found = PracticeSession.objects.filter(user=reader(request), pk=session_id).first()
    if found is None:
        raise ApiProblem(404, "Not found", "You have no session with this id.", "session_id")
    return session_out(found)


@router.post(
    "/sessions",
    response={200: SessionOut, 201: SessionOut, **responses(401, 403, 413, 422, 429)},
)
def session_create(
    request: HttpRequest,
    payload: SessionIn,
    idempotency_key: str = Header(
        ...,
        alias="Idempotency-Key",
        description="8-64 letters, digits or dashes; the same key again answers the same session.",
    ),
) -> Status:
    """Save a played session once per key: 201 the first time, 200 with the same body after."""
    user = writer(request)
    try:
        session, created = result_save(
            body=request.body, key=idempotency_key, user=user, guest_key=str
        )
    except ResultRefused as exc:
        status = 413 if exc.status == 413 else 422
        title = "Too large" if status == 413 else "Invalid session"
        raise ApiProblem(status, title, str(exc), exc.field) from None
    fresh = PracticeSession.every.prefetch_related("outcomes").get(pk=session.pk)
    return Status(201 if created else 200, session_out(fresh))
