"""What a person's plan changes in a routine, as the practice pages need it, and the gate in
front of the player.

The routine's rules live in the pure core (stretching.rules) and the person's history in the
diary, which works the plan out once per request and hangs it on `request.plan` (see
coach.diary.middleware), the way `request.user` is there. Guests get the routine as the pages
give it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from coach.accounts.selectors import consent_active, with_next
from coach.lib.language import display_language
from stretching import rules
from stretching.catalogue import Routine
from stretching.rules import presenter
from stretching.rules.replay import in_language
from stretching.timeline import NO_ADJUSTMENTS, Adjustments

from .gating import answer_for

Loaded = tuple[rules.Plan, datetime | None] | None


class RequestPlan:
    """`request.plan`: today's plan for the person (None for guests and while consent is
    withdrawn) and when a check-in asked for the quick check again, read on first use."""

    def __init__(self, load: Callable[[], Loaded]) -> None:
        self._load = load

    @cached_property
    def _loaded(self) -> Loaded:
        return self._load()

    @property
    def today(self) -> rules.Plan | None:
        return self._loaded[0] if self._loaded else None

    @property
    def recheck_asked_at(self) -> datetime | None:
        return self._loaded[1] if self._loaded else None


NO_PLAN = RequestPlan(lambda: None)


def _plan(request: HttpRequest) -> RequestPlan:
    return getattr(request, "plan", NO_PLAN)


@dataclass(frozen=True)
class PlanView:
    adjustments: Adjustments = NO_ADJUSTMENTS
    notes: dict[str, str] = field(default_factory=dict)
    explanations: list[str] = field(default_factory=list)


def for_request(request: HttpRequest, routine: Routine) -> PlanView:
    plan = _plan(request).today
    if plan is None:
        return PlanView()
    notes = presenter.routine_notes(plan, routine.id, lang=display_language())
    return PlanView(
        adjustments=plan.adjustments_for(routine.id),
        notes=notes.by_exercise,
        explanations=notes.plan_wide,
    )


GATE_PAGES = {"consent": "accounts:consent", "screen": "accounts:screen"}


def blocked_response(request: HttpRequest, routine: Routine) -> HttpResponse | None:
    """A response to show instead of the player, or None: the safety gate's next step (on the
    page that answers it) or the plan's "not now" (a daily limit)."""
    plan = _plan(request)
    today = in_language(plan.today, display_language()) if plan.today else None
    ok, why = today.can_start(routine.id) if today else (True, "")
    answer = answer_for(
        user=request.user,
        browser=request.session,
        recheck_asked_at=plan.recheck_asked_at,
        not_now="" if ok else why,
    )
    if answer.allowed:
        return None
    if answer.step == "not-now":
        return render(request, "practice/not_now.html", {"routine": routine, "why": answer.text})
    say = messages.warning if answer.warn else messages.info
    say(request, answer.headline)
    page = GATE_PAGES.get(answer.where, "accounts:check")
    return redirect(with_next(reverse(page), request.get_full_path()))


def after_session_url(request: HttpRequest) -> str:
    """Where the finished player sends a person who keeps a diary: the after-session check-in."""
    if not consent_active(request.user):
        return ""
    return f"{reverse('diary:checkin')}?context=after&session=SESSION_ID"
