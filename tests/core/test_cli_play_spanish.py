"""`sciatica --lang es play`: the terminal player speaks Spanish, its own words (i18n.words) and
the routine's steps (the Spanish timeline); `show` too. English stays as it was."""

import argparse
import io
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from stretching import catalogue, i18n, rules
from stretching.cli import check, people, play
from stretching.cli.player import TerminalPlayer
from stretching.gate import Facts, FullScreen
from stretching.screening import QUESTIONS
from stretching.timeline import compile_timeline

ES = i18n.catalogue("es")
ENGLISH = {
    "the", "and", "your", "you", "with", "this", "that", "what", "will", "hold", "next",
    "rest", "stop", "stopped", "done", "skipped", "hurt", "practised", "about", "left",
    "right", "leg", "saved", "finished", "pause", "back", "check", "press", "position",
}  # fmt: skip
"""English words a Spanish line never holds (the keys' own letters aside)."""


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def english_in(text: str) -> set[str]:
    text = text.replace("you@example.org", "")
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)} & ENGLISH


def spanish_player(routine: str):
    clock = Clock()
    timeline = compile_timeline(ES, routine)
    p = TerminalPlayer(timeline, io.StringIO(), io.StringIO(), clock=clock, lang="es")
    return p, clock


def test_a_whole_spanish_session_in_the_terminal_says_nothing_in_english():
    p, clock = spanish_player("relief-sequence")
    p.out.write(f"{p.timeline.routine_name}\n")
    for step in p.timeline.steps:
        clock.t = 1000.0 + step.start + 1
        p.run.update(p.now())
        p.draw()
        p.out.write("\n" + "  ".join(p.status(p.now())) + "\n")
    p.handle(" ")
    p.out.write("\n" + "  ".join(p.status(p.now())) + "\n")
    p.handle(" ")
    clock.t += 5000
    p.run.update(p.now())
    p.out.write(p.finish_line(p.run.result(p.now())))
    text = p.out.getvalue()
    assert ">> Primero: Contracción de glúteos." in text
    assert ">> Mantén, pierna izquierda estirada." in text
    assert "rep. 1/8 APRIETA" in text and "sigue: " in text and "total [" in text
    assert "EN PAUSA" in text and "-- en pausa (espacio para seguir)" in text
    assert "Terminado: hechos 5, saltados 0, con dolor 0" in text
    assert english_in(text) == set(), english_in(text)


def test_this_hurts_is_noted_in_spanish():
    p, clock = spanish_player("relief-sequence")
    twist = next(s for s in p.timeline.steps if s.exercise_id == "bedside-knee-twist")
    clock.t += twist.start + 40
    p.run.update(p.now())
    p.handle("s")
    said = p.out.getvalue()
    name = ES.exercise("bedside-knee-twist").name
    assert f"-- paramos {name}: anotado que los síntomas bajaron por la pierna." in said
    assert "Pasamos al siguiente." in said


def test_the_thigh_test_is_asked_and_answered_in_spanish():
    rid = next(
        r for r in ES.routines if any(s.kind == "open" for s in compile_timeline(ES, r).steps)
    )
    p, clock = spanish_player(rid)
    rest = next(s for s in p.timeline.steps if s.kind == "open")
    clock.t += rest.start + 1
    p.run.update(p.now())
    assert "para la prueba" in p.status(p.now())[0]
    p.ask(p.run.step)
    p.answer("k")
    text = p.out.getvalue()
    assert "?? Prueba del muslo." in text and "[k] cerca de la rodilla" in text
    assert "-- bien. Sigue descansando" in text
    assert english_in(text) == set()


def test_every_word_the_player_looks_up_has_its_spanish():
    words = i18n.words("es")
    from stretching.cli import player as player_module

    for english in (
        player_module.KEYS_HELP,
        player_module.THIGH_HELP,
        player_module.THIGH_QUESTION,
        *player_module.ENDING_WORDS.values(),
        play.NOT_SAVED,
        play.NEEDS_DATABASE,
        play.NOT_ANSWERED,
        *play.WHERE_NEXT.values(),
        check.CHOICES,
        check.YES_NO,
    ):
        assert words(english) and words(english) != english


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stretching.cli", *args],
        capture_output=True,
        text=True,
        input="q",
        env={"PATH": "/usr/bin:/bin", "SCIATICA_LANG": ""},
    )


