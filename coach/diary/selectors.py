"""Reads for the Today and History pages: database rows turned into the core's types.

A person's history as the rules read it (sessions with their outcomes, check-ins, overrides)
comes from `session_records`, `checkin_records` and `override_records`, for one person or a
batch: a few queries for any number of people, rows read as plain values."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Avg, Count, IntegerField, Max
from django.db.models.functions import Cast, TruncDate, TruncWeek
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from coach.lib.language import display_catalogue
from coach.practice.models import ExerciseOutcome, PlanOverride, PracticeSession
from stretching import rules
from stretching import symptoms as core
from stretching.rules import presenter

from . import words
from .models import CheckIn


def to_core(c: CheckIn) -> core.CheckIn:
    return core.CheckIn(
        at=c.at,
        leg_pain=c.leg_pain,
        back_pain=c.back_pain,
        extent_left=c.extent_left,
        extent_right=c.extent_right,
        numbness=c.numbness,
        weakness=c.weakness,
        context=c.context,  # type: ignore[arg-type]
    )


def to_record(s: PracticeSession) -> rules.SessionRecord:
    return rules.SessionRecord(
        id=s.pk,
        routine_id=s.routine_id,
        started_at=s.started_at,
        ended_at=s.ended_at,
        completed=s.completed,
        outcomes=tuple(
            rules.ExerciseOutcome(
                o.exercise_id,
                o.outcome,  # type: ignore[arg-type]
                held_seconds=o.held_seconds,
                spread=o.spread,
            )
            for o in s.outcomes.all()
        ),
    )


def sessions_of(user):
    return PracticeSession.objects.filter(user=user).prefetch_related("outcomes")


def session_records(user_ids: Sequence[int], **where: Any) -> dict[int, list[rules.SessionRecord]]:
    """Each person's sessions (newest first, as the replay has always read them) with what
    happened in each stretch; `where` narrows them (`started_at__gte=...`). Two queries."""
    sessions = PracticeSession.objects.filter(user_id__in=user_ids, **where)
    outcomes: dict[int, list[rules.ExerciseOutcome]] = defaultdict(list)
    rows = ExerciseOutcome.objects.filter(
        session__user_id__in=user_ids, **{f"session__{k}": v for k, v in where.items()}
    ).order_by("session_id", "position")
    rows = rows.filter(session__quarantined=False)  # as PracticeSession.objects leaves them out
    for session_id, exercise_id, outcome, held, spread in rows.values_list(
        "session_id", "exercise_id", "outcome", "held_seconds", "spread"
    ):
        outcomes[session_id].append(
            rules.ExerciseOutcome(exercise_id, outcome, held, spread)  # type: ignore[arg-type]
        )
    found: dict[int, list[rules.SessionRecord]] = {uid: [] for uid in user_ids}
    for pk, uid, routine_id, started, ended, completed in sessions.order_by(
        "user_id", "-started_at", "-id"
    ).values_list("id", "user_id", "routine_id", "started_at", "ended_at", "completed"):
        found[uid].append(
            rules.SessionRecord(pk, routine_id, started, ended, tuple(outcomes[pk]), completed)
        )
    return found


def checkin_records(user_ids: Sequence[int], **where: Any) -> dict[int, list[core.CheckIn]]:
    """Each person's check-ins in time order; `where` narrows them. One query."""
    found: dict[int, list[core.CheckIn]] = {uid: [] for uid in user_ids}
    rows = CheckIn.objects.filter(user_id__in=user_ids, **where).order_by("user_id", "at", "id")
    for uid, *fields in rows.values_list("user_id", *CHECKIN_FIELDS):
        found[uid].append(core.CheckIn(**dict(zip(CHECKIN_FIELDS, fields, strict=True))))
    return found


CHECKIN_FIELDS = (
    "at",
    "leg_pain",
    "back_pain",
    "extent_left",
    "extent_right",
    "numbness",
    "weakness",
    "context",
)


def override_records(user_ids: Sequence[int], **where: Any) -> dict[int, list[rules.Override]]:
    """Each person's own overrides in time order; `where` narrows them. One query."""
    found: dict[int, list[rules.Override]] = {uid: [] for uid in user_ids}
    rows = PlanOverride.objects.filter(user_id__in=user_ids, **where).order_by(
        "user_id", "at", "id"
    )
    for uid, at, exercise_id, action in rows.values_list("user_id", "at", "exercise_id", "action"):
        found[uid].append(rules.Override(at, exercise_id, action))  # type: ignore[arg-type]
    return found


