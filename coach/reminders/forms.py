"""The reminder settings form and the small forms beside it (pause, snooze, the tips opt-in).
The rules for the chosen times are the core's (stretching.reminders.problems)."""

import re
from datetime import time
from typing import Any
from zoneinfo import available_timezones

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from stretching import reminders
from stretching.reminders import REMINDERS, Reminder, Schedule

LABELS = {
    "morning-hamstring": gettext_lazy("Morning hamstring stretch (once, in the morning)"),
    "hamstring-trio": gettext_lazy("Hamstring trio (twice a day)"),
    "relief": gettext_lazy("Relief sequence (1 to 10 times a day, while the plan is in relief)"),
    "warm-up": gettext_lazy("Daily warm-up (once a day, once the plan has moved on to it)"),
}
NAMES = {
    "morning-hamstring": gettext_lazy("Morning hamstring"),
    "hamstring-trio": gettext_lazy("Hamstring trio"),
    "relief": gettext_lazy("Relief"),
    "warm-up": gettext_lazy("Warm up"),
}
"""The reminders as the core's problems name them (`_label`: the id, capitalised)."""
WEEKDAYS = [
    (0, pgettext_lazy("weekday", "Mon")), (1, pgettext_lazy("weekday", "Tue")),
    (2, pgettext_lazy("weekday", "Wed")), (3, pgettext_lazy("weekday", "Thu")),
    (4, pgettext_lazy("weekday", "Fri")), (5, pgettext_lazy("weekday", "Sat")),
    (6, pgettext_lazy("weekday", "Sun")),
]  # fmt: skip
PAUSE_CHOICES = [
    (1, gettext_lazy("1 day")), (3, gettext_lazy("3 days")), (7, gettext_lazy("a week")),
    (14, gettext_lazy("two weeks")),
]  # fmt: skip
SNOOZE_CHOICES = [
    (15, gettext_lazy("15 minutes")), (30, gettext_lazy("30 minutes")),
    (60, gettext_lazy("an hour")), (120, gettext_lazy("two hours")),
]  # fmt: skip


def problem_text(problem: str, assigned: tuple[Reminder, ...] = ()) -> str:
    """One of the core's problems with the chosen times (stretching.reminders.problems, in
    English) in the page's language; one it does not know stays as written. An assigned
    routine is named as its clinician named it."""
    if problem == "Choose at least one day of the week.":
        return _("Choose at least one day of the week.")
    if m := re.fullmatch(r"'(.*)' is not a time zone we know\.", problem):
        return _("'%(zone)s' is not a time zone we know.") % {"zone": m[1]}
    label, sep, rest = problem.partition(": ")
    names: dict[str, str] = {reminders.label(r): str(NAMES[r.id]) for r in REMINDERS}
    names |= {reminders.label(r): r.name for r in assigned}
    if not sep or label not in names:
        return problem
    name = names[label]
    if rest == "the same time is chosen twice.":
        said = _("the same time is chosen twice.")
    elif rest == "a time falls in your quiet hours.":
        said = _("a time falls in your quiet hours.")
    elif m := re.fullmatch(r"choose a time between (\S+) and (\S+)\.", rest):
        said = _("choose a time between %(start)s and %(end)s.") % {"start": m[1], "end": m[2]}
    elif m := re.fullmatch(r"choose (\d+) times?, or none to turn it off\.", rest):
        n = int(m[1])
        said = ngettext(
            "choose %(count)d time, or none to turn it off.",
            "choose %(count)d times, or none to turn it off.",
            n,
        ) % {"count": n}
    elif m := re.fullmatch(r"choose (\d+) to (\d+) times, or none to turn it off\.", rest):
        said = _("choose %(low)s to %(high)s times, or none to turn it off.") % {
            "low": m[1],
            "high": m[2],
        }
    else:
        return problem
    return f"{name}: {said}"


def times_field(name: str) -> str:
    """The form field of a reminder's times: `times_relief`, `times_routine_morning_set`."""
    return "times_" + name.replace("-", "_").replace(":", "_")


def assigned_label(reminder: Reminder) -> str:
    n = reminder.max_times
    return ngettext(
        "%(name)s, from your clinician (once a day)",
        "%(name)s, from your clinician (%(count)d times a day)",
        n,
    ) % {"name": reminder.name, "count": n}


def parse_times(text: str) -> tuple[time, ...]:
    """'07:30, 18:00' as times; raises ValueError naming the first it cannot read."""
    found = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            found.append(time.fromisoformat(part).replace(second=0, microsecond=0))
        except ValueError:
            raise ValueError(_("'%(part)s' is not a time like 07:30.") % {"part": part}) from None
    return tuple(found)


class ReminderSettingsForm(forms.Form):
    zone = forms.CharField(
        label=gettext_lazy("Time zone"),
        max_length=64,
        help_text=gettext_lazy(
            "Filled in from this device when you first open the page; change it if you travel."
        ),
    )
    days = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Days"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    quiet_start = forms.TimeField(label=gettext_lazy("Quiet hours from"), required=False)
    quiet_end = forms.TimeField(label=gettext_lazy("Quiet hours until"), required=False)
    follow_up = forms.BooleanField(
        label=gettext_lazy("One gentle follow-up if a reminder passes undone"), required=False
    )
    email = forms.BooleanField(label=gettext_lazy("By email"), required=False)
    push = forms.BooleanField(
        label=gettext_lazy("As a notification on this device (web push)"), required=False
    )

    def __init__(self, *args: Any, assigned: tuple[Reminder, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.assigned = assigned
        for r in REMINDERS + assigned:
            self.fields[times_field(r.id)] = forms.CharField(
                label=LABELS[r.id] if r.id in LABELS else assigned_label(r),
                required=False,
                help_text=gettext_lazy(
                    "Times like 07:30, separated by commas; empty turns it off."
                ),
            )

    def clean_zone(self) -> str:
        zone = self.cleaned_data["zone"].strip()
        if zone not in available_timezones():
            raise forms.ValidationError(
                _("'%(zone)s' is not a time zone we know.") % {"zone": zone}
            )
        return zone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        times = {}
        for r in REMINDERS + self.assigned:
            name = times_field(r.id)
            try:
                times[r.id] = parse_times(data.get(name) or "")
            except ValueError as exc:
                self.add_error(name, str(exc))
        if self.errors:
            return data
        start, end = data.get("quiet_start"), data.get("quiet_end")
        schedule = Schedule(
            zone=data["zone"],
            times=times,
            days=frozenset(data.get("days") or ()),
            quiet=(start, end) if start and end else None,
            assigned=self.assigned,
        )
        for problem in reminders.problems(schedule):
            self.add_error(None, problem_text(problem, self.assigned))
        cleared = {r.id for r in self.assigned}  # kept empty: off, not "at its usual times"
        data["times"] = {
            rid: [f"{t:%H:%M}" for t in ts] for rid, ts in times.items() if ts or rid in cleared
        }
        return data


class PauseForm(forms.Form):
    days = forms.TypedChoiceField(
        label=gettext_lazy("Pause every reminder for"), choices=PAUSE_CHOICES, coerce=int
    )


class SnoozeForm(forms.Form):
    minutes = forms.TypedChoiceField(
        label=gettext_lazy("Snooze by"), choices=SNOOZE_CHOICES, coerce=int
    )


class TipsForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Your email address"))
    send_time = forms.TimeField(label=gettext_lazy("At"), initial=time(8, 0))
    zone = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)

    def clean_zone(self) -> str:
        zone = (self.cleaned_data.get("zone") or "").strip()
        return zone if zone in available_timezones() else "Europe/London"
