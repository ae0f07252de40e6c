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
        # sciatica show
        "{routine}: {steps} steps, {time}": "{routine}: {steps} pasos, {time}",
        "AT": "INICIO",
        "FOR": "DURA",
        "STEP": "PASO",
        "SIDE": "LADO",
        "WHAT": "QUÉ",
        "ready": "preparar",
        "hold": "mantener",
        "switch": "cambio",
        "reps": "repeticiones",
        "rest": "descanso",
        "open": "reposo",
        "done": "fin",
        "left": "izquierda",
        "right": "derecha",
        "both": "ambas",
        # sciatica play: the player (cli/player.py); the keys stay the same letters
        "[space] pause  [n] next  [b] back  [r] I'm in position  [h] this hurts  "
        "[s] it spreads  [q] stop": "[espacio] pausa  [n] siguiente  [b] atrás  "
        "[r] ya estoy en posición  [h] me duele  [s] se extiende  [q] parar",
        "[t] thigh test while resting": "[t] prueba del muslo al descansar",
        "[k] near the knee  [m] middle  [t] top of the thigh": "[k] cerca de la rodilla  "
        "[m] en medio  [t] arriba del muslo",
        "{routine}: about {time}": "{routine}: unos {time}",
        "finish": "final",
        "{time} to check": "{time} para la prueba",
        "rep {rep}/{reps} {phase}": "rep. {rep}/{reps} {phase}",
        "squeeze": "aprieta",
        "release": "suelta",
        "{step}: press r when in position": "{step}: pulsa r cuando estés en posición",
        "PAUSED": "EN PAUSA",
        "all": "total",
        "next: {what}": "sigue: {what}",
        "the long leg has let go: this side is done.": (
            "la pierna extendida se soltó: este lado está hecho."
        ),
        "good. Keep resting; I will ask again in a few minutes.": (
            "bien. Sigue descansando; te vuelvo a preguntar en unos minutos."
        ),
        "resumed": "seguimos",
        "paused (space to resume)": "en pausa (espacio para seguir)",
        "symptoms spread down the leg": "los síntomas bajaron por la pierna",
        "it hurt": "te dolió",
        "That was the last one.": "Era el último.",
        "Moving on.": "Pasamos al siguiente.",
        "stopped {name}: noted that {why}. {after}": ("paramos {name}: anotado que {why}. {after}"),
        "Finished": "Terminado",
        "Stopped": "Detenido",
        "Stopped early": "Detenido antes de tiempo",
        "{ending}: {done} done, {skipped} skipped, {hurt} hurt, {time} practised.": (
            "{ending}: hechos {done}, saltados {skipped}, con dolor {hurt}, práctica {time}."
        ),
        # sciatica play (cli/play.py)
        "Not saved to anyone: without --email this session is kept nowhere. To keep it in "
        "your diary, play with --email you@example.org.": "No se guarda a nombre de nadie: sin "
        "--email esta sesión no se guarda en ningún sitio. Para guardarla en tu diario, usa "
        "--email tu@ejemplo.org.",
        "Not saved.": "No se guardó.",
        "Not saved: {problem}.": "No se guardó: {problem}.",
        "Saved as session {number} for {person}.": "Guardada como sesión {number} de {person}.",
        "--email needs the app's database.": "--email necesita la base de datos de la app.",
        "Not started: the quick safety check was not answered.": (
            "No empezó: no se respondió la revisión rápida de seguridad."
        ),
        "You answered yes to:": "Respondiste que sí a:",
        "Consent is given in the web app, under Settings; then run this again.": (
            "El consentimiento se da en la app web, en Ajustes; después vuelve a ejecutar esto."
        ),
        "The safety questions are in the web app; answer them there, then run this again.": (
            "Las preguntas de seguridad están en la app web; respóndelas allí y después vuelve "
            "a ejecutar esto."
        ),
        "Once a clinician has cleared you, say so with your answers in the web app, then run "
        "this again.": "Cuando un profesional de la salud te dé el visto bueno, indícalo junto "
        "a tus respuestas en la app web y después vuelve a ejecutar esto.",
        # the quick check (cli/check.py)
        "[Enter] none of these   [y] yes, one or more: go through them   [q] do not start": (
            "[Enter] nada de esto   [y] sí, una o más: repasarlas   [q] no empezar"
        ),
        "{n} of {total}. ": "{n} de {total}. ",
        "[y] yes   [n] no": "[y] sí   [n] no",
        "yes": "sí",
        "no": "no",
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
