"""`sciatica --lang es` (or SCIATICA_LANG=es): the catalogue commands answer in Spanish."""

import io
import json
import os
import subprocess
import sys

import pytest

from stretching import catalogue
from stretching.cli import main


def run(*args):
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


@pytest.fixture(autouse=True)
def no_language_from_the_environment(monkeypatch):
    monkeypatch.delenv("SCIATICA_LANG", raising=False)


def test_routines_in_spanish_name_each_routine_and_how_often():
    code, text = run("--lang", "es", "routines")
    assert code == 0
    header, rule, *rows = text.splitlines()
    assert header.split() == ["ID", "RUTINA", "EJERCICIOS", "TIEMPO", "FRECUENCIA"]
    line = next(ln for ln in rows if ln.startswith("relief-sequence"))
    assert "Secuencia de alivio" in line and "de 1 a 10 veces al día" in line and "8:07" in line
    morning = next(ln for ln in rows if ln.startswith("morning-hamstring"))
    assert "una vez al día, por la mañana" in morning
    assert "Relief sequence" not in text and "times a day" not in text


def test_the_language_can_come_from_the_environment_or_after_the_command(monkeypatch):
    monkeypatch.setenv("SCIATICA_LANG", "es_MX.UTF-8")
    _, text = run("exercises")
    line = next(ln for ln in text.splitlines() if ln.startswith("hip-flexor-chair-lunge"))
    assert "Zancada con silla" in line and "de pie" in line and "3 x 20 s por lado" in line
    assert text.splitlines()[0].split() == ["ID", "NOMBRE", "POSICIÓN", "DOSIS", "PÁGINAS"]
    _, text = run("exercises", "--lang", "en")
    assert "Hip flexor lunge on a chair" in text and "3 x 20 s per side" in text


def test_an_exercise_card_in_spanish_has_no_english_left():
    code, text = run("--lang", "es", "exercise", "bedside-seated-hamstring")
    assert code == 0
    english = catalogue.default().exercise("bedside-seated-hamstring")
    assert text.startswith("Estiramiento de isquiotibiales en el borde de la cama")
    for label in ("Posición:", "Material:", "Zona:", "Dosis:", "Cómo se hace:", "Cuidado:"):
        assert label in text
    assert "  6. Sigue alternando las piernas" in text
    assert "detente y pasa al siguiente ejercicio" in text
    for sentence in (*english.instructions, *english.cautions, english.summary, english.name):
        assert sentence not in text
    for word in ("Position", "Equipment", "How to do it", "Take care", "per side"):
        assert word not in text


def test_json_in_spanish_keeps_ids_and_numbers():
    _, text = run("--lang", "es", "exercise", "standing-glute-squeeze", "--json")
    data = json.loads(text)
    assert data["id"] == "standing-glute-squeeze" and data["dose"]["repetitions"] == 8
    assert data["name"] == "Contracción de glúteos de pie"
    assert data["dose"]["variants"] == [
        "pies rectos, al ancho de la cadera",
        "puntas de los pies hacia fuera",
    ]
    assert data["dose"]["summary"] == "2 series de 8 repeticiones, 5 s de trabajo / 2 s de pausa"
    _, text = run("--lang", "es", "routines", "--json")
    rows = {r["id"]: r for r in json.loads(text)}
    assert rows["hamstring-trio"]["name"] == "Trío de isquiotibiales"
    assert rows["relief-sequence"]["total_seconds"] == 487


def test_the_routines_steps_are_shown_in_spanish_too():
    proc = subprocess.run(
        [sys.executable, "-m", "stretching.cli", "--lang", "es", "show", "relief-sequence"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0
    assert "este comando todavía responde en inglés" not in proc.stderr
    assert proc.stdout.startswith("Secuencia de alivio: 17 pasos, 8:07")


def test_an_unknown_language_is_refused_or_ignored_with_a_word():
    proc = subprocess.run(
        [sys.executable, "-m", "stretching.cli", "--lang", "fr", "routines"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "invalid choice: 'fr'" in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "stretching.cli", "routines"],
        capture_output=True,
        text=True,
        env={**os.environ, "SCIATICA_LANG": "fr"},
    )
    assert proc.returncode == 0 and "Relief sequence" in proc.stdout
    assert "SCIATICA_LANG=fr is not one of en, es: using English" in proc.stderr


def test_an_unknown_exercise_in_spanish_still_suggests_the_close_id():
    proc = subprocess.run(
        [sys.executable, "-m", "stretching.cli", "--lang", "es", "exercise", "buterfly"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "supine-butterfly" in proc.stderr
