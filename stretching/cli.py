"""The `sciatica` command: browse the catalogue, play a guided session in the terminal, and
see a person's plan for today.

Thin over the core; imports no Django, so it starts fast. Saving a played session is handed
to a `store` callable, and finding a person's plan to a `planner` callable, that the entry
point (coach/cli.py) supplies.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import select
import shutil
import sys
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

from . import catalogue as cat
from . import plan_text, rules
from .session import SessionResult, SessionRun
from .timeline import NO_ADJUSTMENTS, Timeline, compile_timeline, format_duration

Store = Callable[[SessionResult], str]
"""Saves a result and returns a short line to show, such as 'Saved as session 12.'"""


@dataclass(frozen=True)
class PersonPlan:
    """Today's plan for one person, as the entry point found it in the app's database."""

    person: str
    plan: rules.Plan
    catalogue: cat.Catalogue
    store: Store | None = None
    """Saves a session played now against this person."""
    blocked: str = ""
    """Why this person may not start a session now (the safety screen), or empty."""


Planner = Callable[[str | None], PersonPlan]
"""Finds the person with this email (or the only person, given None) and plans their today;
raises PersonError when there is no such person."""


class PersonError(LookupError):
    """No person to plan for; the message says what to type instead."""


EXIT_UNKNOWN = 2
EXIT_NOT_NOW = 3


def _table(rows: list[list[str]], headers: list[str], out: TextIO) -> None:
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out.write(line.rstrip() + "\n" + "  ".join("-" * w for w in widths) + "\n")
    for row in rows:
        out.write(
            "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n"
        )


def _json(data: Any, out: TextIO) -> None:
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")


def cmd_routines(args: argparse.Namespace, c: cat.Catalogue, out: TextIO) -> int:
    """List the routines with their exercise count, total time and how often to do them.

    Example: sciatica routines --json
    """
    rows: list[dict[str, Any]] = []
    for r in c.routines.values():
        tl = compile_timeline(c, r)
        rows.append(
            {
                "id": r.id,
                "name": r.name,
                "exercises": len(r.exercise_ids),
                "total_seconds": tl.total_seconds,
                "frequency": r.frequency.describe(),
                "fixed_order": r.fixed_order,
            }
        )
    if args.json:
        _json(rows, out)
    else:
        _table(
            [
                [
                    r["id"],
                    r["name"],
                    str(r["exercises"]),
                    format_duration(r["total_seconds"]),
                    r["frequency"],
                ]
                for r in rows
            ],
            ["ID", "ROUTINE", "EXERCISES", "TIME", "HOW OFTEN"],
            out,
        )
    return 0


def cmd_exercises(args: argparse.Namespace, c: cat.Catalogue, out: TextIO) -> int:
    """List every exercise in the catalogue with its position, dose and source pages.

    Example: sciatica exercises
    """
    if args.json:
        _json([_exercise_dict(e) for e in c.exercises.values()], out)
        return 0
    _table(
        [
            [e.id, e.name, e.position, e.dose.describe(), ",".join(e.sources)]
            for e in c.exercises.values()
        ],
        ["ID", "NAME", "POSITION", "DOSE", "PAGES"],
        out,
    )
    return 0


def _exercise_dict(e: cat.Exercise) -> dict[str, Any]:
    d = e.dose
    return {
        "id": e.id,
        "name": e.name,
        "short_name": e.short_name,
        "position": e.position,
        "equipment": list(e.equipment),
        "targets": list(e.targets),
        "summary": e.summary,
        "instructions": list(e.instructions),
        "cautions": list(e.cautions),
        "dose": {
            "kind": d.kind,
            "sides": d.sides,
            "hold_seconds": d.hold_seconds,
            "hold_seconds_max": d.hold_seconds_max,
            "repetitions": d.repetitions,
            "sets": d.sets,
            "rest_seconds": d.rest_seconds,
            "tempo_on": d.tempo_on,
            "tempo_off": d.tempo_off,
            "variants": list(d.variants),
            "origin": dict(d.origin),
            "summary": d.describe(),
        },
        "open_ended": None
        if e.open_ended is None
        else {
            "check_every_seconds": e.open_ended.check_every_seconds,
            "max_seconds": e.open_ended.max_seconds,
            "prompt": e.open_ended.prompt,
        },
        "sources": list(e.sources),
    }


def cmd_exercise(args: argparse.Namespace, c: cat.Catalogue, out: TextIO) -> int:
    """Show one exercise's full card: instructions, dose, cautions, equipment, sources.

    Example: sciatica exercise supine-butterfly
    """
    e = c.exercise(args.id)
    if args.json:
        _json(_exercise_dict(e), out)
        return 0
    out.write(f"{e.name}  ({e.id})\n{e.summary}\n\n")
    out.write(f"Position:  {e.position}\nEquipment: {', '.join(e.equipment) or 'none'}\n")
    out.write(f"Targets:   {', '.join(e.targets)}\nDose:      {e.dose.describe()}\n")
    from_page = [k for k, v in e.dose.origin.items() if v == "page"]
    from_project = [k for k, v in e.dose.origin.items() if v == "project"]
    if from_page:
        out.write(f"           from the page: {', '.join(from_page)}\n")
    if from_project:
        out.write(f"           chosen by this project: {', '.join(from_project)}\n")
    out.write("\nHow to do it:\n")
    for i, line in enumerate(e.instructions, 1):
        out.write(f"  {i}. {line}\n")
    out.write("\nTake care:\n")
    for line in e.cautions:
        out.write(f"  - {line}\n")
    out.write(f"\nSource page(s): {', '.join(e.sources)}\n")
    return 0


def cmd_show(args: argparse.Namespace, c: cat.Catalogue, out: TextIO) -> int:
    """Show a routine's compiled timeline: every timed step from start to finish.

    Example: sciatica show relief-sequence
    """
    tl = compile_timeline(c, args.routine)
    if args.json:
        _json(tl.to_dict(), out)
        return 0
    out.write(f"{tl.routine_name}: {len(tl.steps)} steps, {format_duration(tl.total_seconds)}\n")
    _table(
        [
            [format_duration(s.start), f"{s.duration}s", s.kind, s.side or "", s.show]
            for s in tl.steps
        ],
        ["AT", "FOR", "STEP", "SIDE", "WHAT"],
        out,
    )
    return 0


def cmd_figure(args: argparse.Namespace, c: cat.Catalogue, out: TextIO) -> int:
    """Write an exercise's animated drawing as an SVG file.

    Example: sciatica figure supine-butterfly --out butterfly.svg
    """
    from .figures import render_svg

    e = c.exercise(args.id)
    svg = render_svg(e.id, title=e.name, desc=e.summary, animate=not args.still)
    if args.out == "-":
        out.write(svg)
    else:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(svg)
        out.write(f"Wrote {args.out} ({len(svg.encode())} bytes)\n")
    return 0


# --- the terminal player -------------------------------------------------------------------

KEYS_HELP = "[space] pause  [n] next  [b] back  [h] this hurts  [s] it spreads  [q] stop"


def _bar(fraction: float, width: int) -> str:
    filled = int(round(max(0.0, min(1.0, fraction)) * width))
    return "#" * filled + "-" * (width - filled)


class TerminalPlayer:
    """Draws the running step and reads single keys; the clock is `clock()` times `speed`."""

    def __init__(
        self,
        timeline: Timeline,
        out: TextIO,
        keys: TextIO,
        speed: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.timeline = timeline
        self.out = out
        self.keys = keys
        self.speed = speed
        self._clock = clock
        self.run = SessionRun(timeline, started=self.now())
        self.last_index = -1
        self.messages: list[str] = []

    def now(self) -> float:
        return self._clock() * self.speed

    def _next_text(self) -> str:
        following = self.timeline.steps[self.run.index + 1 :]
        for s in following:
            if s.exercise_id != self.run.step.exercise_id or s.kind == "done":
                return s.exercise_name or "finish"
        return "finish"

    def draw(self) -> None:
        now = self.now()
        step = self.run.step
        if step.index != self.last_index:
            self.out.write(f"\n>> {step.say}\n")
            self.last_index = step.index
        left = self.run.remaining_in_step(now)
        done = 1 - left / step.duration if step.duration else 1.0
        total = self.timeline.total_seconds
        overall = min(1.0, self.run.elapsed(now) / total) if total else 1.0
        state = "PAUSED " if self.run.paused else ""
        what = step.show
        if step.kind == "reps" and step.reps and step.tempo_on and step.tempo_off:
            into = self.run.elapsed(now) - step.start
            period = step.tempo_on + step.tempo_off
            rep = min(step.reps, int(into // period) + 1)
            phase = "squeeze" if into - (rep - 1) * period < step.tempo_on else "release"
            what = f"rep {rep}/{step.reps} {phase.upper()}"
        line = (
            f"{state}{what} {int(left + 0.999):>3}s [{_bar(done, 16)}] "
            f"all [{_bar(overall, 12)}] {int(overall * 100):>3}%  next: {self._next_text()}"
        )
        # One terminal line, never wrapped: a wrapped line could not be redrawn in place.
        width = shutil.get_terminal_size((100, 24)).columns - 1
        self.out.write("\r\x1b[2K" + line[:width])
        self.out.flush()

    def handle(self, key: str) -> bool:
        """Act on one key; returns False when the person stops the session."""
        now = self.now()
        if key in (" ", "p"):
            if self.run.paused:
                self.run.resume(now)
                self.out.write("\n-- resumed\n")
            else:
                self.run.pause(now)
                self.out.write("\n-- paused (space to resume)\n")
        elif key == "n":
            self.run.next(now)
        elif key == "b":
            self.run.back(now)
            self.last_index = -1
        elif key == "h":
            eid = self.run.hurt(now)
            if eid:
                self.out.write(f"\n-- stopped {eid}: noted that it hurt. Moving on.\n")
        elif key == "s":
            eid = self.run.hurt(now, spread=True)
            if eid:
                self.out.write(f"\n-- stopped {eid}: noted that symptoms spread down the leg. "
                               "Moving on.\n")
        elif key in ("q", "\x03", "\x04"):
            return False
        return True

    def play(self) -> SessionResult:
        self.out.write(
            f"{self.timeline.routine_name}: {format_duration(self.timeline.total_seconds)}"
            f"\n{KEYS_HELP}\n"
        )
        interrupted = False
        try:
            while True:
                if not self.run.paused:
                    self.run.update(self.now())
                if self.run.finished:
                    break
                self.draw()
                key = _read_key(self.keys, 0.1)
                if key and not self.handle(key):
                    interrupted = True
                    break
        except KeyboardInterrupt:
            interrupted = True
        result = self.run.result(self.now())
        word = "Stopped early" if interrupted else "Finished"
        self.out.write(
            f"\n\n{word}: {result.count('done')} done, {result.count('skipped')} "
            f"skipped, {result.count('hurt')} hurt, "
            f"{format_duration(result.practised_seconds)} practised.\n"
        )
        return result


def _read_key(stream: TextIO, timeout: float) -> str:
    try:
        ready, _, _ = select.select([stream], [], [], timeout)
    except (ValueError, OSError):
        time.sleep(timeout)
        return ""
    if not ready:
        return ""
    return os.read(stream.fileno(), 1).decode(errors="ignore")


def cmd_play(
    args: argparse.Namespace,
    c: cat.Catalogue,
    out: TextIO,
    store: Callable[[], Store] | None = None,
    planner: Planner | None = None,
) -> int:
    """Play a routine in the terminal with a countdown, progress bars and keys to steer it.

    Keys: space pause, n next, b back, h this hurts (ends that stretch and records it),
    s symptoms spread down the leg (the same, recorded for the routine's rules),
    q or Ctrl-C stop (what was done is kept).

    With --email the session follows that person's plan (paused stretches left out, doses
    as built up so far) and is saved against them.

    Example: sciatica play relief-sequence
    """
    routine = c.routine(args.routine)
    person: PersonPlan | None = None
    if args.email is not None:
        if planner is None:
            print("sciatica: --email needs the app's database.", file=sys.stderr)
            return EXIT_UNKNOWN
        person = planner(args.email)
        ok, why = person.plan.can_start(routine.id)
        if person.blocked or not ok:
            print(f"sciatica: {person.blocked or why}", file=sys.stderr)
            return EXIT_NOT_NOW
        c = person.catalogue
        for e in person.plan.explanations_for(routine.id):
            _say(e.text, out, "- ")
    adjustments = person.plan.adjustments_for(routine.id) if person else NO_ADJUSTMENTS
    timeline = compile_timeline(c, routine, adjustments)
    keys = sys.stdin
    saved_attrs = None
    if keys.isatty():
        import termios
        import tty

        saved_attrs = termios.tcgetattr(keys.fileno())
        tty.setcbreak(keys.fileno())
    try:
        result = TerminalPlayer(timeline, out, keys, speed=args.speed).play()
    finally:
        if saved_attrs is not None:
            import termios

            termios.tcsetattr(keys.fileno(), termios.TCSADRAIN, saved_attrs)
    if args.no_save or (store is None and person is None):
        out.write("Not saved.\n")
    elif person is not None and person.store is not None:
        out.write(person.store(result) + "\n")
    elif store is not None:
        out.write(store()(result) + "\n")
    return 0


# --- today's plan ----------------------------------------------------------------------------


def _plan_dict(p: PersonPlan) -> dict[str, Any]:
    plan, c = p.plan, p.catalogue
    return {
        "person": p.person,
        "now": plan.now.isoformat(),
        "mode": plan.mode,
        "routine": plan_text.mode_headline(plan, c),
        "why": plan_text.mode_why(plan, c),
        "due": [
            {
                "routine_id": d.routine_id,
                "name": plan.routine_names.get(d.routine_id, d.routine_id),
                "done": d.done,
                "started": d.started,
                "minimum": d.minimum,
                "maximum": d.maximum,
                "still_due": d.still_due,
                "text": d.text,
            }
            for d in plan.due
        ],
        "paused": [
            {
                "exercise_id": x.exercise_id,
                "name": c.exercise(x.exercise_id).name,
                "status": plan_text.paused_status(x, plan.now),
                "until": x.until.isoformat() if x.until else None,
                "sessions_needed": x.sessions_needed,
                "reason": x.reason,
            }
            for x in plan.paused
        ],
        "doses": [
            {
                "exercise_id": d.exercise_id,
                "name": c.exercise(d.exercise_id).name,
                "hold_seconds": d.hold_seconds,
                "repetitions": d.repetitions,
                "page_hold_seconds": d.page_hold_seconds,
                "page_repetitions": d.page_repetitions,
                "text": plan_text.dose_line(d, c),
                "rule": d.rule,
                "reason": d.reason,
            }
            for d in plan.doses
        ],
        "explanations": [
            {"rule": e.rule, "exercise_id": e.exercise_id, "text": e.text}
            for e in plan.explanations
        ],
        "safety_check_needed": plan.flags.tier_a_recheck_needed,
        "shortened": plan.flags.shortened,
        "trend": {"verdict": plan.trend.verdict, "reason": plan.trend.reason},
    }


def _say(text: str, out: TextIO, indent: str = "  ") -> None:
    rest = " " * len(indent)
    out.write(textwrap.fill(text, 88, initial_indent=indent, subsequent_indent=rest) + "\n")


def _when(now: datetime) -> str:
    return f"{now:%A} {now.day} {now:%B %Y}, {now:%H:%M}"


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
    if args.json:
        _json(_plan_dict(p), out)
        return 0
    plan, c = p.plan, p.catalogue
    out.write(f"Today's plan for {p.person}, {_when(plan.now)}\n\n")
    out.write(f"{plan_text.mode_headline(plan, c)}\n")
    _say(plan_text.mode_why(plan, c), out)
    out.write("\nSessions today\n")
    _table(
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
    covered = {x.exercise_id for x in plan.paused} | {d.exercise_id for d in plan.doses}
    notes = [
        e
        for e in plan.explanations
        if e.rule not in ("graduation", "relapse") and e.exercise_id not in covered
    ]
    if notes:
        out.write("\nNotes\n")
        for e in notes:
            _say(e.text, out, "- ")
    if plan.paused:
        out.write("\nLeft out for now\n")
        for x in plan.paused:
            status = plan_text.paused_status(x, plan.now)
            status = status[:1].lower() + status[1:]
            out.write(f"  {c.exercise(x.exercise_id).name}: {status}\n")
            _say(x.reason, out, "    ")
    if plan.doses:
        out.write("\nBuilding up\n")
        for d in plan.doses:
            out.write(f"  {c.exercise(d.exercise_id).name}: {plan_text.dose_line(d, c)}\n")
            if not plan_text.at_start(d):
                _say(d.reason, out, "    ")
        s = rules.DEFAULT_SETTINGS
        _say(
            f"Holds start at {s.start_hold_seconds} s (or the page's hold if shorter) and "
            f"rise {s.hold_step_seconds} s after every {s.green_sessions_to_progress} sessions "
            "in a row where nothing hurt and the next check-in was no worse.",
            out,
        )
    out.write("\n")
    _say(f"How things are going: {plan.trend.verdict}. {plan.trend.reason}", out, "")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sciatica",
        description="Sciatica Coach: general stretching routines for people with sciatica. "
        "Wellness and education only, not medical advice: see a clinician first.",
    )
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
    p.add_argument("--no-save", action="store_true", help="do not save the session")
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
    store: Callable[[], Store] | None = None,
    out: TextIO | None = None,
    planner: Planner | None = None,
) -> int:
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    try:
        c = cat.default()
    except cat.CatalogueError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        if args.func is cmd_play:
            return int(cmd_play(args, c, out, store, planner))
        if args.func is cmd_plan:
            return int(cmd_plan(args, out, planner))
        return int(args.func(args, c, out))
    except (cat.UnknownId, PersonError) as exc:
        print(f"sciatica: {exc}", file=sys.stderr)
        return EXIT_UNKNOWN
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
