"""`sciatica plan`: a person's plan for today."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any, TextIO

from ..rules import presenter
from .people import EXIT_UNKNOWN, PersonPlan, Planner
from .render import dump_json, say, table, when

DUE_FIELDS = "done started minimum maximum still_due text"
PAUSED_FIELDS = "exercise_id name status until sessions_needed reason"
DOSE_FIELDS = (
    "exercise_id name hold_seconds repetitions page_hold_seconds page_repetitions text rule reason"
)


def _fields(obj: object, names: str) -> dict[str, Any]:
    """The named attributes of `obj`, times as ISO 8601."""
    values = {name: getattr(obj, name) for name in names.split()}
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in values.items()}


def _plan_dict(p: PersonPlan, words: presenter.Presentation) -> dict[str, Any]:
    plan = p.plan
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
    p = planner(args.email)
    words = presenter.present(p.plan, p.catalogue)
    if args.json:
        dump_json(_plan_dict(p, words), out)
        return 0
    plan = p.plan
    out.write(f"Today's plan for {p.person}, {when(plan.now)}\n\n")
    out.write(f"{words.headline}\n")
    say(words.why, out)
    out.write("\nSessions today\n")
    table(
        [
            [
                plan.routine_names.get(d.routine_id, d.routine_id),
                d.text,
                str(d.still_due) if d.due else "-",
            ]
            for d in plan.due
        ],
        ["ROUTINE", "TODAY", "STILL DUE"],
        out,
    )
    _write_changes(words, out)
    out.write("\n")
    say(words.trend_line, out, "")
    return 0


def _write_changes(words: presenter.Presentation, out: TextIO) -> None:
    """The notes, the stretches left out and the doses building up."""
    if words.notes:
        out.write("\nNotes\n")
        for e in words.notes:
            say(e.text, out, "- ")
    if words.paused:
        out.write("\nLeft out for now\n")
        for x in words.paused:
            out.write(f"  {x.name}: {x.status[:1].lower() + x.status[1:]}\n")
            say(x.reason, out, "    ")
    if words.doses:
        out.write("\nBuilding up\n")
        for d in words.doses:
            out.write(f"  {d.name}: {d.text}\n")
            if not d.at_start:
                say(d.reason, out, "    ")
        say(words.build_up_rule, out)
