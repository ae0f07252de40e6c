"""`sciatica plan`: a person's plan for today."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any, TextIO

from ..rules import Plan, in_language, presenter
from .people import EXIT_UNKNOWN, PersonPlan, Planner
from .render import dump_json, say, table, when

DUE_FIELDS = "done started minimum maximum still_due text"
PAUSED_FIELDS = "exercise_id name status until sessions_needed reason"
HEADINGS = {
    "es": {
        "Today's plan for {person}, {when}": "Plan de hoy para {person}, {when}",
        "Sessions today": "Sesiones de hoy",
        "ROUTINE": "RUTINA",
        "TODAY": "HOY",
        "STILL DUE": "PENDIENTES",
        "Notes": "Notas",
        "Left out for now": "Fuera por ahora",
        "Building up": "Subiendo poco a poco",
    },
}
"""The command's own headings in another language (the sentences are the rules' own)."""
DOSE_FIELDS = (
    "exercise_id name hold_seconds repetitions page_hold_seconds page_repetitions text rule reason"
)


def _fields(obj: object, names: str) -> dict[str, Any]:
    """The named attributes of `obj`, times as ISO 8601."""
    values = {name: getattr(obj, name) for name in names.split()}
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in values.items()}


def _plan_dict(p: PersonPlan, words: presenter.Presentation, plan: Plan) -> dict[str, Any]:
    return {
        "person": p.person,
        "now": plan.now.isoformat(),
        "mode": plan.mode,
        "routine": words.headline,
        "why": words.why,
        "due": [
            {
                "routine_id": d.routine_id,
                "name": plan.routine_names.get(d.routine_id, d.routine_id),
                **_fields(d, DUE_FIELDS),
            }
            for d in plan.due
        ],
        "paused": [_fields(x, PAUSED_FIELDS) for x in words.paused],
        "doses": [_fields(d, DOSE_FIELDS) for d in words.doses],
        "explanations": [_fields(e, "rule exercise_id text") for e in plan.explanations],
        "safety_check_needed": plan.flags.tier_a_recheck_needed,
        "shortened": plan.flags.shortened,
        "trend": _fields(plan.trend, "verdict reason"),
    }


def cmd_plan(args: argparse.Namespace, out: TextIO, planner: Planner | None = None) -> int:
    """Show a person's plan for today: the routine it is built around and why, what is still
    due, which stretches are left out and until when, and the doses still building up.

    It reads the web app's database. Without --email it plans for the only account there is;
    with several accounts, say whose plan with --email.

    Example: sciatica plan --email you@example.org
    """
    if planner is None:
        print("sciatica: plan needs the app's database.", file=sys.stderr)
        return EXIT_UNKNOWN
    lang = str(getattr(args, "lang", None) or "en")
    p = planner(args.email)
    plan = in_language(p.plan, lang)
    words = presenter.present(plan, p.catalogue, lang=lang)
    if args.json:
        dump_json(_plan_dict(p, words, plan), out)
        return 0
    h = _heading(lang)
    out.write(h("Today's plan for {person}, {when}").format(person=p.person, when=when(plan.now)))
    out.write(f"\n\n{words.headline}\n")
    say(words.why, out)
    out.write(f"\n{h('Sessions today')}\n")
    table(
        [
            [
                plan.routine_names.get(d.routine_id, d.routine_id),
                d.text,
                str(d.still_due) if d.due else "-",
            ]
            for d in plan.due
        ],
        [h("ROUTINE"), h("TODAY"), h("STILL DUE")],
        out,
    )
    _write_changes(words, out, h)
    out.write("\n")
    say(words.trend_line, out, "")
    return 0


def _heading(lang: str) -> Callable[[str], str]:
    table = HEADINGS.get(lang, {})
    return lambda english: table.get(english, english)


def _write_changes(
    words: presenter.Presentation, out: TextIO, h: Callable[[str], str] = str
) -> None:
    """The notes, the stretches left out and the doses building up."""
    if words.notes:
        out.write(f"\n{h('Notes')}\n")
        for e in words.notes:
            say(e.text, out, "- ")
    if words.paused:
        out.write(f"\n{h('Left out for now')}\n")
        for x in words.paused:
            out.write(f"  {x.name}: {x.status[:1].lower() + x.status[1:]}\n")
            say(x.reason, out, "    ")
    if words.doses:
        out.write(f"\n{h('Building up')}\n")
        for d in words.doses:
            out.write(f"  {d.name}: {d.text}\n")
            if not d.at_start:
                say(d.reason, out, "    ")
        say(words.build_up_rule, out)
