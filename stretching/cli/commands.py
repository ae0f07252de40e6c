"""The catalogue commands: routines, exercises, one exercise, a compiled routine, a drawing."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from .. import catalogue as cat
from .. import i18n
from ..timeline import compile_timeline, format_duration
from .plan import cmd_plan
from .render import dump_json, exercise_dict, table


def _lang(args: argparse.Namespace) -> str:
    """The language the command speaks (`sciatica --lang es`; English when none was chosen)."""
    return str(getattr(args, "lang", None) or i18n.DEFAULT_LANGUAGE)


def _exercise_dict(e: cat.Exercise, lang: str) -> dict[str, Any]:
    d = exercise_dict(e)
    d["dose"]["summary"] = i18n.dose_text(e.dose, lang)
    return d


def cmd_routines(args: argparse.Namespace, c: cat.Catalogue, out: TextIO) -> int:
    """List the routines with their exercise count, total time and how often to do them.

    Example: sciatica routines --json
    """
    lang, _ = _lang(args), i18n.words(_lang(args))
    rows: list[dict[str, Any]] = []
    for r in c.routines.values():
        tl = compile_timeline(c, r)
        rows.append(
            {
                "id": r.id,
                "name": r.name,
                "exercises": len(r.exercise_ids),
                "total_seconds": tl.total_seconds,
                "usual_seconds": tl.usual_seconds,
                "frequency": i18n.frequency_text(r.frequency, lang),
                "fixed_order": r.fixed_order,
            }
        )
    if args.json:
        dump_json(rows, out)
    else:
        table(
            [
                [
                    r["id"],
                    r["name"],
                    str(r["exercises"]),
                    format_duration(r["usual_seconds"]),
                    r["frequency"],
                ]
                for r in rows
            ],
            [_(h) for h in ("ID", "ROUTINE", "EXERCISES", "TIME", "HOW OFTEN")],
            out,
        )
    return 0


def cmd_exercises(args: argparse.Namespace, c: cat.Catalogue, out: TextIO) -> int:
    """List every exercise in the catalogue with its position, dose and source pages.

    Example: sciatica exercises
    """
    lang, _ = _lang(args), i18n.words(_lang(args))
    if args.json:
        dump_json([_exercise_dict(e, lang) for e in c.exercises.values()], out)
        return 0
    table(
        [
            [
                e.id,
                e.name,
                i18n.position_text(e.position, lang),
                i18n.dose_text(e.dose, lang),
                ",".join(e.sources),
            ]
            for e in c.exercises.values()
        ],
        [_(h) for h in ("ID", "NAME", "POSITION", "DOSE", "PAGES")],
        out,
    )
    return 0


def cmd_exercise(args: argparse.Namespace, c: cat.Catalogue, out: TextIO) -> int:
    """Show one exercise's full card: instructions, dose, cautions, equipment, sources.

    Example: sciatica exercise supine-butterfly
    """
    lang, _ = _lang(args), i18n.words(_lang(args))
    e = c.exercise(args.id)
    if args.json:
        dump_json(_exercise_dict(e, lang), out)
        return 0
    out.write(f"{e.name}  ({e.id})\n{e.summary}\n\n")
    labels = [_(k) for k in ("Position:", "Equipment:", "Targets:", "Dose:")]
    width = max(len(label) for label in labels)
    values = (
        i18n.position_text(e.position, lang),
        ", ".join(e.equipment) or _("none"),
        ", ".join(e.targets),
        i18n.dose_text(e.dose, lang),
    )
    for label, value in zip(labels, values, strict=True):
        out.write(f"{label:<{width}} {value}\n")
    from_page = [k for k, v in e.dose.origin.items() if v == "page"]
    from_project = [k for k, v in e.dose.origin.items() if v == "project"]
    if from_page:
        out.write(f"{'':<{width}} {_('from the page:')} {', '.join(from_page)}\n")
    if from_project:
        out.write(f"{'':<{width}} {_('chosen by this project:')} {', '.join(from_project)}\n")
    out.write(f"\n{_('How to do it:')}\n")
    for i, line in enumerate(e.instructions, 1):
        out.write(f"  {i}. {line}\n")
    out.write(f"\n{_('Take care:')}\n")
    for line in e.cautions:
        out.write(f"  - {line}\n")
    out.write(f"\n{_('Source page(s):')} {', '.join(e.sources)}\n")
    return 0


def cmd_show(args: argparse.Namespace, c: cat.Catalogue, out: TextIO) -> int:
    """Show a routine's compiled timeline: every timed step from start to finish.

    Example: sciatica show relief-sequence
    """
    _ = i18n.words(_lang(args))
    tl = compile_timeline(c, args.routine)
    if args.json:
        dump_json(tl.to_dict(), out)
        return 0
    out.write(
        _("{routine}: {steps} steps, {time}").format(
            routine=tl.routine_name, steps=len(tl.steps), time=format_duration(tl.total_seconds)
        )
        + "\n"
    )
    table(
        [
            [
                format_duration(s.start),
                f"{s.duration}s",
                _(s.kind),
                _(s.side) if s.side else "",
                s.show,
            ]
            for s in tl.steps
        ],
        [_("AT"), _("FOR"), _("STEP"), _("SIDE"), _("WHAT")],
        out,
    )
    return 0


def cmd_figure(args: argparse.Namespace, c: cat.Catalogue, out: TextIO) -> int:
    """Write an exercise's animated drawing as an SVG file.

    Example: sciatica figure supine-butterfly --out butterfly.svg
    """
    from ..figures import render_svg

    e = c.exercise(args.id)
    svg = render_svg(e.id, title=e.name, desc=e.summary, animate=not args.still)
    if args.out == "-":
        out.write(svg)
    else:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(svg)
        out.write(f"Wrote {args.out} ({len(svg.encode())} bytes)\n")
    return 0


TRANSLATED = (cmd_routines, cmd_exercises, cmd_exercise, cmd_figure, cmd_plan, cmd_show)
"""The commands that answer in the chosen language (the plan's sentences are the rules' own,
stretching.rules.words; the timeline's steps speak the catalogue's language, from
i18n.phrases). `sciatica play` answers in it too (cli/__init__.py)."""
