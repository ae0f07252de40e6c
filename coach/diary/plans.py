"""A person's plan for today: their sessions, check-ins and own overrides, through the core's
rules (stretching.rules). The diary sits above practice, so the plan is worked out here and
handed down: to practice pages as `request.plan` (see middleware), to the `sciatica` command
through coach.cli.

The plan is read from the person's kept state (coach/diary/plan_state.py) and today's
sessions, so its cost does not grow with their history. Reading never writes: without a kept
state (or one of another format) the whole history is replayed, as it always was.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.http import HttpRequest
from django.utils import timezone

from coach.accounts.selectors import consent_active
from coach.lib.language import display_language
from coach.practice.models import AssignedRoutine
from coach.practice.plans import RequestPlan
from stretching import catalogue, rules

from . import plan_state, selectors
from .models import CheckIn

UNAPPLIED_LOOKBACK = timedelta(days=1)
"""Rows written past the services (imports, fixtures) after the last event a kept state
applied are read with it too, if they started no longer than this before that event."""


@dataclass(frozen=True)
class Today:
    """The plan, and what the Today page says about recent days."""

    plan: rules.Plan
    streak: int
    """Days in a row with a finished session, up to today (or yesterday, until today is over)."""
    practised_yesterday: bool


def today_reading(user, now: datetime | None = None, lang: str = "en") -> Today:
    """Today's plan from the kept state and the latest rows, or from the whole history, its
    sentences in `lang` (the kept state holds no words: any language reads it)."""
    now = now or timezone.now()
    tz = timezone.get_current_timezone()
    day = timezone.localdate(now)
    kept = plan_state.kept(user.pk)
    if kept is None or (kept.last_event_at is not None and kept.last_event_at > now):
        history = selectors.histories([user.pk])[user.pk]
        plan = rules.plan(
            person_catalogue(user),
            history.sessions,
            history.checkins,
            now,
            overrides=history.overrides,
            tz=tz,
            lang=lang,
        )
        days = selectors.practice_days(history.sessions)
        return Today(plan, streak(plan_state.NO_RUN, days, day), day - timedelta(days=1) in days)
    since = kept.last_event_at
    start = selectors.day_start(day - timedelta(days=1))
    if since is not None:
        start = min(start, since - UNAPPLIED_LOOKBACK)
        after = {"at__gt": since, "at__lte": now}
    else:
        after = {"at__lte": now}
    recent = selectors.session_records([user.pk], started_at__gte=start, started_at__lte=now)
    recent_sessions = recent[user.pk]
    late = rules.events(
        [s for s in recent_sessions if since is None or s.end > since],
        selectors.checkin_records([user.pk], **after)[user.pk],
        selectors.override_records([user.pk], **after)[user.pk],
        now,
    )
    state, cat = kept.state, person_catalogue(user)
    for event in late:
        state = rules.apply(state, event, cat)
    plan = rules.plan_from_state(state, now, cat, recent_sessions, tz=tz, lang=lang)
    days = selectors.practice_days(recent_sessions)
    return Today(plan, streak(kept.run, days, day), day - timedelta(days=1) in days)


def person_catalogue(user) -> catalogue.Catalogue:
    """The catalogue the person's plan is worked out over: the built-in routines and those a
    clinician assigned to them (practice's AssignedRoutine, written by the clinic app)."""
    return AssignedRoutine.objects.catalogue_for(user.pk)


def streak(run: plan_state.Run, days: set[date], today: date) -> int:
    """Days in a row with a finished session up to today, from the kept run of such days and
    the days of the latest sessions; a day not yet practised today does not break it until
    the day is over."""
    first, last = run

    def practised(d: date) -> bool:
        return d in days or (first is not None and last is not None and first <= d <= last)

    day = today if practised(today) else today - timedelta(days=1)
    count = 0
    while practised(day):
        if first is not None and last is not None and first <= day <= last:
            return count + (day - first).days + 1
        count += 1
        day -= timedelta(days=1)
    return count


def plan_for_user(user, now: datetime | None = None, lang: str = "en") -> rules.Plan:
    """Today's plan from everything the person has recorded, its sentences in `lang` (a page
    passes `display_language()`; `rules.in_language` says a plan again in another)."""
    return today_reading(user, now, lang).plan


def recheck_asked_at(user, plan: rules.Plan) -> datetime | None:
    """When the check-in that asks for the quick check again was made, if the plan says one
    does (new numbness, weakness or symptoms in both legs)."""
    if not plan.flags.tier_a_recheck_needed:
        return None
    latest = CheckIn.objects.filter(user=user, at__lte=plan.now).first()
    return latest.at if latest is not None else None


def today_for(
    user,
    now: datetime | None = None,
    reading: Today | None = None,
    lang: str | None = None,
    consent: bool | None = None,
) -> tuple[rules.Plan, datetime | None] | None:
    """The plan and when a check-in asked for the quick check, while the person keeps a diary
    (signed in, consent in force: `consent`, when the caller has just read it); None otherwise.
    Its sentences are in `lang`, else in the language of the request being answered."""
    if not (consent_active(user) if consent is None else consent):
        return None
    lang = lang or display_language()
    if reading is not None:
        plan = rules.in_language(reading.plan, lang)
    else:
        plan = plan_for_user(user, now, lang)
    return plan, recheck_asked_at(user, plan)


def today_on(request: HttpRequest, now: datetime, consent: bool | None = None) -> Today:
    """Today's reading for the signed-in person, in the request's language, shared with
    `request.plan`, so the other parts of the page (the assigned routines in the navigation) do
    not work it out again; `consent`: whether it is in force, if the page has read it."""
    user = request.user
    reading = today_reading(user, now, display_language())
    request.plan = RequestPlan(  # type: ignore[attr-defined]
        lambda: today_for(user, now, reading=reading, consent=consent)
    )
    return reading
