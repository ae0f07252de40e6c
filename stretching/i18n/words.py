"""The `sciatica` command's own words in another language (table headers, the exercise card's
labels), and a dose, a routine's frequency and a position put into words. A small dict for the
terminal; the web pages go through Django's gettext."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..catalogue import Dose, Frequency

CLI_WORDS: Mapping[str, Mapping[str, str]] = {
    "es": {
        "ID": "ID",
        "ROUTINE": "RUTINA",
        "EXERCISES": "EJERCICIOS",
        "TIME": "TIEMPO",
        "HOW OFTEN": "FRECUENCIA",
        "NAME": "NOMBRE",
        "POSITION": "POSICIÓN",
        "DOSE": "DOSIS",
        "PAGES": "PÁGINAS",
        "Position:": "Posición:",
        "Equipment:": "Material:",
        "none": "nada",
        "Targets:": "Zona:",
        "Dose:": "Dosis:",
        "from the page:": "según la página:",
        "chosen by this project:": "elegido por este proyecto:",
        "How to do it:": "Cómo se hace:",
        "Take care:": "Cuidado:",
        "Source page(s):": "Página(s) de origen:",
        "this command speaks English for now": "este comando todavía responde en inglés",
    },
}
"""The command's fixed words, keyed by the English as commands.py writes it."""

POSITION_WORDS: Mapping[str, Mapping[str, str]] = {
    "es": {
        "standing": "de pie",
        "seated": "en silla o cama",
        "seated-floor": "en el suelo",
        "supine": "boca arriba",
        "prone": "boca abajo",
        "quadruped": "en cuatro apoyos",
    },
}
"""The catalogue's positions (catalogue.POSITIONS) as words; English shows the id itself."""


def words(lang: str) -> Callable[[str], str]:
    """A function from the command's English words to `lang`'s (KeyError when one is missing,
    so a test running a command in that language finds it)."""
    if lang == "en":
        return lambda english: english
    table = CLI_WORDS[lang]
    return lambda english: table[english]


def position_text(position: str, lang: str) -> str:
    return position if lang == "en" else POSITION_WORDS[lang][position]


def dose_text(dose: Dose, lang: str) -> str:
    """A short summary of a dose such as '3 x 20 s por lado' (Dose.describe() in English)."""
    if lang != "es":
        return dose.describe()
    per = " por lado" if dose.per_side else ""
    if dose.kind == "open":
        return "sin tiempo fijo" + per
    sets = f"{dose.sets} series de " if dose.sets > 1 else ""
    if dose.kind == "reps":
        return (
            f"{sets}{dose.repetitions} repeticiones, "
            f"{dose.tempo_on} s de trabajo / {dose.tempo_off} s de pausa{per}"
        )
    hold = f"{dose.hold_seconds}"
    if dose.hold_seconds_max:
        hold += f"-{dose.hold_seconds_max}"
    reps = f"{dose.repetitions} x " if dose.repetitions > 1 else ""
    return f"{sets}{reps}{hold} s{per}"


def frequency_text(frequency: Frequency, lang: str) -> str:
    """How often, such as 'de 1 a 10 veces al día' (Frequency.describe() in English)."""
    if lang != "es":
        return frequency.describe()
    lo, hi = frequency.times_per_day_min, frequency.times_per_day_max
    if lo and hi and lo != hi:
        text = f"de {lo} a {hi} veces al día"
    elif lo:
        text = "una vez al día" if lo == 1 else f"{lo} veces al día"
    elif hi:
        text = f"hasta {hi} veces al día"
    else:
        text = "cuando quieras"
    if frequency.time_of_day == "morning":
        text += ", por la mañana"
    elif frequency.time_of_day == "rest":
        text += ", al descansar"
    return text
