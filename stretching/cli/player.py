"""The terminal player: draws the running step and reads single keys."""

from __future__ import annotations

import math
import os
import select
import shutil
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TextIO

from .. import i18n
from ..session import SessionResult, SessionRun
from ..timeline import Step, Timeline, format_duration
from .render import bar

KEYS_HELP = (
    "[space] pause  [n] next  [b] back  [r] I'm in position  [h] this hurts  [s] it spreads  "
    "[q] stop"
)
THIGH_HELP = "[t] thigh test while resting"
THIGH_KEYS = {"k": "knee", "m": "middle", "t": "top"}
THIGH_QUESTION = "[k] near the knee  [m] middle  [t] top of the thigh"
ENDING_WORDS = {"done": "Finished", "stopped": "Stopped", "stopped early": "Stopped early"}
"""The last line's first word: a session that ended because the person stopped it, or because
the stretch that hurt was the last one, is never called finished."""


def fit(parts: list[str], width: int) -> str:
    """The parts that fit in `width` columns, joined by two spaces; the later parts go first
    when there is no room, and a first part too long alone is cut between words with "…"."""
    for n in range(len(parts), 0, -1):
        line = "  ".join(parts[:n])
        if len(line) <= width:
            return line
    words, line = parts[0].split(" "), ""
    for word in words:
        if len(line) + len(word) + 2 > width:
            break
        line = f"{line} {word}" if line else word
    return f"{line}…" if line else parts[0][: max(0, width - 1)] + "…"


