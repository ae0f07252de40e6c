"""The core's one check of a session result (stretching.result), from the Django side: what the
server knows about the person and the routines, for every door that saves a session (the web's
results endpoint, `sciatica play --email`, the quarantine of stored rows)."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from functools import cache

from django.utils import timezone
from django.utils.translation import gettext_lazy

from stretching import catalogue
from stretching.custom import CustomRoutineError, compile_custom, read_custom
from stretching.result import Expected, RoutinePlan, plan_of, routine_plans

from .models import AssignedRoutine


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