def test_sciatica_play_in_spanish_from_the_command_line():
    proc = run_cli("--lang", "es", "play", "relief-sequence", "--speed", "50")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("No se guarda a nombre de nadie: sin --email")
    assert "Secuencia de alivio: unos 8:07" in out
    assert "[espacio] pausa  [n] siguiente" in out
    assert ">> Primero: Contracción de glúteos." in out
    assert "Detenido antes de tiempo: hechos 0" in out and out.rstrip().endswith("No se guardó.")
    assert english_in(out) == set(), english_in(out)
    assert proc.stderr == ""
    english = run_cli("play", "relief-sequence", "--speed", "50")
    assert "Relief sequence: about 8:07" in english.stdout
    assert english.stdout.rstrip().endswith("Not saved.")


def test_sciatica_show_in_spanish():
    proc = run_cli("--lang", "es", "show", "relief-sequence")
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.startswith("Secuencia de alivio: 17 pasos, 8:07")
    assert proc.stdout.splitlines()[1].split() == ["INICIO", "DURA", "PASO", "LADO", "QUÉ"]
    assert "Mantén 30 s, pierna izquierda estirada" in proc.stdout
    assert "0:00    10s   preparar      ambas      Prepárate: " in proc.stdout
    assert "mantener      izquierda  Mantén 30 s, pierna izquierda estirada" in proc.stdout


NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


def person(screen_yes: tuple[str, ...] = (), minutes_ago: float = 5) -> people.PersonPlan:
    cat = catalogue.default()
    answers = {q.id: q.id in screen_yes for q in QUESTIONS}
    safety = Facts("given", FullScreen(answers, NOW - timedelta(minutes=minutes_ago)))
    plan = rules.plan(cat, [], [], NOW, tz=UTC)
    return people.PersonPlan("ana@example.org", plan, cat, safety=safety, clock=lambda: NOW)


def test_a_locked_screen_is_told_in_spanish(capsys):
    p = person(("a1",))
    assert not play._may_start(p, "relief-sequence", io.StringIO(), io.StringIO(), "es")
    err = capsys.readouterr().err
    assert err.startswith("sciatica: Detente y busca atención de urgencia ahora")
    assert "Respondiste que sí a:" in err and "zona del sillín" in err
    assert english_in(err) == set(), english_in(err)


def test_the_quick_check_is_asked_in_spanish():
    out = io.StringIO()
    keys = io.StringIO("yy" + "n" * 8)
    assert check.ask_quick_check(keys, out, "es") == ["a1"]
    text = out.getvalue()
    assert "Antes de empezar: ¿tienes hoy alguna de estas señales?" in text
    assert "[Enter] nada de esto" in text and "1 de 9. " in text and "    sí\n" in text
    assert english_in(text) == set()


def test_play_with_a_persons_plan_compiles_the_spanish_routine(monkeypatch):
    seen = {}

    class Player:
        def __init__(self, timeline, out, keys, speed=1.0, lang="en"):
            seen["timeline"], seen["lang"] = timeline, lang

        def play(self):
            return None

    monkeypatch.setattr(play, "TerminalPlayer", Player)
    monkeypatch.setattr(play, "_may_start", lambda *a, **k: True)
    args = argparse.Namespace(
        routine="relief-sequence", email="ana@example.org", no_save=True, speed=1.0, lang="es"
    )
    out = io.StringIO()
    assert play.cmd_play(args, ES, out, lambda email: person()) == 0
    assert seen["lang"] == "es"
    assert seen["timeline"].routine_name == "Secuencia de alivio"
    assert seen["timeline"].steps[0].say.startswith("Primero: ")
    assert out.getvalue().endswith("No se guardó.\n")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_persons_catalogue_keeps_its_own_routines_in_either_language(lang):
    cat = catalogue.default()
    mine = play._catalogue_in(cat, lang)
    assert mine.lang == lang and set(mine.routines) == set(cat.routines)


@pytest.mark.parametrize(
    ("saved", "line"),
    [
        (people.Saved(12), "Guardada como sesión 12 de ana@example.org.\n"),
        (people.Saved(problem="hold too long"), "No se guardó: hold too long.\n"),
    ],
)
def test_what_became_of_the_session_is_said_in_spanish(monkeypatch, saved, line):
    """The store says what it did; the terminal says it in the person's language."""
    from dataclasses import replace

    monkeypatch.setattr(play, "TerminalPlayer", lambda *a, **k: type("P", (), {"play": list})())
    monkeypatch.setattr(play, "_may_start", lambda *a, **k: True)
    args = argparse.Namespace(
        routine="relief-sequence", email="ana@example.org", no_save=False, speed=1.0, lang="es"
    )
    out = io.StringIO()
    with_store = replace(person(), store=lambda result: saved)
    assert play.cmd_play(args, ES, out, lambda email: with_store) == 0
    assert out.getvalue().endswith(line)
