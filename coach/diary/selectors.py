"""Reads for the Today and History pages: database rows turned into the core's types."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from coach.practice.models import PracticeSession
from stretching import catalogue, plan_text, rules
from stretching import symptoms as core

from .models import CheckIn


def to_core(c: CheckIn) -> core.CheckIn:
    return core.CheckIn(
        at=c.at, leg_pain=c.leg_pain, back_pain=c.back_pain, extent_left=c.extent_left,
        extent_right=c.extent_right, numbness=c.numbness, weakness=c.weakness,
        context=c.context,  # type: ignore[arg-type]
    )


def to_record(s: PracticeSession) -> rules.SessionRecord:
    return rules.SessionRecord(
        id=s.pk, routine_id=s.routine_id, started_at=s.started_at, ended_at=s.ended_at,
        completed=s.completed,
        outcomes=tuple(
            rules.ExerciseOutcome(o.exercise_id, o.outcome,  # type: ignore[arg-type]
                                  held_seconds=o.held_seconds, spread=o.spread)
            for o in s.outcomes.all()
        ),
    )


def sessions_of(user):
    return PracticeSession.objects.filter(user=user).prefetch_related("outcomes")


def routine_url(routine_id: str) -> str:
    """The routine's page once the practice app names one, else the list of routines."""
    try:
        return reverse("routine", args=[routine_id])
    except NoReverseMatch:
        return reverse("home")


@dataclass(frozen=True)
class DueLine:
    routine_id: str
    name: str
    text: str
    still_due: int
    url: str
    play_url: str


def due_lines(plan: rules.Plan) -> list[DueLine]:
    """What is asked for today and how many sessions are done ("3 of up to 10").

    Shown: the routine the plan is in (relief or warm-up) and any other routine played today.
    """
    lines = []
    for item in plan.due:
        main = item.kind in ("relief", "warm-up") and item.due
        if main or item.started:
            lines.append(DueLine(item.routine_id, plan.routine_names[item.routine_id], item.text,
                                 item.still_due, routine_url(item.routine_id),
                                 reverse("player", args=[item.routine_id])))
    lines.sort(key=lambda line: line.still_due == 0)
    return lines


@dataclass(frozen=True)
class PausedLine:
    exercise_id: str
    name: str
    status: str
    reason: str
    stays_off: bool


@dataclass(frozen=True)
class DoseLine:
    exercise_id: str
    name: str
    text: str
    reason: str
    full: str


@dataclass(frozen=True)
class PlanSummary:
    """Today's plan in the words the Today page shows."""

    mode: str
    headline: str
    why: str
    notes: list[rules.Explanation]
    paused: list[PausedLine]
    doses: list[DoseLine]
    other_doses: list[DoseLine]


def plan_summary(plan: rules.Plan, due: list[DueLine]) -> PlanSummary:
    """Mode and why, the plan-wide sentences, paused stretches and doses below the page's.

    Doses of the routines on Today, and any the person's own history changed, come first; the
    other stretches' usual build-up from the start is listed apart so the page stays short.
    """
    cat = catalogue.default()
    tz = timezone.get_current_timezone()
    paused = [PausedLine(p.exercise_id, cat.exercises[p.exercise_id].name,
                         plan_text.paused_status(p, plan.now, tz), p.reason, p.until is None)
              for p in plan.paused]
    shown = {eid for line in due for eid in plan.routine_exercises.get(line.routine_id, ())}
    doses, others = [], []
    for d in plan.doses:
        ex = cat.exercises[d.exercise_id]
        line = DoseLine(d.exercise_id, ex.name, plan_text.dose_line(d, cat), d.reason,
                        rules.dose_text(ex, d.page_hold_seconds or 0, d.page_repetitions))
        (doses if d.exercise_id in shown or not plan_text.at_start(d) else others).append(line)
    covered = {p.exercise_id for p in plan.paused} | {d.exercise_id for d in plan.doses}
    notes = [e for e in plan.explanations
             if e.rule not in ("graduation", "relapse") and e.exercise_id not in covered]
    return PlanSummary(plan.mode, plan_text.mode_headline(plan, cat),
                       plan_text.mode_why(plan, cat), notes, paused, doses, others)


def trend_for(user, now: datetime) -> core.Trend:
    checkins = [to_core(c) for c in CheckIn.objects.filter(user=user, at__lte=now)]
    return core.trend(checkins, timezone.localtime(now))


def latest_checkin(user) -> CheckIn | None:
    return CheckIn.objects.filter(user=user).first()


def _session_days(user) -> set[date]:
    return {timezone.localdate(s) for s in PracticeSession.objects.filter(user=user, completed=True)
            .values_list("started_at", flat=True)}


def streak_days(user, now: datetime) -> int:
    """[design] Days in a row with at least one finished session, up to today; a day not yet
    practised today does not break it until the day is over."""
    days = _session_days(user)
    day = timezone.localdate(now)
    if day not in days:
        day -= timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def morning_checkin_suggested(user, now: datetime) -> bool:
    """After a day with a session, suggest a check-in the next morning until there is one."""
    today = timezone.localdate(now)
    if today - timedelta(days=1) not in _session_days(user):
        return False
    start = timezone.make_aware(datetime.combine(today, datetime.min.time()))
    return not CheckIn.objects.filter(user=user, at__gte=start, at__lte=now).exists()


def window(days: int, now: datetime) -> tuple[datetime, datetime]:
    """From local midnight `days - 1` days ago to the end of today."""
    today = timezone.localdate(now)
    start = timezone.make_aware(datetime.combine(today - timedelta(days=days - 1),
                                                 datetime.min.time()))
    end = timezone.make_aware(datetime.combine(today + timedelta(days=1), datetime.min.time()))
    return start, end


def checkins_between(user, start: datetime, end: datetime) -> list[CheckIn]:
    return list(CheckIn.objects.filter(user=user, at__gte=start, at__lt=end).order_by("at"))


def sessions_between(user, start: datetime, end: datetime) -> list[PracticeSession]:
    return list(sessions_of(user).filter(started_at__gte=start, started_at__lt=end)
                .order_by("-started_at"))


@dataclass(frozen=True)
class SessionSummary:
    session: PracticeSession
    name: str
    minutes: int
    hurt: list[str]
    skipped: list[str]


def session_summaries(sessions: list[PracticeSession]) -> list[SessionSummary]:
    """Each session with its routine's name and the stretches that hurt or were skipped."""
    cat = catalogue.default()

    def names(s: PracticeSession, outcome: str) -> list[str]:
        found = [cat.exercises[o.exercise_id].name if o.exercise_id in cat.exercises
                 else o.exercise_id for o in s.outcomes.all() if o.outcome == outcome]
        return list(dict.fromkeys(found))

    return [
        SessionSummary(s, cat.routines[s.routine_id].name if s.routine_id in cat.routines
                       else s.routine_id, round(s.practised_seconds / 60),
                       names(s, "hurt"), names(s, "skipped"))
        for s in sessions
    ]
