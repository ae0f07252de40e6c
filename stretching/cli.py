"""The `sciatica` command: browse the catalogue and play a guided session in the terminal.

Thin over the core; imports no Django, so it starts fast. Saving a played session is handed
to a `store` callable that the entry point (coach/cli.py) supplies.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import select
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from . import catalogue as cat
from .session import SessionResult, SessionRun
from .timeline import Timeline, compile_timeline, format_duration

Store = Callable[[SessionResult], str]
"""Saves a result and returns a short line to show, such as 'Saved as session 12.'"""

EXIT_UNKNOWN = 2


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

KEYS_HELP = "[space] pause  [n] next  [b] back  [h] this hurts  [q] stop"


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
        line = (
            f"\r\x1b[2K{state}{step.show} {int(left + 0.999):>3}s [{_bar(done, 16)}] "
            f"all [{_bar(overall, 12)}] {int(overall * 100):>3}%  next: {self._next_text()}"
        )
        self.out.write(line)
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
) -> int:
    """Play a routine in the terminal with a countdown, progress bars and keys to steer it.

    Keys: space pause, n next, b back, h this hurts (ends that stretch and records it),
    q or Ctrl-C stop (what was done is kept).

    Example: sciatica play relief-sequence
    """
    timeline = compile_timeline(c, args.routine)
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
    if args.no_save or store is None:
        out.write("Not saved.\n")
    else:
        out.write(store()(result) + "\n")
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
    p = add("figure", cmd_figure)
    p.add_argument("id", help="exercise id")
    p.add_argument("--out", default="-", help="file to write (default: standard output)")
    p.add_argument("--still", action="store_true", help="no animation: just the stretch pose")
    return parser


def main(
    argv: Sequence[str] | None = None,
    store: Callable[[], Store] | None = None,
    out: TextIO | None = None,
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
            return cmd_play(args, c, out, store)
        return int(args.func(args, c, out))
    except cat.UnknownId as exc:
        print(f"sciatica: {exc}", file=sys.stderr)
        return EXIT_UNKNOWN
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
