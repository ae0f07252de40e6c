"""Routine and exercise pages, the player, and the endpoint players post results to."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET, require_POST

from coach.accounts import guest
from coach.accounts.selectors import consent_active, safe_next
from coach.lib.language import display_catalogue, display_language, unknown_id_text
from coach.lib.queued import (
    BAD_KEY,
    checks_owner,
    idempotency_key,
    is_queued,
    made_at,
    refused,
    saved,
)
from stretching import catalogue
from stretching.catalogue import Exercise, Routine, UnknownId
from stretching.i18n.words import dose_text, frequency_text, position_text
from stretching.rules import OVERRIDES
from stretching.timeline import compile_timeline, format_duration

from . import plans
from .player_data import player_exercises
from .results import ResultRefused, refused_result, result_save
from .services import plan_override_once

DOSE_FIELDS = {
    "hold_seconds": pgettext_lazy("dose field", "hold_seconds"),
    "hold_seconds_max": pgettext_lazy("dose field", "hold_seconds_max"),
    "repetitions": pgettext_lazy("dose field", "repetitions"),
    "rest_seconds": pgettext_lazy("dose field", "rest_seconds"),
    "sets": pgettext_lazy("dose field", "sets"),
    "tempo_on": pgettext_lazy("dose field", "tempo_on"),
    "tempo_off": pgettext_lazy("dose field", "tempo_off"),
}
"""A dose's numbers by name, as the exercise page says where each comes from (English shows
the field's own name, as it always has)."""


OVERRIDE_DONE = {
    "resume": gettext_lazy("%(name)s is back in your routine."),
    "reset-dose": gettext_lazy("%(name)s is back to its full dose."),
}
"""The line confirming an override (the core's `OverrideChoice.message`), in the reader's
language."""


def _catalogue() -> catalogue.Catalogue:
    """The catalogue in the request's language: the same ids, names and steps in its words."""
    return display_catalogue()


def _get_routine(routine_id: str) -> Routine:
    try:
        return _catalogue().routine(routine_id)
    except UnknownId as exc:
        raise Http404(unknown_id_text(exc)) from None


def _get_exercise(exercise_id: str, cat: catalogue.Catalogue | None = None) -> Exercise:
    """The exercise, in `cat` (the drawings') or else the request's language; a 404 if none."""
    try:
        return (cat or _catalogue()).exercise(exercise_id)
    except UnknownId as exc:
        raise Http404(unknown_id_text(exc)) from None


def _home_order(r: Routine) -> tuple[int, str]:
    """The relief sequence first, the warm-up for later last, daily routines before the rest."""
    rank = {"relief": 0, "add-on": 1, "practice": 2, "warm-up": 4}[r.kind]
    if r.kind == "practice" and not r.frequency.times_per_day_min:
        rank = 3
    return rank, r.name


def _routine_cards() -> list[dict]:
    c, lang = _catalogue(), display_language()
    cards = []
    for r in sorted(c.routines.values(), key=_home_order):
        tl = compile_timeline(c, r)
        cards.append(
            {
                "routine": r,
                "total": format_duration(tl.usual_seconds),
                "count": len(r.exercise_ids),
                "frequency": frequency_text(r.frequency, lang),
            }
        )
    return cards


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "practice/home.html", {"cards": _routine_cards()})


@require_GET
def routine_detail(request: HttpRequest, routine_id: str) -> HttpResponse:
    routine = _get_routine(routine_id)
    plan = plans.for_request(request, routine)
    timeline = compile_timeline(_catalogue(), routine, plan.adjustments)
    lang = display_language()
    items = []
    for ex in _catalogue().routine_exercises(routine):
        steps = [s for s in timeline.steps if s.exercise_id == ex.id and s.kind == "hold"]
        items.append(
            {
                "exercise": ex,
                "paused": ex.id in plan.adjustments.skip,
                "hold": steps[0].duration if steps else None,
                "note": plan.notes.get(ex.id, ""),
                "dose": dose_text(ex.dose, lang),
            }
        )
    return render(
        request,
        "practice/routine.html",
        {
            "routine": routine,
            "items": items,
            "total": format_duration(timeline.usual_seconds),
            "stretching": format_duration(timeline.stretching_seconds),
            "frequency": frequency_text(routine.frequency, lang),
            "plan": plan,
        },
    )


