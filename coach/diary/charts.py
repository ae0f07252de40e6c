"""Server-drawn SVG charts: geometry computed here, markup in diary/_chart.html.

Sizes are in SVG user units; the SVG scales to the page width, so at phone size one unit is
about one CSS pixel and 12-unit labels stay readable. Every word, date and number is in the
page's language.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from math import ceil

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext, ngettext, pgettext

from .words import extent_word

WIDTH = 360
HEIGHT = 200
TOP, RIGHT, BOTTOM = 12, 10, 26


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    title: str


@dataclass(frozen=True)
class Series:
    name: str
    css: str
    points: str
    dots: tuple[Dot, ...]
    dashed: bool = False
    radius: float = 3.5


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    title: str


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass
class Chart:
    id: str
    title: str
    description: str
    left: int
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def right(self) -> int:
        return self.width - RIGHT

    @property
    def top(self) -> int:
        return TOP

    @property
    def bottom(self) -> int:
        return self.height - BOTTOM

    @property
    def empty(self) -> bool:
        return not any(s.dots for s in self.series) and not any(b.height for b in self.bars)


def _r(v: float) -> float:
    return round(v, 1)


class _Frame:
    """Maps time and values to the plot area of a chart."""

    def __init__(self, chart: Chart, start: datetime, end: datetime, top_value: float):
        self.c, self.start, self.span = chart, start, (end - start).total_seconds()
        self.top_value = top_value

    def x(self, when: datetime) -> float:
        share = (when - self.start).total_seconds() / self.span
        return _r(self.c.left + share * (self.c.right - self.c.left))

    def y(self, value: float) -> float:
        return _r(self.c.bottom - value / self.top_value * (self.c.bottom - self.c.top))


def _day_label(d: date) -> str:
    """'16 Nov' (Spanish: '16 nov')."""
    return date_format(d, pgettext("date format", "j M"))


def week_label(monday: date) -> str:
    """'Week of 3 Nov 2025' (Spanish: 'Semana del 3 nov 2025')."""
    return gettext("Week of %(day)s") % {
        "day": date_format(monday, pgettext("date format", "j M Y"))
    }


def _month_label(d: date) -> str:
    """'Nov 2025' (Spanish: 'nov 2025')."""
    return date_format(d, pgettext("date format", "M Y"))


def _number(v: float) -> str:
    """5, or 4.5 (Spanish: 4,5): a whole number without decimals."""
    return str(int(v)) if float(v).is_integer() else number_format(round(v, 1))


MIN_LABEL_GAP = 44
"""Units between the centres of two day labels ("16 Nov" is about 38 wide at 12 units)."""


MONTHS_FROM_DAYS = 120
"""Spans longer than this are labelled by month ("Nov 2025") instead of by day."""
MIN_MONTH_GAP = 64


def _x_ticks(frame: _Frame, first_day: date, days: int) -> list[Tick]:
    if days > MONTHS_FROM_DAYS:
        return _month_ticks(frame, first_day, days)
    step = 1 if days <= 7 else 7 if days <= 31 else 15
    per_day = (frame.c.right - frame.c.left) / days
    while per_day * step < MIN_LABEL_GAP:  # a narrower plot (long y labels) takes fewer
        step += 1
    ticks = []
    for i in range(0, days, step):
        day = first_day + timedelta(days=i)
        noon = frame.start + timedelta(days=i, hours=12)
        ticks.append(Tick(frame.x(noon), _day_label(day)))
    return ticks


def _month_ticks(frame: _Frame, first_day: date, days: int) -> list[Tick]:
    """A label at the start of every month (or every few, where they would crowd)."""
    months, month = [], first_day.replace(day=1)
    while month < first_day + timedelta(days=days):
        if month >= first_day:
            months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    per_month = (frame.c.right - frame.c.left) * 30.4 / days
    step = max(1, ceil(MIN_MONTH_GAP / per_month))
    return [Tick(frame.x(frame.start + (m - first_day)), _month_label(m)) for m in months[::step]]


def _series(
    frame: _Frame,
    name: str,
    css: str,
    values: Sequence[tuple[datetime, float, str]],
    dashed: bool = False,
) -> Series:
    dots = tuple(
        Dot(
            frame.x(at),
            frame.y(v),
            gettext("%(when)s: %(what)s %(value)s")
            % {"when": label, "what": name.lower(), "value": _number(v)},
        )
        for at, v, label in values
    )
    radius = 3.5 if len(dots) <= 31 else 2.5  # smaller dots where they would overlap
    return Series(name, css, " ".join(f"{d.x},{d.y}" for d in dots), dots, dashed, radius)


PER_CHECKIN = "at each check-in"
PER_WEEK = "averaged over each week"
FURTHEST_PER_WEEK = "at its furthest each week"
"""What each point of a chart stands for; the description says it in the page's language."""


