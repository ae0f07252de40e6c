"""The `sciatica` command: browse the catalogue, play a guided session in the terminal, and
see a person's plan for today.

Thin over the core; imports no Django, so it starts fast. `commands` browses the catalogue,
`play` and `plan` act for a person (`people`), `player` is the terminal player and `render` draws
tables and bars.
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from .. import catalogue as cat
from .. import i18n
from .commands import TRANSLATED, cmd_exercise, cmd_exercises, cmd_figure, cmd_routines, cmd_show
from .people import (
    EXIT_NOT_NOW,
    EXIT_UNKNOWN,
    PersonError,
    PersonPlan,
    Planner,
    Saved,
    Store,
)
from .plan import cmd_plan
from .play import cmd_play

__all__ = [
    "EXIT_NOT_NOW",
    "EXIT_UNKNOWN",
    "PersonError",
    "PersonPlan",
    "Planner",
    "Saved",
    "Store",
    "build_parser",
    "main",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sciatica",
        description="Sciatica Coach: general stretching routines for people with sciatica. "
        "Wellness and education only, not medical advice: see a clinician first.",
    )
    lang_help = f"the language to answer in ({', '.join(i18n.LANGUAGES)}; or set SCIATICA_LANG)"
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=lang_help)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Callable[..., int], **kwargs: Any) -> argparse.ArgumentParser:
        doc = inspect.cleandoc(func.__doc__ or "")
        p = sub.add_parser(
            name,
            help=doc.splitlines()[0],
            description=doc,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            **kwargs,
        )
        p.set_defaults(func=func)
        p.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS, help=lang_help)
        return p

    for name, func in (("routines", cmd_routines), ("exercises", cmd_exercises)):
        add(name, func).add_argument("--json", action="store_true", help="print JSON")
    p = add("exercise", cmd_exercise)
    p.add_argument("id", help="exercise id, as listed by `sciatica exercises`")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = add("show", cmd_show)
    p.add_argument("routine", help="routine id, as listed by `sciatica routines`")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = add("play", cmd_play)
    p.add_argument("routine", help="routine id, as listed by `sciatica routines`")
    p.add_argument(
        "--speed",
        type=float,
        default=1.0,
        help="run the clock this many times faster (for a quick look or a test)",
    )
    p.add_argument("--no-save", action="store_true", help="with --email: do not save the session")
    p.add_argument("--email", help="follow this person's plan and save the session against them")
    p = add("plan", cmd_plan)
    p.add_argument("--email", help="whose plan (needed when there is more than one account)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = add("figure", cmd_figure)
    p.add_argument("id", help="exercise id")
    p.add_argument("--out", default="-", help="file to write (default: standard output)")
    p.add_argument("--still", action="store_true", help="no animation: just the stretch pose")
    return parser


def main(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    planner: Planner | None = None,
) -> int:
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    args.lang = _language(args.lang)
    try:
        c = cat.default()
        if args.lang != i18n.DEFAULT_LANGUAGE:
            if args.func in (*TRANSLATED, cmd_play):
                c = i18n.catalogue(args.lang)
            else:
                print(f"sciatica: {i18n.words(args.lang)(UNTRANSLATED)}", file=sys.stderr)
    except cat.CatalogueError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        if args.func is cmd_play:
            return int(cmd_play(args, c, out, planner))
        if args.func is cmd_plan:
            return int(cmd_plan(args, out, planner))
        return int(args.func(args, c, out))
    except (cat.UnknownId, PersonError) as exc:
        print(f"sciatica: {exc}", file=sys.stderr)
        return EXIT_UNKNOWN
    except BrokenPipeError:
        return 0


UNTRANSLATED = "this command speaks English for now"


def _language(chosen: str | None) -> str:
    """--lang, else SCIATICA_LANG ('es', 'es_MX.UTF-8'), else English."""
    if chosen:
        return chosen
    wanted = os.environ.get("SCIATICA_LANG", "")
    lang = i18n.language(wanted)
    if wanted and lang is None:
        print(
            f"sciatica: SCIATICA_LANG={wanted} is not one of {', '.join(i18n.LANGUAGES)}: "
            "using English",
            file=sys.stderr,
        )
    return lang or i18n.DEFAULT_LANGUAGE
