"""The core's one check of a session result (stretching.result), from the Django side: what the
server knows about the person and the routines, for every door that saves a session (the web's
results endpoints, the JSON API, `sciatica play --email`, the quarantine of stored rows), and
the one way a posted result is saved (`result_save`) and refused (`refused_result`)."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import cache

from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from stretching import catalogue
from stretching.custom import CustomRoutineError, compile_custom, read_custom
from stretching.result import (
    RESULT_LIMITS,
    Expected,
    ResultError,
    RoutinePlan,
    parse_result,
    plan_of,
    read_json,
    routine_plans,
)

from .models import AssignedRoutine, PracticeSession
from .services import session_record

BAD_RESULT_KEY = "Send an Idempotency-Key header of 8-64 letters (A-Z, a-z), digits or dashes."


@cache
def known_routines() -> dict[str, RoutinePlan]:
    """The built-in routines at their full dose (compiled once per process)."""
    return routine_plans(catalogue.default())


def expected_for(*, user=None, now: datetime | None = None) -> Expected:
    """What a result saved for `user` (None: a guest) is checked against: the person began
    when their account was made; a guest begins when the result arrives."""
    now = now or timezone.now()
    first_use = user.date_joined if user is not None else now
    return Expected(known_routines(), first_use=first_use, now=now)


def assigned_routines(user_ids: Iterable[int]) -> dict[int, dict[str, RoutinePlan]]:
    """Each person's routines assigned by a clinician, at the widest of every version's full
    dose: a session kept from an earlier version is checked against what it could have been."""
    cat = catalogue.default()
    found: dict[int, dict[str, RoutinePlan]] = defaultdict(dict)
    rows = AssignedRoutine.objects.filter(user_id__in=list(user_ids))
    for user_id, routine_id, data in rows.values_list("user_id", "routine_id", "data"):
        try:
            plan = plan_of(compile_custom(cat, read_custom(data, cat, routine_id)))
        except CustomRoutineError:
            continue
        kept = found[user_id].get(routine_id)
        found[user_id][routine_id] = plan if kept is None else _widest(kept, plan)
    return found


def _widest(a: RoutinePlan, b: RoutinePlan) -> RoutinePlan:
    exercises = dict(a.exercises)
    for eid, seconds in b.exercises.items():
        exercises[eid] = max(seconds, exercises.get(eid, 0))
    return RoutinePlan(a.routine_id, max(a.planned_seconds, b.planned_seconds), exercises)


REFUSED = {
    "in-future": gettext_lazy(
        "This session ends later than the time now, so this device's clock seems to be "
        "ahead. Set the clock right and your next session is saved as usual."
    ),
    "too-early": gettext_lazy(
        "This session is dated from before you began, so this device's clock seems to be "
        "behind. Set the clock right and your next session is saved as usual."
    ),
    "unknown-routine": gettext_lazy(
        "This session's routine is not among your routines (any more), so it was not added "
        "to your diary."
    ),
}
REFUSED_OTHER = gettext_lazy(
    "The app could not read this session's record, so it was not added to your diary."
)


def refusal_message(code: str) -> str:
    """What a person reads when a result is refused (the core's `ResultError.code`), in the
    request's language; the exact reason stays in the answer's `error` for developers."""
    return str(REFUSED.get(code, REFUSED_OTHER))


class ResultRefused(Exception):
    """A posted result that is not saved: the field at fault, why, the status to answer, and
    the core's code for what the person reads (`refusal_message`)."""

    def __init__(
        self, field: str | None, message: str, status: int = 400, code: str = "invalid"
    ) -> None:
        super().__init__(message)
        self.field, self.status, self.code = field, status, code


def result_save(
    *,
    body: bytes,
    key: str,
    user,
    guest_key: Callable[[], str],
    source: str = "web",
    expected: Expected | None = None,
) -> tuple[PracticeSession, bool]:
    """The one way a posted session result is saved, by the players' endpoints (built-in and
    assigned routines) and the JSON API: bounded, keyed, through the core's check
    (stretching.result), then `session_record`. `user` is None for a guest (or a person whose
    consent is withdrawn); `expected`: what the result is checked against, if not the built-in
    routines (`expected_for`). Raises ResultRefused, having written nothing."""
    if len(body) > RESULT_LIMITS.max_bytes:
        raise ResultRefused(
            None, f"the result must be at most {RESULT_LIMITS.max_bytes} bytes", 413
        )
    if not (8 <= len(key) <= 64 and key.isascii() and key.replace("-", "").isalnum()):
        raise ResultRefused("Idempotency-Key", BAD_RESULT_KEY)
    try:
        result = parse_result(read_json(body), expected or expected_for(user=user))
    except ResultError as exc:
        raise ResultRefused(exc.field, str(exc), code=exc.code) from exc
    return session_record(
        result=result,
        source=source,
        idempotency_key=key,
        user=user,
        guest_key="" if user else guest_key(),
    )


def refused_result(exc: ResultRefused) -> JsonResponse:
    """A player's answer to a refused result: the exact reason (`error`, `field`) for
    developers, and what the person reads (`message`), in the request's language."""
    return JsonResponse(
        {"error": str(exc), "field": exc.field, "message": refusal_message(exc.code)},
        status=exc.status,
    )