class TerminalPlayer:
    """Draws the running step and reads single keys; the clock is `clock()` times `speed`."""

    def __init__(
        self,
        timeline: Timeline,
        out: TextIO,
        keys: TextIO,
        speed: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        lang: str = "en",
    ) -> None:
        """`lang`: the player's own words (the timeline's steps speak the catalogue's)."""
        self.timeline = timeline
        self._ = i18n.words(lang)
        self.out = out
        self.keys = keys
        self.speed = speed
        self._clock = clock
        self.run = SessionRun(timeline, started=self.now())
        self.last_index = -1
        self.asking = False
        self.asked: set[tuple[int, int]] = set()

    def now(self) -> float:
        return self._clock() * self.speed

    def _next_text(self) -> str:
        following = self.timeline.steps[self.run.index + 1 :]
        for s in following:
            if s.exercise_id != self.run.step.exercise_id or s.kind == "done":
                return s.exercise_name or self._("finish")
        return self._("finish")

    def status(self, now: float) -> list[str]:
        """The status line's parts, most important first: the step and its time, how far the
        routine is, what comes next."""
        _ = self._
        step = self.run.step
        left = self.run.remaining_in_step(now)
        into = self.run.elapsed(now) - step.start
        done = min(1.0, into / step.duration) if step.duration else 1.0
        clock = f"{int(left + 0.999)}s" if left < 100 else format_duration(int(left + 0.999))
        if step.kind == "open" and step.check_every:
            to_check = format_duration(int(step.check_every - into % step.check_every))
            clock = _("{time} to check").format(time=to_check)
            done = (into % step.check_every) / step.check_every
        rep = self.run.rep_at(now)
        what = (
            _("rep {rep}/{reps} {phase}").format(
                rep=rep.rep, reps=rep.reps, phase=_(rep.phase).upper()
            )
            if rep
            else step.show
        )
        if self.run.waiting:
            what, clock = _("{step}: press r when in position").format(step=step.show), ""
        state = _("PAUSED") + " " if self.run.paused else ""
        usual = self.timeline.usual_seconds
        overall = min(1.0, self.run.elapsed(now) / usual) if usual else 1.0
        return [
            f"{state}{what} {clock} [{bar(done, 16)}]".replace("  ", " "),
            f"{_('all')} [{bar(overall, 12)}] {int(overall * 100)}%",
            _("next: {what}").format(what=self._next_text()),
        ]

    def draw(self) -> None:
        now = self.now()
        step = self.run.step
        if step.index != self.last_index:
            self.out.write(f"\n>> {step.say}\n")
            self.last_index = step.index
        # One terminal line, never wrapped: a wrapped line could not be redrawn in place.
        width = shutil.get_terminal_size((100, 24)).columns - 1
        self.out.write("\r\x1b[2K" + fit(self.status(now), width))
        self.out.flush()

    def _ask_when_due(self, step: Step) -> None:
        """Ask the Thigh Test question each time a resting step reaches its next check."""
        if step.kind != "open" or not step.check_every or self.run.paused:
            return
        due = math.floor((self.run.elapsed(self.now()) - step.start) / step.check_every)
        if due >= 1 and (step.index, due) not in self.asked:
            self.asked.add((step.index, due))
            self.ask(step)

    def ask(self, step: Step) -> None:
        self.asking = True
        self.out.write(f"\n?? {step.check_say}\n   {self._(THIGH_QUESTION)}\n")

    def answer(self, key: str) -> None:
        step = self.run.step
        self.asking = False
        self.run.thigh(self.now(), THIGH_KEYS[key])
        if self.run.step is not step or self.run.ended:
            self.out.write(f"\n-- {self._('the long leg has let go: this side is done.')}\n")
        else:
            said = self._("good. Keep resting; I will ask again in a few minutes.")
            self.out.write(f"\n-- {said}\n")

    def handle(self, key: str) -> bool:
        """Act on one key; returns False when the person stops the session."""
        now = self.now()
        if self.asking and key in THIGH_KEYS and self.run.step.kind == "open":
            self.answer(key)
        elif key == "t" and self.run.step.kind == "open":
            self.ask(self.run.step)
        elif key in (" ", "p"):
            if self.run.paused:
                self.run.resume(now)
                self.out.write(f"\n-- {self._('resumed')}\n")
            else:
                self.run.pause(now)
                self.out.write(f"\n-- {self._('paused (space to resume)')}\n")
        elif key == "n":
            self.run.next(now)
        elif key == "b":
            self.run.back(now)
            self.last_index = -1
        elif key in ("r", "\r", "\n"):
            self.run.ready(now)
        elif key in ("h", "s"):
            self.stop_stretch(now, spread=key == "s")
        elif key in ("q", "\x03", "\x04"):
            self.run.stop(now)
            return False
        return True

    def stop_stretch(self, now: float, *, spread: bool) -> None:
        """This hurts (or symptoms spread): the stretch stops, said by its name."""
        name = self.run.step.exercise_name
        if self.run.hurt(now, spread=spread) is None:
            return
        _ = self._
        why = _("symptoms spread down the leg") if spread else _("it hurt")
        after = _("That was the last one.") if self.run.ending == "stopped" else _("Moving on.")
        said = _("stopped {name}: noted that {why}. {after}").format(
            name=name, why=why, after=after
        )
        self.out.write(f"\n-- {said}\n")

    def play(self) -> SessionResult:
        resting = any(s.kind == "open" for s in self.timeline.steps)
        _ = self._
        about = _("{routine}: about {time}").format(
            routine=self.timeline.routine_name, time=format_duration(self.timeline.usual_seconds)
        )
        self.out.write(
            f"{about}\n{_(KEYS_HELP)}" + (f"  {_(THIGH_HELP)}" if resting else "") + "\n"
        )
        try:
            while True:
                if not self.run.paused:
                    self.run.update(self.now())
                if self.run.ended:
                    break
                if self.run.step.index != self.last_index:
                    self.asking = False
                self.draw()
                self._ask_when_due(self.run.step)
                key = _read_key(self.keys, 0.1)
                if key and not self.handle(key):
                    break
        except KeyboardInterrupt:
            self.run.stop(self.now())
        # Timed as the engine's clock ran (sped up by --speed), ending now: consistent with the
        # practised time, as the server checks (stretching.result).
        result = self.run.result(self.now())
        shift = datetime.now(UTC) - result.ended_at
        result = replace(
            result, started_at=result.started_at + shift, ended_at=result.ended_at + shift
        )
        self.out.write(f"\n\n{self.finish_line(result)}\n")
        return result

    def finish_line(self, result: SessionResult) -> str:
        """How the session ended and what it came to, in one line."""
        return self._(
            "{ending}: {done} done, {skipped} skipped, {hurt} hurt, {time} practised."
        ).format(
            ending=self._(ENDING_WORDS[self.run.ending]),
            done=result.count("done"),
            skipped=result.count("skipped"),
            hurt=result.count("hurt"),
            time=format_duration(result.practised_seconds),
        )


def _read_key(stream: TextIO, timeout: float) -> str:
    try:
        ready, _, _ = select.select([stream], [], [], timeout)
    except (ValueError, OSError):
        time.sleep(timeout)
        return ""
    if not ready:
        return ""
    return os.read(stream.fileno(), 1).decode(errors="ignore")
