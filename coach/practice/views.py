"""Routine and exercise pages, the player, and the endpoint players post results to."""

import json
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET, require_POST

from coach.accounts.selectors import consent_active, safe_next
from coach.diary.services import checkins_link_to_session
from stretching import catalogue
from stretching.catalogue import Exercise, Routine, UnknownId
from stretching.session import ResultError, parse_result
from stretching.timeline import compile_timeline, format_duration

from . import plans
from .services import plan_override_record, session_record

MAX_RESULT_BYTES = 64 * 1024


def _catalogue() -> catalogue.Catalogue:
    return catalogue.default()


def _get_routine(routine_id: str) -> Routine:
    try:
        return _catalogue().routine(routine_id)
    except UnknownId as exc:
        raise Http404(str(exc)) from None


def _get_exercise(exercise_id: str) -> Exercise:
    try:
        return _catalogue().exercise(exercise_id)
    except UnknownId as exc:
        raise Http404(str(exc)) from None


def _home_order(r: Routine) -> tuple[int, str]:
    """The relief sequence first, the warm-up for later last, daily routines before the rest."""
    rank = {"relief": 0, "add-on": 1, "practice": 2, "warm-up": 4}[r.kind]
    if r.kind == "practice" and not r.frequency.times_per_day_min:
        rank = 3
    return rank, r.name


def _routine_cards() -> list[dict]:
    c = _catalogue()
    cards = []
    for r in sorted(c.routines.values(), key=_home_order):
        tl = compile_timeline(c, r)
        cards.append({"routine": r, "total": format_duration(tl.total_seconds),
                      "count": len(r.exercise_ids), "frequency": r.frequency.describe()})
    return cards


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "practice/home.html", {"cards": _routine_cards()})


@require_GET
def routine_detail(request: HttpRequest, routine_id: str) -> HttpResponse:
    routine = _get_routine(routine_id)
    plan = plans.for_request(request, routine)
    timeline = compile_timeline(_catalogue(), routine, plan.adjustments)
    items = []
    for ex in _catalogue().routine_exercises(routine):
        steps = [s for s in timeline.steps if s.exercise_id == ex.id and s.kind == "hold"]
        items.append({"exercise": ex, "paused": ex.id in plan.adjustments.skip,
                      "hold": steps[0].duration if steps else None,
                      "note": plan.notes.get(ex.id, "")})
    return render(request, "practice/routine.html", {
        "routine": routine, "items": items, "total": format_duration(timeline.total_seconds),
        "plan": plan,
    })


@require_GET
def exercise_detail(request: HttpRequest, exercise_id: str) -> HttpResponse:
    ex = _get_exercise(exercise_id)
    in_routines = [r for r in _catalogue().routines.values() if ex.id in r.exercise_ids]
    origin = {"page": [k for k, v in ex.dose.origin.items() if v == "page"],
              "project": [k for k, v in ex.dose.origin.items() if v == "project"]}
    return render(request, "practice/exercise.html",
                  {"exercise": ex, "routines": in_routines, "origin": origin})


@require_GET
@ensure_csrf_cookie
def player(request: HttpRequest, routine_id: str) -> HttpResponse:
    routine = _get_routine(routine_id)
    blocked = plans.blocked_response(request, routine)
    if blocked is not None:
        return blocked
    plan = plans.for_request(request, routine)
    timeline = compile_timeline(_catalogue(), routine, plan.adjustments)
    exercises = {
        ex.id: {"name": ex.name, "short": ex.short_name,
                "figure": reverse("figure_svg", args=[ex.id]),
                "release": ex.cues.release, "summary": ex.summary}
        for ex in _catalogue().routine_exercises(routine)
    }
    return render(request, "practice/player.html", {
        "routine": routine, "timeline": timeline,
        "total": format_duration(timeline.total_seconds),
        "first": timeline.steps[0] if timeline.steps else None,
        "plan": plan,
        "player_data": {
            "timeline": timeline.to_dict(), "exercises": exercises,
            "resultUrl": reverse("session_results"),
            "afterUrl": plans.after_session_url(request),
            "signedIn": request.user.is_authenticated,
            "signUpUrl": f"{reverse('accounts:sign_up')}?next={reverse('diary:today')}",
        },
    })


def _guest_key(request: HttpRequest) -> str:
    key = request.session.get("guest_key")
    if not key:
        key = uuid.uuid4().hex
        request.session["guest_key"] = key
    return key


@require_POST
def session_results(request: HttpRequest) -> JsonResponse:
    """Save a played session. Retried posts with the same Idempotency-Key save once."""
    if len(request.body) > MAX_RESULT_BYTES:
        return JsonResponse({"error": "The result is too large."}, status=413)
    key = request.headers.get("Idempotency-Key", "")
    if not (8 <= len(key) <= 64) or not key.replace("-", "").isalnum():
        return JsonResponse({"error": "Send an Idempotency-Key header of 8-64 letters, "
                             "digits or dashes."}, status=400)
    try:
        data = json.loads(request.body)
        result = parse_result(data, set(_catalogue().exercises))
        _get_routine(result.routine_id)
    except (ValueError, Http404) as exc:
        message = str(exc) if isinstance(exc, ResultError | Http404) else "The body is not JSON."
        return JsonResponse({"error": message}, status=400)
    # Health data is kept against a person only while their consent is in force.
    user = request.user if consent_active(request.user) else None
    session, created = session_record(
        result=result, source="web", idempotency_key=key, user=user,
        guest_key="" if user else _guest_key(request),
    )
    if created and user:
        checkins_link_to_session(session=session)
    return JsonResponse({"id": session.pk, "created": created, "signed_in": bool(user)},
                        status=201 if created else 200)


@require_POST
@login_required
def plan_override(request: HttpRequest, exercise_id: str, action: str) -> HttpResponse:
    """The person overrides the plan: bring a paused stretch back, or reset its dose."""
    ex = _get_exercise(exercise_id)
    if action not in ("resume", "reset-dose") or not consent_active(request.user):
        raise Http404("Nothing to change here.")
    plan_override_record(user=request.user, exercise_id=ex.id, action=action)
    done = "is back in your routine" if action == "resume" else "is back to its full dose"
    messages.success(request, f"{ex.name} {done}.")
    return redirect(safe_next(request, reverse("diary:today")))
