"""Custom routines in the shell: the compose form's fields turned into the core's data (and its
problems back into the form's fields), and the assignment kept as versions in practice's
AssignedRoutine, which the person's plan reads."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coach.lib.language import display_catalogue, display_language
from coach.practice.models import AssignedRoutine
from coach.reminders import planning
from stretching import catalogue, i18n
from stretching.custom import (
    SIDES,
    TIMES_OF_DAY,
    CustomRoutine,
    CustomRoutineError,
    read_custom,
    routine_catalogue,
)

from .models import Share

ROWS = 10
"""Exercise rows on the compose form (the core allows up to 12; empty rows are left out)."""
ROW_FIELDS = ("exercise_id", "sides", "hold_seconds", "repetitions", "rest_seconds", "note")
NUMBERS = ("hold_seconds", "repetitions", "rest_seconds")
LABELS = {
    "exercise_id": gettext_lazy("exercise"),
    "sides": gettext_lazy("sides"),
    "hold_seconds": gettext_lazy("hold (s)"),
    "repetitions": gettext_lazy("repetitions"),
    "rest_seconds": gettext_lazy("rest (s)"),
    "note": gettext_lazy("note"),
    "name": gettext_lazy("Name"),
    "summary": gettext_lazy("Summary"),
    "times_per_day": gettext_lazy("Times a day"),
    "time_of_day": gettext_lazy("Time of day"),
    "exercises": gettext_lazy("Exercises"),
    "id": gettext_lazy("Routine"),
}
SIDE_WORDS = {
    "each": gettext_lazy("one side, then the other"),
    "alternate": gettext_lazy("left and right in turn"),
    "both": gettext_lazy("both legs together"),
}
"""The core's SIDES in the page's language."""
TIME_WORDS = {
    "any": gettext_lazy("any"),
    "morning": gettext_lazy("morning"),
    "evening": gettext_lazy("evening"),
}
"""The core's TIMES_OF_DAY in the page's language."""


def side_text(sides: str) -> str:
    return str(SIDE_WORDS.get(sides, SIDES.get(sides, sides)))


@dataclass
class ComposeForm:
    """What the clinician typed, row by row, and the problems the core found, by form field."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "index": i,
                "number": i + 1,
                **{f: self.values.get(f"ex-{i}-{f}", "") for f in ROW_FIELDS},
                "errors": {f: self.errors.get(f"ex-{i}-{f}", []) for f in ROW_FIELDS},
            }
            for i in range(ROWS)
        ]


def form_from_post(post: Mapping[str, str]) -> ComposeForm:
    keys = ["name", "summary", "times_per_day", "time_of_day"]
    keys += [f"ex-{i}-{f}" for i in range(ROWS) for f in ROW_FIELDS]
    return ComposeForm({k: str(post.get(k, ""))[:300].strip() for k in keys})


def form_from_routine(routine: CustomRoutine) -> ComposeForm:
    values = {
        "name": routine.name,
        "summary": routine.summary,
        "times_per_day": str(routine.times_per_day),
        "time_of_day": routine.time_of_day,
    }
    for i, item in enumerate(routine.exercises):
        for f in ROW_FIELDS:
            value = getattr(item, f)
            values[f"ex-{i}-{f}"] = "" if value is None else str(value)
    return ComposeForm(values)


def _number(text: str) -> Any:
    return int(text) if text.isascii() and text.isdigit() else text


def data_from_form(form: ComposeForm) -> tuple[dict[str, Any], list[int]]:
    """The core's data, and for each of its exercises the form row it came from. A blank
    number is left out (the catalogue's own dose)."""
    v = form.values
    data: dict[str, Any] = {"name": v["name"], "exercises": []}
    if v["summary"]:
        data["summary"] = v["summary"]
    data["times_per_day"] = _number(v["times_per_day"]) if v["times_per_day"] else 1
    data["time_of_day"] = v["time_of_day"] or "any"
    rows = []
    for i in range(ROWS):
        if not v[f"ex-{i}-exercise_id"]:
            continue
        entry: dict[str, Any] = {"exercise_id": v[f"ex-{i}-exercise_id"]}
        for f in ("sides", "note"):
            if v[f"ex-{i}-{f}"]:
                entry[f] = v[f"ex-{i}-{f}"]
        for f in NUMBERS:
            if v[f"ex-{i}-{f}"]:
                entry[f] = _number(v[f"ex-{i}-{f}"])
        data["exercises"].append(entry)
        rows.append(i)
    return data, rows