@dataclass(frozen=True)
class History:
    """What the rules read about one person."""

    sessions: list[rules.SessionRecord] = field(default_factory=list)
    checkins: list[core.CheckIn] = field(default_factory=list)
    overrides: list[rules.Override] = field(default_factory=list)


def histories(user_ids: Sequence[int]) -> dict[int, History]:
    """Everyone's whole history, in four queries however many people there are."""
    sessions, checkins = session_records(user_ids), checkin_records(user_ids)
    overrides = override_records(user_ids)
    return {uid: History(sessions[uid], checkins[uid], overrides[uid]) for uid in user_ids}


def practice_days(sessions: Iterable[rules.SessionRecord]) -> set[date]:
    """The local days with a finished session."""
    return {timezone.localdate(s.started_at) for s in sessions if s.completed}


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

    Shown: the routine the plan is in (relief or warm-up) and any other routine played today,
    named in the page's language.
    """
    routines = display_catalogue().routines
    lines = []
    for item in plan.due:
        main = item.kind in ("relief", "warm-up") and item.due
        if main or item.started:
            lines.append(
                DueLine(
                    item.routine_id,
                    routines[item.routine_id].name
                    if item.routine_id in routines
                    else plan.routine_names[item.routine_id],
                    item.text,
                    item.still_due,
                    routine_url(item.routine_id),
                    reverse("player", args=[item.routine_id]),
                )
            )
    lines.sort(key=lambda line: line.still_due == 0)
    return lines


def plan_summary(plan: rules.Plan, due: list[DueLine]) -> presenter.Presentation:
    """Today's plan in the words the Today page shows. Doses of the routines on Today, and any
    the person's own history changed, come first; the other stretches' usual build-up from the
    start is listed apart so the page stays short."""
    return presenter.present(plan, display_catalogue(), first=[line.routine_id for line in due])


def latest_checkin(user) -> CheckIn | None:
    return CheckIn.objects.filter(user=user).first()


def morning_checkin_suggested(
    user, now: datetime, *, practised_yesterday: bool, latest: CheckIn | None
) -> bool:
    """After a day with a session, suggest a check-in the next morning until there is one.
    `latest`: the person's latest check-in, as the page read it (None: there is none)."""
    if not practised_yesterday:
        return False
    if latest is None:
        return True
    start = day_start(timezone.localdate(now))
    if latest.at <= now:
        return latest.at < start
    # the latest is stamped later than now (a phone's clock ahead): look for one this morning
    return not CheckIn.objects.filter(user=user, at__gte=start, at__lte=now).exists()


def day_start(day: date) -> datetime:
    """Local midnight at the start of `day`."""
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def window(days: int, now: datetime) -> tuple[datetime, datetime]:
    """From local midnight `days - 1` days ago to the end of today."""
    today = timezone.localdate(now)
    start = timezone.make_aware(
        datetime.combine(today - timedelta(days=days - 1), datetime.min.time())
    )
    end = timezone.make_aware(datetime.combine(today + timedelta(days=1), datetime.min.time()))
    return start, end


def checkins_between(user, start: datetime, end: datetime) -> list[CheckIn]:
    return list(CheckIn.objects.filter(user=user, at__gte=start, at__lt=end).order_by("at"))


def sessions_between(user, start: datetime, end: datetime) -> list[PracticeSession]:
    """Every session started in the window, with its outcomes (the History page lists only
    the latest: `latest_sessions`, and counts in SQL: `sessions_per_day`)."""
    return list(
        sessions_of(user).filter(started_at__gte=start, started_at__lt=end).order_by("-started_at")
    )


SESSIONS_LISTED = 50
"""[design] The History page lists this many of the latest sessions; the charts count them all."""


def latest_sessions(
    user, start: datetime | None, end: datetime, limit: int = SESSIONS_LISTED
) -> tuple[list[PracticeSession], int]:
    """The latest sessions started in the window (with their outcomes), and how many in all."""
    found = PracticeSession.objects.filter(user=user, started_at__lt=end)
    if start is not None:
        found = found.filter(started_at__gte=start)
    latest = list(found.order_by("-started_at").prefetch_related("outcomes")[:limit])
    return latest, found.count()


