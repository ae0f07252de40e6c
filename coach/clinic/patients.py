"""The clinician's patient list: one row per person sharing with them, worked out in a few
aggregate queries whatever the number of people or the length of their histories. Each query
reads only the windows it needs (the last 28 days, or one row per person through an index),
so the cost follows the number of patients, never their years of history.

Decisions where the issue leaves room (the numbers are named below):
- Sessions against the plan: finished sessions over 7 and 28 days against the plan's asks,
  one session a day of the routine the plan is built around plus each assigned routine's
  times a day.
- Trend of leg and back pain: the average of the last 7 days against the 21 days before;
  a change of 2 points or 30% counts (clinical brief section 2's meaningful change).
- How far down the leg: the furthest reach (either leg) averaged the same way; a level or
  more further down is spreading, a level or more back up is retreating (section 3).
- Flags: a Tier A answer (seek emergency care) in the last 28 days, or a latest safety
  screen asking to see a clinician (Tier B); worse on each of the last 3 days (leg pain 2
  points above, or symptoms a level further down than, the 28 days before); no session or
  check-in for 3 days.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Greatest
from django.utils import timezone

from coach.accounts.models import ScreeningResponse
from coach.diary.models import CheckIn
from coach.practice.models import AssignedRoutine, ExerciseOutcome, PracticeSession

from .models import Share

RECENT_DAYS, LONG_DAYS = 7, 28
MEANINGFUL_POINTS, MEANINGFUL_SHARE = 2, 0.3
WORSE_DAYS = 3
INACTIVE_DAYS = 3
PAGE_SIZE = 100


@dataclass
class PatientRow:
    share_id: int
    clinic_id: int
    patient_id: int
    email: str
    since: datetime
    last_activity: datetime | None = None
    done7: int = 0
    done28: int = 0
    planned_per_day: int = 1
    hurt7: int = 0
    leg: str = "no check-ins"
    back: str = "no check-ins"
    extent: str = "no check-ins"
    leg_latest: float | None = None
    flags: list[str] = field(default_factory=list)

    @property
    def planned7(self) -> int:
        return self.planned_per_day * RECENT_DAYS

    @property
    def planned28(self) -> int:
        return self.planned_per_day * LONG_DAYS

    @property
    def adherence7(self) -> float:
        return min(1.0, self.done7 / self.planned7)

    @property
    def adherence28(self) -> float:
        return min(1.0, self.done28 / self.planned28)


def shares_of(clinician, clinic_ids: Sequence[int]) -> QuerySet[Share]:
    return Share.objects.filter(
        clinician=clinician, stopped_at__isnull=True, clinic_id__in=clinic_ids
    )


def _latest(model, stamp: str, value: str, **where) -> Subquery:
    rows = model.objects.filter(user_id=OuterRef("patient_id"), **where).order_by(f"-{stamp}")
    return Subquery(rows.values(value)[:1])


def patient_rows(clinician, clinic_ids: Sequence[int], now: datetime | None = None) -> list:
    """Every person sharing with the clinician, with their figures (six or seven queries)."""
    now = now or timezone.now()
    shares = shares_of(clinician, clinic_ids)
    base = shares.annotate(
        last_screen=_latest(ScreeningResponse, "answered_at", "outcome", kind="full")
    ).values_list("id", "clinic_id", "patient_id", "patient__email", "started_at", "last_screen")
    rows: dict[int, PatientRow] = {}
    screens: dict[int, str | None] = {}
    for sid, cid, pid, email, since, screen in base:
        rows[pid] = PatientRow(sid, cid, pid, email, since)
        screens[pid] = screen
    people = shares.values("patient_id")
    _sessions(rows, people, now)
    _checkins(rows, people, now)
    _quiet_for_long(rows)
    _screens(rows, people, screens, now)
    _plans(rows, people)
    for row in rows.values():
        if row.last_activity is None or row.last_activity < now - timedelta(days=INACTIVE_DAYS):
            row.flags.append(f"No activity for {INACTIVE_DAYS} days")
    return list(rows.values())


def _seen(row: PatientRow, at: datetime | None) -> None:
    if at is not None and (row.last_activity is None or at > row.last_activity):
        row.last_activity = at


def _sessions(rows: dict[int, PatientRow], people, now: datetime) -> None:
    week, month = now - timedelta(days=RECENT_DAYS), now - timedelta(days=LONG_DAYS)
    found = (
        PracticeSession.objects.filter(user_id__in=people, started_at__gte=month)
        .values("user_id")
        .annotate(
            done28=Count("id", filter=Q(completed=True)),
            done7=Count("id", filter=Q(completed=True, started_at__gte=week)),
            last=Max("started_at"),
        )
    )
    for pid, done28, done7, last in found.values_list("user_id", "done28", "done7", "last"):
        rows[pid].done28, rows[pid].done7 = done28, done7
        _seen(rows[pid], last)
    hurt = (
        ExerciseOutcome.objects.filter(session__user_id__in=people, session__started_at__gte=week)
        .filter(Q(outcome="hurt") | Q(spread=True), session__quarantined=False)
        .values("session__user_id")
        .annotate(n=Count("id"))
    )
    for pid, n in hurt.values_list("session__user_id", "n"):
        rows[pid].hurt7 = n


def _quiet_for_long(rows: dict[int, PatientRow]) -> None:
    """The last activity of those with none in the windows read (usually nobody)."""
    quiet = [pid for pid, row in rows.items() if row.last_activity is None]
    if not quiet:
        return
    for model, stamp in ((PracticeSession, "started_at"), (CheckIn, "at")):
        found = model.objects.filter(user_id__in=quiet).values("user_id").annotate(last=Max(stamp))
        for pid, last in found.values_list("user_id", "last"):
            _seen(rows[pid], last)


def _change(recent: float | None, before: float | None, *, points: float, share: float) -> str:
    if recent is None:
        return "no check-ins"
    if before is None:
        return "too early to tell"
    diff = recent - before
    if diff <= -points or (before and diff <= -share * before):
        return "improving"
    if diff >= points:
        return "worse"
    return "about the same"


@dataclass
class Bucket:
    """Check-ins of one person in one stretch of time, summed."""

    n: int = 0
    leg: int = 0
    back: int = 0
    reach: int = 0
    min_leg: int | None = None
    min_reach: int | None = None

    def add(self, other: "Bucket") -> "Bucket":
        return Bucket(
            self.n + other.n,
            self.leg + other.leg,
            self.back + other.back,
            self.reach + other.reach,
            _low(self.min_leg, other.min_leg),
            _low(self.min_reach, other.min_reach),
        )

    def mean(self, what: str) -> float | None:
        return getattr(self, what) / self.n if self.n else None


def _low(a: int | None, b: int | None) -> int | None:
    return min((v for v in (a, b) if v is not None), default=None)


def _buckets(now: datetime) -> tuple[list[tuple[str, datetime]], datetime]:
    """The stretches of time check-ins fall in, newest first, with the start of each: today,
    yesterday and the day before (local days, for 'worse for 3 days'), the rest of the last 7
    days, the 21 days before (the trend's baseline), and the days before those back to 28
    days before the three (the baseline of 'worse')."""
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    days = [today - timedelta(days=n) for n in range(WORSE_DAYS)]
    week, month = now - timedelta(days=RECENT_DAYS), now - timedelta(days=LONG_DAYS)
    start = min(days[-1] - timedelta(days=LONG_DAYS), month)
    return [
        ("d0", days[0]),
        ("d1", days[1]),
        ("d2", days[2]),
        ("r", week),
        ("b", month),
        ("o", start),
    ], start


def _checkins(rows: dict[int, PatientRow], people, now: datetime) -> None:
    """One row per person and stretch of time (at most six each): counts, sums and lows;
    and each person's latest check-in."""
    edges, start = _buckets(now)
    bucket = Case(
        *(When(at__gte=edge, then=Value(name)) for name, edge in edges),
        output_field=CharField(),
    )
    reach = Greatest(F("extent_left"), F("extent_right"))
    found = (
        CheckIn.objects.filter(user_id__in=people, at__gte=start, at__lte=now)
        .annotate(bucket=bucket, reach=reach)
        .values("user_id", "bucket")
        .annotate(
            n=Count("id"),
            leg=Sum("leg_pain"),
            back=Sum("back_pain"),
            reach_sum=Sum("reach"),
            min_leg=Min("leg_pain"),
            min_reach=Min("reach"),
        )
        .values_list("user_id", "bucket", "n", "leg", "back", "reach_sum", "min_leg", "min_reach")
    )
    per: dict[int, dict[str, Bucket]] = {}
    with connection.cursor() as cursor:  # plain numbers: no per-value conversion needed
        cursor.execute(*found.query.sql_with_params())
        counted = cursor.fetchall()
    for pid, name, n, leg, back, reach_sum, min_leg, min_reach in counted:
        per.setdefault(pid, {})[name] = Bucket(n, leg, back, reach_sum, min_leg, min_reach)
    for pid, b in per.items():
        _trends(rows[pid], b)
    # Apart, so only one time per person is converted (not one per stretch of time).
    latest = (
        CheckIn.objects.filter(user_id__in=people, at__gte=start, at__lte=now)
        .values("user_id")
        .annotate(last=Max("at"))
        .values_list("user_id", "last")
    )
    for pid, last in latest:
        _seen(rows[pid], last)


def _trends(row: PatientRow, b: dict[str, Bucket]) -> None:
    none = Bucket()
    recent = b.get("d0", none).add(b.get("d1", none)).add(b.get("d2", none)).add(b.get("r", none))
    before = b.get("b", none)
    baseline = b.get("r", none).add(before).add(b.get("o", none))
    pain = {"points": MEANINGFUL_POINTS, "share": MEANINGFUL_SHARE}
    row.leg_latest = recent.mean("leg")
    row.leg = _change(recent.mean("leg"), before.mean("leg"), **pain)
    row.back = _change(recent.mean("back"), before.mean("back"), **pain)
    word = _change(recent.mean("reach"), before.mean("reach"), points=1, share=0)
    row.extent = {"worse": "spreading", "improving": "retreating"}.get(word, word)
    if _worse_each_day([b.get(f"d{i}", none) for i in range(WORSE_DAYS)], baseline):
        row.flags.append(f"Worse for {WORSE_DAYS} days")


def _worse_each_day(days: list[Bucket], baseline: Bucket) -> bool:
    """Each day has a check-in, and even its best one is worse than the baseline: leg pain
    2 points above its average, or symptoms a level further down the leg."""
    leg, reach = baseline.mean("leg"), baseline.mean("reach")
    if leg is None or reach is None:
        return False
    for day in days:
        if not day.n or day.min_leg is None or day.min_reach is None:
            return False
        if day.min_leg < leg + MEANINGFUL_POINTS and day.min_reach < reach + 1:
            return False
    return True


def _screens(rows: dict[int, PatientRow], people, latest: dict, now: datetime) -> None:
    month = now - timedelta(days=LONG_DAYS)
    tier_a = set(
        ScreeningResponse.objects.filter(
            user_id__in=people, answered_at__gte=month, outcome="emergency"
        ).values_list("user_id", flat=True)
    )
    for pid, row in rows.items():
        if pid in tier_a:
            row.flags.insert(0, "Tier A answer")
        elif latest.get(pid) in ("see-clinician", "cleared-by-clinician"):
            row.flags.insert(0, "Tier B answer")


def _plans(rows: dict[int, PatientRow], people) -> None:
    found = (
        AssignedRoutine.objects.filter(user_id__in=people, current=True)
        .values("user_id")
        .annotate(times=Sum("times_per_day"))
    )
    for r in found:
        rows[r["user_id"]].planned_per_day += r["times"] or 0


def sort_and_filter(rows: list[PatientRow], sort: str, show: str, q: str) -> list[PatientRow]:
    """The rows the clinician asked for, in their order (over per-person figures only)."""
    if q:
        rows = [r for r in rows if q.lower() in r.email.lower()]
    tests = {
        "flagged": lambda r: bool(r.flags),
        "tier": lambda r: any(f.startswith("Tier") for f in r.flags),
        "worse": lambda r: any(f.startswith("Worse") for f in r.flags),
        "inactive": lambda r: any(f.startswith("No activity") for f in r.flags),
    }
    if show in tests:
        rows = [r for r in rows if tests[show](r)]
    never = datetime.min.replace(tzinfo=timezone.get_current_timezone())
    order = {
        "activity": (lambda r: r.last_activity or never, True),
        "adherence7": (lambda r: r.adherence7, False),
        "adherence28": (lambda r: r.adherence28, False),
        "leg": (
            lambda r: (
                ("worse", "about the same").index(r.leg)
                if r.leg in ("worse", "about the same")
                else 2
            ),
            False,
        ),
        "email": (lambda r: r.email, False),
    }
    if sort in order:
        key, reverse = order[sort]
        return sorted(rows, key=key, reverse=reverse)
    return sorted(rows, key=lambda r: (_severity(r), -len(r.flags), r.last_activity or never))


SEVERITY = ("Tier A", "Tier B", "Worse", "No activity")
"""Flags in the order a clinician would want to see them first."""


def _severity(row: PatientRow) -> int:
    ranks = [i for i, start in enumerate(SEVERITY) for f in row.flags if f.startswith(start)]
    return min(ranks, default=len(SEVERITY))