def check(form: ComposeForm, routine_id: str) -> CustomRoutine | None:
    """The routine, or None with the core's problems put on the form's fields."""
    data, rows = data_from_form(form)
    try:
        return read_custom(data, catalogue.default(), routine_id)
    except CustomRoutineError as exc:
        for p in exc.problems:
            key, where = _form_field(p.field, rows)
            form.errors.setdefault(key, []).append(p.message)
            form.summary.append(f"{where}: {p.message}")
        return None


def _form_field(core_field: str, rows: list[int]) -> tuple[str, str]:
    """'exercises[2].hold_seconds' -> ('ex-4-hold_seconds', 'Row 5, hold (s)')."""
    if core_field.startswith("exercises[") and "]" in core_field:
        index = int(core_field[len("exercises[") : core_field.index("]")])
        name = core_field.partition("].")[2] or "exercise_id"
        row = rows[index] if index < len(rows) else index
        where = _("Row %(number)s, %(field)s") % {
            "number": row + 1,
            "field": LABELS.get(name, name),
        }
        return f"ex-{row}-{name}", where
    return core_field, str(LABELS.get(core_field, core_field))


def choices() -> dict[str, Any]:
    """The compose form's choices, named in the page's language."""
    cat, lang = display_catalogue(), display_language()
    return {
        "exercises": sorted(
            (
                {"id": e.id, "name": e.name, "dose": i18n.dose_text(e.dose, lang)}
                for e in cat.exercises.values()
            ),
            key=lambda e: e["name"],
        ),
        "sides": [(value, side_text(value)) for value in SIDES],
        "times_of_day": [(value, str(TIME_WORDS.get(value, value))) for value in TIMES_OF_DAY],
    }


def new_routine_id(patient_id: int) -> str:
    taken = set(AssignedRoutine.objects.values_list("routine_id", flat=True).distinct())
    n = 1
    while f"clinic-{patient_id}-{n}" in taken:
        n += 1
    return f"clinic-{patient_id}-{n}"


@transaction.atomic
def routine_assign(*, share: Share, routine: CustomRoutine, clinician) -> AssignedRoutine:
    """Assign the routine (checked by the core) to the person: a new version of it, which
    their plan and Today read from now on; earlier versions stay as its history."""
    earlier = list(
        AssignedRoutine.objects.select_for_update()
        .filter(routine_id=routine.id)
        .order_by("-version")
    )
    if earlier and earlier[0].user_id != share.patient_id:
        raise ValueError("That routine belongs to somebody else.")
    AssignedRoutine.objects.filter(routine_id=routine.id, current=True).update(current=False)
    assigned = AssignedRoutine.objects.create(
        user_id=share.patient_id,
        routine_id=routine.id,
        version=earlier[0].version + 1 if earlier else 1,
        data=routine.to_json(),
        times_per_day=routine.times_per_day,
        current=True,
        assigned_by=clinician,
        assigned_by_label=f"{clinician.email}, {share.clinic.name}",
        created_at=timezone.now(),
    )
    planning.replan(user=share.patient_id, now=assigned.created_at)  # its reminders
    return assigned


@transaction.atomic
def routine_unassign(*, share: Share, routine_id: str) -> int:
    """Take the routine off the person's plan (and its reminders); its versions stay as its
    history."""
    taken = AssignedRoutine.objects.filter(
        user_id=share.patient_id, routine_id=routine_id, current=True
    ).update(current=False)
    planning.replan(user=share.patient_id, now=timezone.now())
    return taken


def current_version(patient_id: int, routine_id: str) -> AssignedRoutine | None:
    return AssignedRoutine.objects.filter(
        user_id=patient_id, routine_id=routine_id, current=True
    ).first()


@dataclass(frozen=True)
class Line:
    """One stretch of a custom routine as pages and the handout show it."""

    exercise_id: str
    name: str
    dose: str
    sides: str
    note: str


def lines(routine: CustomRoutine) -> list[Line]:
    """The routine's stretches with the clinician's doses, in the page's language."""
    cat = routine_catalogue(catalogue.default(), routine)
    names, lang = display_catalogue().exercises, display_language()
    return [
        Line(
            item.exercise_id,
            names[item.exercise_id].name,
            i18n.dose_text(cat.exercises[item.exercise_id].dose, lang),
            side_text(item.sides),
            item.note,
        )
        for item in routine.exercises
    ]