def _pain_description(per: str) -> str:
    if per == PER_WEEK:
        return gettext("Pain from 0 (none) to 10 averaged over each week.")
    return gettext("Pain from 0 (none) to 10 at each check-in.")


def _extent_description(per: str) -> str:
    if per in (PER_WEEK, FURTHEST_PER_WEEK):
        return gettext("The furthest place symptoms reach in each leg at its furthest each week.")
    return gettext("The furthest place symptoms reach in each leg at each check-in.")


def _extent_left(labels: Sequence[str]) -> int:
    """Room for the longest label on the left (about 6.4 units a letter at 12 units)."""
    return max(96, ceil(6.4 * max(len(label) for label in labels)) + 6)


def pain_chart(
    checkins: Sequence,
    start: datetime,
    end: datetime,
    days: int,
    when: Callable[[datetime], str],
    per: str = PER_CHECKIN,
) -> Chart:
    """Leg pain (solid) and back pain (dashed), 0-10, one dot per check-in (or per week)."""
    chart = Chart("pain", gettext("Leg and back pain"), _pain_description(per), left=30)
    frame = _Frame(chart, start, end, 10)
    chart.y_ticks = [Tick(frame.y(v), str(v)) for v in (0, 2, 4, 6, 8, 10)]
    chart.x_ticks = _x_ticks(frame, start.date(), days)
    chart.series = [
        _series(
            frame, gettext("Leg pain"), "leg", [(c.at, c.leg_pain, when(c.at)) for c in checkins]
        ),
        _series(
            frame,
            gettext("Back pain"),
            "back",
            [(c.at, c.back_pain, when(c.at)) for c in checkins],
            dashed=True,
        ),
    ]
    return chart


def extent_chart(
    checkins: Sequence,
    start: datetime,
    end: datetime,
    days: int,
    when: Callable[[datetime], str],
    labels: Sequence[str],
    per: str = PER_CHECKIN,
) -> Chart:
    """How far down each leg symptoms reach, 0 none to 5 foot."""
    shown = [extent_word(label) for label in labels]
    chart = Chart(
        "extent",
        gettext("How far down the leg"),
        _extent_description(per),
        left=_extent_left(shown),
    )
    frame = _Frame(chart, start, end, 5)
    chart.y_ticks = [Tick(frame.y(v), shown[v]) for v in range(6)]
    chart.x_ticks = _x_ticks(frame, start.date(), days)
    chart.series = [
        _series(
            frame,
            gettext("Left leg"),
            "left",
            [(c.at, c.extent_left, when(c.at)) for c in checkins],
        ),
        _series(
            frame,
            gettext("Right leg"),
            "right",
            [(c.at, c.extent_right, when(c.at)) for c in checkins],
            dashed=True,
        ),
    ]
    return chart


def sessions_chart(
    per_day: Sequence[tuple[date, int]], start: datetime, end: datetime, *, weekly: bool = False
) -> Chart:
    """Finished sessions per day, one bar a day (or per week, one bar a week)."""
    days = len(per_day) * (7 if weekly else 1)
    if weekly:
        title = gettext("Sessions per week")
        description = gettext("How many sessions you played each week.")
    else:
        title = gettext("Sessions per day")
        description = gettext("How many sessions you played each day.")
    chart = Chart("sessions", title, description, left=30)
    most = max([n for _, n in per_day] + [2])
    step = max(1, ceil(most / 4))
    top = step * ceil(most / step)
    frame = _Frame(chart, start, end, top)
    chart.y_ticks = [Tick(frame.y(v), str(v)) for v in range(0, top + 1, step)]
    chart.x_ticks = _x_ticks(frame, start.date(), days)
    slot = (chart.right - chart.left) / len(per_day)
    for i, (day, n) in enumerate(per_day):
        height = _r(chart.bottom - frame.y(n))
        chart.bars.append(
            Bar(
                _r(chart.left + i * slot + slot * 0.15),
                frame.y(n),
                _r(slot * 0.7),
                height,
                ngettext("%(when)s: %(count)s session", "%(when)s: %(count)s sessions", n)
                % {"when": week_label(day) if weekly else _day_label(day), "count": n},
            )
        )
    return chart