@require_GET
def exercise_detail(request: HttpRequest, exercise_id: str) -> HttpResponse:
    ex = _get_exercise(exercise_id)
    in_routines = [r for r in _catalogue().routines.values() if ex.id in r.exercise_ids]
    origin = {
        "page": [str(DOSE_FIELDS.get(k, k)) for k, v in ex.dose.origin.items() if v == "page"],
        "project": [
            str(DOSE_FIELDS.get(k, k)) for k, v in ex.dose.origin.items() if v == "project"
        ],
    }
    lang = display_language()
    return render(
        request,
        "practice/exercise.html",
        {
            "exercise": ex,
            "routines": in_routines,
            "origin": origin,
            "dose": dose_text(ex.dose, lang),
            "position": position_text(ex.position, lang),
        },
    )


@require_GET
@ensure_csrf_cookie
def player(request: HttpRequest, routine_id: str) -> HttpResponse:
    routine = _get_routine(routine_id)
    blocked = plans.blocked_response(request, routine)
    if blocked is not None:
        return blocked
    plan = plans.for_request(request, routine)
    timeline = compile_timeline(_catalogue(), routine, plan.adjustments)
    exercises = player_exercises(_catalogue(), routine.exercise_ids)
    return render(
        request,
        "practice/player.html",
        {
            "routine": routine,
            "timeline": timeline,
            "total": format_duration(timeline.usual_seconds),
            "first": timeline.steps[0] if timeline.steps else None,
            "plan": plan,
            "player_data": {
                "timeline": timeline.to_dict(),
                "exercises": exercises,
                "resultUrl": reverse("session_results"),
                "afterUrl": plans.after_session_url(request),
                "signedIn": request.user.is_authenticated,
                "signUpUrl": f"{reverse('accounts:sign_up')}?next={reverse('diary:today')}",
            },
        },
    )


@require_POST
@checks_owner
def session_results(request: HttpRequest) -> JsonResponse:
    """Save a played session, once per person (or guest) and Idempotency-Key. The result goes
    through the core's one check (stretching.result): a refusal answers 400 (413 when too
    large) with the field and what is allowed, and writes nothing."""
    # Health data is kept against a person only while their consent is in force.
    user = request.user if consent_active(request.user) else None
    try:
        session, created = result_save(
            body=request.body,
            key=request.headers.get("Idempotency-Key", ""),
            user=user,
            guest_key=lambda: guest.guest_key_issue(request.session),
        )
    except ResultRefused as exc:
        return refused_result(exc)
    if created and not user:
        guest.session_played(request.session)
    return JsonResponse(
        {"id": session.pk, "created": created, "signed_in": bool(user)},
        status=201 if created else 200,
    )


@require_POST
@checks_owner
@login_required
def plan_override(request: HttpRequest, exercise_id: str, action: str) -> HttpResponse:
    """The person overrides the plan: bring a paused stretch back, or reset its dose. Once per
    idempotency key, at the time it was made when the outbox sends it later."""
    ex = _get_exercise(exercise_id)
    choice = OVERRIDES.get(action)
    if choice is None or not consent_active(request.user):
        raise Http404("Nothing to change here.")
    queued, key = is_queued(request), idempotency_key(request)
    if queued and not key:
        return refused(BAD_KEY)
    _, created = plan_override_once(
        user=request.user,
        idempotency_key=key or "",
        exercise_id=ex.id,
        action=choice.action,
        at=made_at(request) if queued else None,
    )
    next_url = safe_next(request, reverse("diary:today"))
    if created:
        done = OVERRIDE_DONE.get(choice.action)
        messages.success(
            request, str(done) % {"name": ex.name} if done else choice.message(ex.name)
        )
    return saved({"next": next_url}, created=created) if queued else redirect(next_url)
