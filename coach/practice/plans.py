"""What a person's plan changes in a routine, as the practice pages need it.

The routine's rules live in the pure core (stretching.rules); this module gathers the
person's history, asks the core once per request, and hands the views the adjustments and
the sentences that explain them. Guests get the routine as the pages give it.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from coach.accounts.selectors import (
    consent_active,
    recheck_state,
    screen_allows_practice,
    screen_state,
    with_next,
)
from coach.diary.models import CheckIn
from coach.diary.selectors import sessions_of, to_core, to_record
from stretching import catalogue, rules
from stretching.catalogue import Routine
from stretching.timeline import NO_ADJUSTMENTS, Adjustments

from .models import PlanOverride


@dataclass(frozen=True)
class PlanView:
    adjustments: Adjustments = NO_ADJUSTMENTS
    notes: dict[str, str] = field(default_factory=dict)
    explanations: list[str] = field(default_factory=list)


def plan_for_user(user, now=None) -> rules.Plan:
    """Today's plan from everything the person has recorded."""
    return rules.plan(
        catalogue.default(),
        [to_record(s) for s in sessions_of(user)],
        [to_core(c) for c in CheckIn.objects.filter(user=user)],
        now or timezone.now(),
        overrides=[rules.Override(o.at, o.exercise_id, o.action)  # type: ignore[arg-type]
                   for o in PlanOverride.objects.filter(user=user)],
        tz=timezone.get_current_timezone(),
    )


def _plan(request: HttpRequest) -> rules.Plan | None:
    if not consent_active(request.user):
        return None
    if not hasattr(request, "_sciatica_plan"):
        request._sciatica_plan = plan_for_user(request.user)  # type: ignore[attr-defined]
    return request._sciatica_plan  # type: ignore[attr-defined]


def for_request(request: HttpRequest, routine: Routine) -> PlanView:
    plan = _plan(request)
    if plan is None:
        return PlanView()
    explained = plan.explanations_for(routine.id)
    return PlanView(
        adjustments=plan.adjustments_for(routine.id),
        notes={e.exercise_id: e.text for e in explained if e.exercise_id},
        explanations=[e.text for e in explained if not e.exercise_id],
    )


def blocked_response(request: HttpRequest, routine: Routine) -> HttpResponse | None:
    """A response to show instead of the player (a safety check or a daily limit), or None."""
    here = request.get_full_path()
    plan = _plan(request)
    if plan is not None and plan.flags.tier_a_recheck_needed and not _rechecked_since_checkin(
            request):
        messages.warning(request, "Your last check-in noted new numbness, weakness or symptoms "
                         "in both legs. Please answer the safety check again before stretching.")
        return redirect(with_next(reverse("accounts:check"), here))
    allowed, message, url = screen_allows_practice(request, here)
    if not allowed:
        messages.info(request, message)
        return redirect(url)
    if plan is not None:
        ok, why = plan.can_start(routine.id)
        if not ok:
            return render(request, "practice/not_now.html", {"routine": routine, "why": why})
    return None


def _rechecked_since_checkin(request: HttpRequest) -> bool:
    latest = CheckIn.objects.filter(user=request.user).first()
    answered = [s.answered_at for s in (screen_state(request), recheck_state(request)) if s]
    return latest is None or any(at > latest.at for at in answered)


def after_session_url(request: HttpRequest) -> str:
    """Where the finished player sends a person who keeps a diary: the after-session check-in."""
    if not consent_active(request.user):
        return ""
    return f"{reverse('diary:checkin')}?context=after&session=SESSION_ID"