def sessions_per_day(user, start: datetime, end: datetime) -> dict[date, int]:
    """Finished sessions on each local day of the window, counted by the database."""
    return _per(PracticeSession.objects, user, "started_at", start, end, TruncDate)


def _per(rows, user, field: str, start: datetime | None, end: datetime, trunc) -> dict[date, int]:
    found = rows.filter(user=user, completed=True, **{f"{field}__lt": end})
    if start is not None:
        found = found.filter(**{f"{field}__gte": start})
    bucket = trunc(field, tzinfo=timezone.get_current_timezone())
    counted = found.annotate(bucket=bucket).values("bucket").annotate(n=Count("id"))
    return {_as_date(row["bucket"]): row["n"] for row in counted.order_by("bucket")}


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class Week:
    """One week of the diary, summed up by the database."""

    start: date
    sessions: int = 0
    checkins: int = 0
    leg_pain: float | None = None
    back_pain: float | None = None
    extent_left: int | None = None
    extent_right: int | None = None
    numbness: bool = False
    weakness: bool = False

    @property
    def at(self) -> datetime:
        """Mid-week, where the charts put it."""
        return day_start(self.start) + timedelta(days=3, hours=12)

    @property
    def left_label(self) -> str:
        return words.extent_label(self.extent_left)

    @property
    def right_label(self) -> str:
        return words.extent_label(self.extent_right)


def weeks(user, now: datetime) -> list[Week]:
    """Every week from the first one with a record to this one, oldest first: finished
    sessions, and average pain and the furthest extent of the week's check-ins."""
    zone = timezone.get_current_timezone()
    this_week = _monday(timezone.localdate(now))
    end = day_start(this_week + timedelta(days=7))
    sessions = _per(PracticeSession.objects, user, "started_at", None, end, TruncWeek)
    checkins = {
        _as_date(row["bucket"]): row
        for row in CheckIn.objects.filter(user=user, at__lt=end)
        .annotate(bucket=TruncWeek("at", tzinfo=zone))
        .values("bucket")
        .annotate(
            n=Count("id"),
            leg=Avg("leg_pain"),
            back=Avg("back_pain"),
            left=Max("extent_left"),
            right=Max("extent_right"),
            numb=Max(Cast("numbness", IntegerField())),
            weak=Max(Cast("weakness", IntegerField())),
        )
        .order_by("bucket")
    }
    first = min([*sessions, *checkins, this_week])
    found = []
    for i in range((this_week - first).days // 7 + 1):
        start = first + timedelta(days=7 * i)
        row = checkins.get(start)
        if row is None:
            found.append(Week(start, sessions.get(start, 0)))
            continue
        found.append(
            Week(
                start,
                sessions.get(start, 0),
                row["n"],
                round(row["leg"], 1),
                round(row["back"], 1),
                row["left"],
                row["right"],
                bool(row["numb"]),
                bool(row["weak"]),
            )
        )
    return found


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def latest_checkins(user, limit: int) -> tuple[list[CheckIn], int]:
    """The person's latest check-ins, newest first, and how many there are in all."""
    mine = CheckIn.objects.filter(user=user)
    return list(mine.order_by("-at")[:limit]), mine.count()


@dataclass(frozen=True)
class SessionSummary:
    session: PracticeSession
    name: str
    minutes: int
    hurt: list[str]
    skipped: list[str]


def session_summaries(sessions: list[PracticeSession]) -> list[SessionSummary]:
    """Each session with its routine's name and the stretches that hurt or were skipped, named
    in the page's language."""
    cat = display_catalogue()

    def names(s: PracticeSession, outcome: str) -> list[str]:
        found = [
            cat.exercises[o.exercise_id].name if o.exercise_id in cat.exercises else o.exercise_id
            for o in s.outcomes.all()
            if o.outcome == outcome
        ]
        return list(dict.fromkeys(found))

    return [
        SessionSummary(
            s,
            cat.routines[s.routine_id].name if s.routine_id in cat.routines else s.routine_id,
            round(s.practised_seconds / 60),
            names(s, "hurt"),
            names(s, "skipped"),
        )
        for s in sessions
    ]
