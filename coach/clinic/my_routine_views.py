"""The person's own pages for a routine their clinician assigned: the routine (doses, the
clinician's notes, what the plan changes), the player, and where the player sends results.
The same safety gate, plan and session store as the built-in routines."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_POST

from coach.accounts.selectors import consent_active
from coach.lib.language import display_catalogue, display_language
from coach.lib.queued import checks_owner
from coach.practice import plans
from coach.practice.models import AssignedRoutine
from coach.practice.player_data import player_exercises
from coach.practice.results import ResultRefused, refused_result, result_save
from stretching import catalogue, i18n, positions
from stretching.custom import CustomRoutine, compile_custom, read_custom
from stretching.result import Expected, plan_of
from stretching.timeline import Timeline, format_duration

from .access import me
from .routines import lines


def _get_routine_for_user(
    request: HttpRequest, routine_id: str
) -> tuple[AssignedRoutine, CustomRoutine]:
    """The person's own assigned routine (its current version), or 404 for anybody else's."""
    row = AssignedRoutine.objects.filter(
        user_id=me(request).pk, routine_id=routine_id, current=True
    ).first()
    if row is None:
        raise Http404(_("No such routine."))
    return row, read_custom(row.data, catalogue.default(), routine_id)


def _compiled(request: HttpRequest, routine: CustomRoutine) -> tuple[plans.PlanView, Timeline]:
    view = plans.for_request(request, routine.routine())
    return view, compile_custom(catalogue.default(), routine, view.adjustments)


@login_required
def my_routine(request: HttpRequest, routine_id: str) -> HttpResponse:
    row, routine = _get_routine_for_user(request, routine_id)
    view, timeline = _compiled(request, routine)
    return render(
        request,
        "clinic/my_routine.html",
        {
            "row": row,
            "routine": routine,
            "items": [
                {
                    "line": line,
                    "left_out": line.exercise_id in view.adjustments.skip,
                    "rule": view.notes.get(line.exercise_id, ""),
                }
                for line in lines(routine)
            ],
            "plan": view,
            "total": format_duration(timeline.usual_seconds),
            "stretching": format_duration(timeline.stretching_seconds),
            "frequency": i18n.frequency_text(routine.routine().frequency, display_language()),
        },
    )


@login_required
@ensure_csrf_cookie
def my_player(request: HttpRequest, routine_id: str) -> HttpResponse:
    _, routine = _get_routine_for_user(request, routine_id)
    blocked = plans.blocked_response(request, routine.routine())
    if blocked is not None:
        return blocked
    view, timeline = _compiled(request, routine)
    cat = display_catalogue()
    exercises = player_exercises(cat, routine.exercise_ids)
    ready = getattr(positions, "ready_times", None)
    return render(
        request,
        "practice/player.html",
        {
            "routine": routine.routine(),
            "timeline": timeline,
            "total": format_duration(timeline.usual_seconds),
            "first": timeline.steps[0] if timeline.steps else None,
            "plan": view,
            "ready_times": ready() if ready else "",
            "player_data": {
                "timeline": timeline.to_dict(),
                "exercises": exercises,
                "resultUrl": reverse("clinic:my_results", args=[routine_id]),
                "afterUrl": plans.after_session_url(request),
                "signedIn": True,
                "signUpUrl": "",
            },
        },
    )


@require_POST
@checks_owner
@login_required
def my_results(request: HttpRequest, routine_id: str) -> JsonResponse:
    """Save a played session of the person's assigned routine, once per Idempotency-Key, the
    way every result is saved (coach.practice.results.result_save), checked against this
    routine at its full dose."""
    _row, routine = _get_routine_for_user(request, routine_id)
    if not consent_active(request.user):
        withdrawn = _("Your consent is withdrawn: nothing was saved.")
        return JsonResponse({"error": withdrawn, "field": None, "message": withdrawn}, status=403)
    full = plan_of(compile_custom(catalogue.default(), routine))
    try:
        session, created = result_save(
            body=request.body,
            key=request.headers.get("Idempotency-Key", ""),
            user=request.user,
            guest_key=str,
            expected=Expected(
                {routine_id: full}, first_use=me(request).date_joined, now=timezone.now()
            ),
        )
    except ResultRefused as exc:
        return refused_result(exc)
    return JsonResponse(
        {"id": session.pk, "created": created, "signed_in": True},
        status=201 if created else 200,
    )
