"""`sciatica play`: a guided session in the terminal, following a person's plan when asked."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from collections.abc import Iterator
from dataclasses import replace
from typing import TextIO

from .. import catalogue as cat
from .. import gate, i18n
from ..rules import in_language
from ..timeline import compile_timeline
from .check import ask_quick_check
from .people import EXIT_NOT_NOW, EXIT_UNKNOWN, PersonPlan, Planner
from .player import TerminalPlayer
from .render import say

NOT_SAVED = (
    "Not saved to anyone: without --email this session is kept nowhere. To keep it in your "
    "diary, play with --email you@example.org."
)
NEEDS_DATABASE = "--email needs the app's database."
NOT_ANSWERED = "Not started: the quick safety check was not answered."
WHERE_NEXT = {
    "give-consent": "Consent is given in the web app, under Settings; then run this again.",
    "answer-screen": "The safety questions are in the web app; answer them there, then run "
    "this again.",
    "see-clinician": "Once a clinician has cleared you, say so with your answers in the web "
    "app, then run this again.",
}


def cmd_play(
    args: argparse.Namespace,
    c: cat.Catalogue,
    out: TextIO,
    planner: Planner | None = None,
) -> int:
    """Play a routine in the terminal with a countdown, progress bars and keys to steer it.

    Keys: space pause, n next, b back, h this hurts (ends that stretch and records it),
    s symptoms spread down the leg (the same, recorded for the routine's rules),
    q or Ctrl-C stop (what was done is kept).

    With --email the session follows that person's plan (paused stretches left out, doses
    as built up so far) and is saved against them, after the same safety checks as the web
    app: the quick check is asked here. Without --email nothing is saved.

    Example: sciatica play relief-sequence --email you@example.org
    """
    lang = str(getattr(args, "lang", None) or i18n.DEFAULT_LANGUAGE)
    _ = i18n.words(lang)
    routine = c.routine(args.routine)
    if args.email is None:
        say(_(NOT_SAVED), out, "")
        with _keys() as keys:
            timeline = compile_timeline(c, routine)
            TerminalPlayer(timeline, out, keys, speed=args.speed, lang=lang).play()
        out.write(_("Not saved.") + "\n")
        return 0
    if planner is None:
        print(f"sciatica: {_(NEEDS_DATABASE)}", file=sys.stderr)
        return EXIT_UNKNOWN
    person = planner(args.email)
    with _keys() as keys:
        if not _may_start(person, routine.id, keys, out, lang):
            return EXIT_NOT_NOW
        plan = in_language(person.plan, lang)
        for e in plan.explanations_for(routine.id):
            say(e.text, out, "- ")
        adjustments = plan.adjustments_for(routine.id)
        words = _catalogue_in(person.catalogue, lang)
        timeline = compile_timeline(words, words.routine(routine.id), adjustments)
        result = TerminalPlayer(timeline, out, keys, speed=args.speed, lang=lang).play()
    if args.no_save or person.store is None:
        out.write(_("Not saved.") + "\n")
    else:
        saved = person.store(result)
        if saved.number is None:
            out.write(_("Not saved: {problem}.").format(problem=saved.problem) + "\n")
        else:
            line = _("Saved as session {number} for {person}.")
            out.write(line.format(number=saved.number, person=person.person) + "\n")
    return 0


def _catalogue_in(c: cat.Catalogue, lang: str) -> cat.Catalogue:
    """The person's catalogue with the shipped exercises' and routines' words in `lang`; what
    is the person's own (a clinician's routine, a dose of their own) stays as it is."""
    if lang == c.lang:
        return c
    shipped, words = cat.default(), i18n.catalogue(lang)

    def pick[T](mine: T, english: T | None, translated: T | None) -> T:
        return translated if translated is not None and mine == english else mine

    return replace(
        c,
        exercises={
            k: pick(e, shipped.exercises.get(k), words.exercises.get(k))
            for k, e in c.exercises.items()
        },
        routines={
            k: pick(r, shipped.routines.get(k), words.routines.get(k))
            for k, r in c.routines.items()
        },
        lang=lang,
    )


def _may_start(
    person: PersonPlan, routine_id: str, keys: TextIO, out: TextIO, lang: str = "en"
) -> bool:
    """Ask the safety gate, as the web player does; ask the quick check here when it wants
    one. Says why when the answer is no."""
    _ = i18n.words(lang)
    if person.safety is None:
        print(f"sciatica: {_(NEEDS_DATABASE)}", file=sys.stderr)
        return False
    ok, why = in_language(person.plan, lang).can_start(routine_id)
    not_now = "" if ok else why
    answer = gate.may_start(person.safety, person.clock(), not_now=not_now, lang=lang)
    if answer.where == "quick-check" and person.quick_check is not None:
        say(answer.headline, out, "")
        ticked = ask_quick_check(keys, out, lang)
        if ticked is None:
            print(f"sciatica: {_(NOT_ANSWERED)}", file=sys.stderr)
            return False
        facts = person.quick_check(ticked)
        answer = gate.may_start(facts, person.clock(), not_now=not_now, lang=lang)
    if not answer.allowed:
        _refuse(answer, lang)
    return answer.allowed


def _refuse(answer: gate.Answer, lang: str = "en") -> None:
    _ = i18n.words(lang)
    err = sys.stderr
    err.write(f"sciatica: {answer.headline}\n")
    if answer.message:
        say(answer.message, err, "")
    if answer.reasons:
        err.write(_("You answered yes to:") + "\n")
        for q in answer.reasons:
            say(q.text, err, "  - ")
    if answer.where != "quick-check" and answer.step in WHERE_NEXT:
        say(_(WHERE_NEXT[answer.step]), err, "")


@contextlib.contextmanager
def _keys() -> Iterator[TextIO]:
    """Standard input, one key at a time without echo when it is a terminal. Ctrl-C stops the
    session (what was done is kept) even when this was started with interrupts ignored, as a
    background job of a script is."""
    keys = sys.stdin
    saved_attrs = None
    saved_interrupt = signal.signal(signal.SIGINT, signal.default_int_handler)
    if keys.isatty():
        import termios
        import tty

        saved_attrs = termios.tcgetattr(keys.fileno())
        tty.setcbreak(keys.fileno())
    try:
        yield keys
    finally:
        signal.signal(signal.SIGINT, saved_interrupt)
        if saved_attrs is not None:
            import termios

            termios.tcsetattr(keys.fileno(), termios.TCSADRAIN, saved_attrs)
