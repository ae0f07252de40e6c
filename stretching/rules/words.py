"""The sentences the rules write: one plain sentence for every change they make, in each
language the product speaks.

`Words` writes English, `SpanishWords` the same in Spanish (informal "tú", exercise and routine
names from `stretching.i18n.catalogue("es")`); `for_language(lang)` picks one. Day words are
relative to now ('today', 'on Thursday', 'Monday 3 Nov' beyond six days; 'hoy', 'el jueves',
'el lunes 3 nov') in the person's zone; numbers up to ten are written as words.

The module-level functions are the English ones, and write in the language of the `Days` they
are given (a `Days` carries its `Words`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, tzinfo
from functools import cache

from ..catalogue import Catalogue, Exercise, Routine
from ..symptoms import CheckIn, TrendWords, max_extent
from .history import OverrideChoice
from .state import DoseChange, StretchState, page_hold

ORDINALS = ("first", "second", "third", "fourth", "fifth")
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
GREEN = "where nothing hurt and the next check-in was no worse"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class Words(TrendWords):
    """Every sentence the rules and the plan's presenter write, in English."""

    lang = "en"
    ordinals: tuple[str, ...] = ORDINALS
    number_words: tuple[str, ...] = NUMBER_WORDS
    green = GREEN
    today_word = "today"

    # --- small words ------------------------------------------------------------------------

    def number(self, n: int) -> str:
        return self.number_words[n] if 0 <= n < len(self.number_words) else str(n)

    def times(self, n: int) -> str:
        return {1: "once", 2: "twice"}.get(n, f"{n} times")

    def ordinal(self, n: int) -> str:
        return self.ordinals[n - 1] if 0 < n <= len(self.ordinals) else f"{n}th"

    def name(self, ex: Exercise) -> str:
        """The exercise's name in this language."""
        return ex.name

    def routine_title(self, routine: Routine) -> str:
        """The routine's name in this language (a clinician's own routine keeps its name)."""
        return routine.name

    def routine_name(self, catalogue: Catalogue, kind: str, fallback: str) -> str:
        """The name of the catalogue's routine of this kind (relief, warm-up), or `fallback`."""
        routine = next((r for r in catalogue.routines.values() if r.kind == kind), None)
        return self.routine_title(routine) if routine else fallback

    def day(self, d: date, today: date) -> str:
        """A day other than today: 'Monday', or 'Monday 3 Nov' a week or more away."""
        if abs((d - today).days) > 6:
            return f"{d:%A} {d.day} {d:%b}"
        return f"{d:%A}"

    def on(self, name: str) -> str:
        return name if name == self.today_word else f"on {name}"

    def until(self, name: str) -> str:
        return "until later today" if name == self.today_word else f"until {name}"

    def on_each(self, names: Sequence[str]) -> str:
        return "on " + ", ".join(names[:-1]) + " and " + names[-1]

    def dose_text(self, exercise: Exercise, hold: int, repetitions: int) -> str:
        """'2 x 15 s', '15 s' or '7 repetitions'."""
        if exercise.dose.kind == "hold":
            return f"{repetitions} x {hold} s" if repetitions > 1 else f"{hold} s"
        return f"{repetitions} repetition" + ("s" if repetitions != 1 else "")

    # --- pauses -----------------------------------------------------------------------------

    def cause(self, st: StretchState, days: Days, again: bool) -> str:
        """'it hurt again on Thursday' or 'your symptoms spread further down the leg during it'."""
        when = days.on(st.provoked_at) if st.provoked_at else ""
        extra = " again" if again else ""
        if st.provoked_by == "spread":
            return f"your symptoms spread further down the leg during it{extra} {when}"
        return f"it hurt{extra} {when}"

    def stays_off(self, st: StretchState, ex: Exercise, days: Days) -> str:
        return (
            f"{self.name(ex)} stays off because {self.cause(st, days, True)}, the "
            f"{self.ordinal(st.provoking_returns)} time after coming back; please ask a "
            "clinician about it before trying it again."
        )

    def paused(
        self,
        st: StretchState,
        ex: Exercise,
        days: Days,
        ready: datetime | None,
        needed: int,
        of: int,
    ) -> str:
        number, name = self.number, self.name(ex)
        if needed == of:
            sessions = f"{number(needed)} sessions in a row" if needed > 1 else "one session"
        else:
            sessions = f"{number(needed)} more session" + ("s" if needed > 1 else "")
        wait = f"you have done {sessions} with nothing hurting"
        why = self.cause(st, days, st.times_paused > 1)
        if ready is not None:
            text = f"{name} is paused {days.until(ready)} because {why}"
            return text + (f", and until {wait}." if needed else ".")
        return f"{name} is paused because {why}, until {wait}."

    # --- doses ------------------------------------------------------------------------------

    def starts_short(self, st: StretchState, ex: Exercise, step: int, green_pair: int) -> str:
        return (
            f"{self.name(ex)} starts with {st.hold} s holds, building up to the full "
            f"{page_hold(ex)} s by {step} s after every "
            f"{self.number(green_pair)} sessions in a row {self.green}."
        )

    def stepped_up(
        self, st: StretchState, ex: Exercise, ch: DoseChange, step: int, days: Days
    ) -> str:
        up = f"{step} s" if ch.what == "hold" else "one repetition"
        return (
            f"{self.name(ex)} is now at {self.dose_text(ex, st.hold, st.reps)}, up {up} after "
            f"{self.number(len(ch.green_days))} sessions in a row "
            f"{days.on_each(ch.green_days)} {self.green}."
        )

    def came_back(self, st: StretchState, ex: Exercise, ch: DoseChange, days: Days) -> str:
        now_text = self.dose_text(ex, st.hold, st.reps)
        before = self.dose_text(ex, ch.hold_before, ch.reps_before)
        dose = (
            f", still at {now_text},"
            if before == now_text
            else f" at a reduced dose, {now_text} instead of {before},"
        )
        return (
            f"{self.name(ex)} came back {days.on(ch.at)}{dose} after being paused because "
            f"{self.cause(st, days, st.times_paused > 1)}."
        )

    def overridden(self, st: StretchState, ex: Exercise, days: Days) -> str:
        """What the person's own override did: brought the stretch back, or reset its dose."""
        ch = st.last_change
        assert ch is not None
        name, now_text = lower_first(self.name(ex)), self.dose_text(ex, st.hold, st.reps)
        if ch.kind == "reset":
            return f"You set {name} back to its full dose, {now_text}, {days.on(ch.at)}."
        before = self.dose_text(ex, ch.hold_before, ch.reps_before)
        if before == now_text:
            return f"You brought {name} back {days.on(ch.at)}; it starts again at {now_text}."
        return (
            f"You brought {name} back {days.on(ch.at)}; it starts again at a reduced dose, "
            f"{now_text} instead of {before}."
        )

    # --- the whole plan ---------------------------------------------------------------------

    def new_signs(self) -> Mapping[str, str]:
        """What a check-in newly notes, by key (numbness, weakness, both-legs)."""
        return {
            "numbness": "numbness or tingling",
            "weakness": "weakness",
            "both-legs": "symptoms in both legs",
        }

    def tier_a(self, last: CheckIn, new: list[str], days: Days) -> str:
        return (
            f"Your check-in {days.on(last.at)} notes new {' and '.join(new)}, so please answer "
            "the quick safety questions again before your next session."
        )

    def shortened(self, spread_at: datetime, c: CheckIn, days: Days) -> str:
        return (
            f"Your symptoms spread further down the leg {days.on(spread_at)} and still reached "
            f"{self.extent_place(max_extent(c))} at your check-in {days.on(c.at)}, so your "
            "routines keep to their gentlest stretches until your symptoms are back where they "
            "were."
        )

    def graduated(self, first: CheckIn, last: CheckIn, hours: int, warm_up: str, days: Days) -> str:
        return (
            f"Your leg and back pain were both 0 {days.on(first.at)} and still 0 "
            f"{days.on(last.at)}, at least {hours} hours later, so the plan has "
            f"moved on to the {lower_first(warm_up)}."
        )

    def relapsed(self, last: CheckIn, relief: str, days: Days) -> str:
        return (
            f"Your pain came back (leg {last.leg_pain}, back {last.back_pain}) "
            f"{days.on(last.at)}, so the plan is back to the {lower_first(relief)}."
        )

    # --- daily limits -----------------------------------------------------------------------

    def due_text(self, done: int, minimum: int | None, maximum: int | None) -> str:
        """'3 of up to 10', '1 of 2', or '2 today' where nothing is asked for."""
        if not minimum:
            return f"{done} today"
        if maximum and maximum != minimum:
            return f"{done} of up to {maximum}"
        return f"{done} of {minimum}"

    def no_such_routine(self, routine_id: str) -> str:
        return f"There is no routine called '{routine_id}'."

    def all_left_out(self, name: str) -> str:
        return (
            f"Every stretch in {name} is left out today, so there is nothing to "
            "play; the notes on this page say why."
        )

    def daily_limit(self, started: int, name: str) -> str:
        return (
            f"You have done {started} sessions of {name} today, the most the "
            "routine asks for. Let your body rest now; it is here again tomorrow."
        )

    def as_often_as_suggested(self, started: int, name: str) -> str:
        return (
            f"You have done {name} {self.times(started)} today, as often as the "
            "routine suggests; another one is up to you."
        )

    def session_of(self, index: int, maximum: int) -> str:
        return f"This is session {index} of up to {maximum} today."

    # --- the presenter's own lines ----------------------------------------------------------

    def headline_fallback(self, kind: str) -> str:
        return "Daily warm-up" if kind == "warm-up" else "Relief sequence"

    def in_sentence(self, kind: str, name: str | None) -> str:
        """A routine's name inside a sentence: 'relief sequence'."""
        if name is None:
            return "daily warm-up" if kind == "warm-up" else "relief sequence"
        return name.lower()

    def back_to_relief(self, relapse_pain: int, relief: str) -> str:
        return (
            f"If leg or back pain comes back at {relapse_pain} or more, the plan goes "
            f"back to the {relief}."
        )

    def relief_rule(self, relief: str, most: int, hours: int, warm: str) -> str:
        return (
            f"Do the {relief} at least once a day, and up to {most} times if you like, always "
            f"in its order, until your leg and back pain have both been 0 for a full "
            f"{hours} hours; then the plan moves on to the {warm}."
        )

    def build_up_rule(self, start: int, step: int, sessions: int) -> str:
        return (
            f"Holds start at {start} s (or the page's hold if shorter) and "
            f"rise {step} s after every {sessions} sessions "
            f"in a row {self.green}."
        )

    def later_today(self) -> str:
        return "later today"

    def stays_off_status(self) -> str:
        return "Stays off"

    def paused_until(self, day: str) -> str:
        return f"Paused until {day}"

    def paused_for_sessions(self, n: int) -> str:
        return f"Paused until {n} more session{'s' if n != 1 else ''} with nothing hurting"

    def building_to(self, today: str, full: str) -> str:
        return f"{today} today, building to {full}"

    ask_a_clinician = "Please ask a clinician about it first. "

    def override(self, choice: OverrideChoice) -> OverrideChoice:
        """The override as people meet it in this language."""
        return choice

    def trend_line(self, verdict: str, reason: str) -> str:
        return f"How things are going: {self.verdict(verdict)}. {reason}"


SPANISH_DAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
SPANISH_MONTHS = (
    "ene",
    "feb",
    "mar",
    "abr",
    "may",
    "jun",
    "jul",
    "ago",
    "sept",
    "oct",
    "nov",
    "dic",
)
SPANISH_PLACES = (
    "a ninguna parte",
    "a la zona lumbar",
    "al glúteo o la cadera",
    "al muslo",
    "por debajo de la rodilla",
    "al pie",
)
"""EXTENT_PLACES after 'llegaban' ('reached')."""
SPANISH_LABELS = (
    "sin síntomas",
    "zona lumbar",
    "nalga o cadera",
    "muslo",
    "bajo la rodilla",
    "pie",
)
"""EXTENT_LABELS, as the diary's pages name them."""
SPANISH_VERDICTS = {
    "not enough data": "todavía faltan datos",
    "worse": "peor",
    "improving": "mejorando",
    "about the same": "más o menos igual",
}
SPANISH_RESUME = OverrideChoice(
    "resume",
    label="Recuperar",
    button="Recuperarlo ahora",
    help=(
        "Vuelve en tu próxima sesión con una dosis más suave. Si vuelve a doler, el plan lo "
        "deja fuera otra vez."
    ),
    done="vuelve a estar en tu rutina",
)
SPANISH_RESET_DOSE = OverrideChoice(
    "reset-dose",
    label="Restablecer la dosis",
    button="Volver a la dosis completa",
    help=(
        "Tu próxima sesión usa la dosis completa, {full}, en lugar de ir subiendo hasta ahí. "
        "Si entonces duele, el plan lo pone en pausa, como a cualquier estiramiento."
    ),
    done="vuelve a su dosis completa",
)


class SpanishWords(Words):
    """The same sentences in Spanish, for a reader addressed as "tú"."""

    lang = "es"
    ordinals = ("primera", "segunda", "tercera", "cuarta", "quinta")
    number_words = (
        "ninguna",
        "una",
        "dos",
        "tres",
        "cuatro",
        "cinco",
        "seis",
        "siete",
        "ocho",
        "nueve",
        "diez",
    )
    green = "en las que nada dolió y el registro siguiente no fue peor"
    green_ahead = "en las que nada duela y el registro siguiente no sea peor"
    today_word = "hoy"

    def times(self, n: int) -> str:
        return "una vez" if n == 1 else f"{self.number(n)} veces"

    def ordinal(self, n: int) -> str:
        return self.ordinals[n - 1] if 0 < n <= len(self.ordinals) else f"{n}.ª"

    def name(self, ex: Exercise) -> str:
        found = _catalogue(self.lang).exercises.get(ex.id)
        return found.name if found is not None else ex.name

    def routine_title(self, routine: Routine) -> str:
        found = _catalogue(self.lang).routines.get(routine.id)
        return found.name if found is not None else routine.name

    def day(self, d: date, today: date) -> str:
        name = f"el {SPANISH_DAYS[d.weekday()]}"
        if abs((d - today).days) > 6:
            return f"{name} {d.day} {SPANISH_MONTHS[d.month - 1]}"
        return name

    def on(self, name: str) -> str:
        return name

    def until(self, name: str) -> str:
        return "hasta más tarde hoy" if name == self.today_word else f"hasta {name}"

    def on_each(self, names: Sequence[str]) -> str:
        return ", ".join(names[:-1]) + " y " + names[-1]

    def of_day(self, name: str) -> str:
        """'de hoy', 'del jueves': which check-in."""
        return "de hoy" if name == self.today_word else "d" + name

    def dose_text(self, exercise: Exercise, hold: int, repetitions: int) -> str:
        if exercise.dose.kind == "hold":
            return f"{repetitions} x {hold} s" if repetitions > 1 else f"{hold} s"
        return f"{repetitions} " + ("repetición" if repetitions == 1 else "repeticiones")

    def extent_place(self, level: int) -> str:
        return SPANISH_PLACES[level]

    # --- the trend ----------------------------------------------------------------------------

    def short_date(self, when: datetime, tz: tzinfo | None) -> str:
        local = when.astimezone(tz) if tz is not None else when
        return f"{local.day} {SPANISH_MONTHS[local.month - 1]}"

    def extent_label(self, level: int) -> str:
        return SPANISH_LABELS[level]

    def verdict(self, verdict: str) -> str:
        return SPANISH_VERDICTS.get(verdict, verdict)

    def trend_none(self, days: int) -> str:
        return f"No hay registros en los últimos {days} días."

    def trend_one(self, days: int) -> str:
        return (
            f"Solo hay un registro en los últimos {days} días, y para ver una tendencia "
            "hacen falta dos."
        )

    def trend_pain(self, before: int, after: int, since: str) -> str:
        return f"El dolor de pierna pasó de {before} a {after} desde el {since}"

    def trend_where(self, now: str, before: str) -> str:
        return f"({now} en lugar de {before})"

    def trend_spreading(self, where: str) -> str:
        return f"tus síntomas llegan ahora más abajo en la pierna {where}"

    def trend_spread_since(self, since: str, where: str) -> str:
        return f"Tus síntomas llegan ahora más abajo en la pierna que el {since} {where}."

    def trend_and(self, first: str, second: str) -> str:
        return f"{first}, y {second}."

    moving_up = (
        "parece que los síntomas de la pierna suben hacia la espalda, lo que suele ser buena señal"
    )

    def trend_reach(self, first: int, since: str, last: int) -> str:
        now = "ya no llegaban a la pierna" if last == 0 else f"como mucho {self.extent_place(last)}"
        return (
            f"el {since} llegaban {self.extent_place(first)}, y en tus dos últimos registros, {now}"
        )

    def trend_same_pain(self, pain: int, since: str) -> str:
        return f"El dolor de pierna está en {pain}, igual que el {since}"

    def trend_not_clear(self, pain: str) -> str:
        return f"{pain}, todavía sin un cambio claro"

    less_far = (
        ", y tus síntomas llegan menos abajo en la pierna, lo que contará si se mantiene "
        "hasta tu próximo registro"
    )
    as_far = ", y tus síntomas llegan más o menos igual de abajo en la pierna"

    def cause(self, st: StretchState, days: Days, again: bool) -> str:
        when = days.on(st.provoked_at) if st.provoked_at else ""
        if st.provoked_by == "spread":
            words = ["tus síntomas", "volvieron a extenderse" if again else "se extendieron"]
            words.append("más abajo por la pierna durante el ejercicio")
        else:
            words = ["te volvió a doler" if again else "te dolió"]
        return " ".join([*words, when]).strip()

    def stays_off(self, st: StretchState, ex: Exercise, days: Days) -> str:
        return (
            f"{self.name(ex)} queda fuera porque {self.cause(st, days, True)}, la "
            f"{self.ordinal(st.provoking_returns)} vez después de volver; consúltalo con un "
            "profesional de la salud antes de intentarlo otra vez."
        )

    def paused(
        self,
        st: StretchState,
        ex: Exercise,
        days: Days,
        ready: datetime | None,
        needed: int,
        of: int,
    ) -> str:
        number, name = self.number, self.name(ex)
        if needed == of:
            sessions = f"{number(needed)} sesiones seguidas" if needed > 1 else "una sesión"
        else:
            sessions = f"{number(needed)} " + ("sesiones más" if needed > 1 else "sesión más")
        wait = f"hayas hecho {sessions} sin que nada te duela"
        why = self.cause(st, days, st.times_paused > 1)
        if ready is not None:
            text = f"{name} queda en pausa {days.until(ready)} porque {why}"
            return text + (f", y hasta que {wait}." if needed else ".")
        return f"{name} queda en pausa porque {why}, hasta que {wait}."

    def starts_short(self, st: StretchState, ex: Exercise, step: int, green_pair: int) -> str:
        return (
            f"{self.name(ex)} empieza con {st.hold} s en cada repetición y va subiendo hasta "
            f"los {page_hold(ex)} s completos, {step} s más cada vez que hagas "
            f"{self.number(green_pair)} sesiones seguidas {self.green_ahead}."
        )

    def stepped_up(
        self, st: StretchState, ex: Exercise, ch: DoseChange, step: int, days: Days
    ) -> str:
        up = f"{step} s más" if ch.what == "hold" else "una repetición más"
        return (
            f"{self.name(ex)} ya va por {self.dose_text(ex, st.hold, st.reps)}: {up} tras "
            f"{self.number(len(ch.green_days))} sesiones seguidas "
            f"({days.on_each(ch.green_days)}) {self.green}."
        )

    def came_back(self, st: StretchState, ex: Exercise, ch: DoseChange, days: Days) -> str:
        now_text = self.dose_text(ex, st.hold, st.reps)
        before = self.dose_text(ex, ch.hold_before, ch.reps_before)
        dose = (
            f", todavía con {now_text},"
            if before == now_text
            else f" con una dosis menor, {now_text} en lugar de {before},"
        )
        return (
            f"{self.name(ex)} volvió {days.on(ch.at)}{dose} después de quedar en pausa porque "
            f"{self.cause(st, days, st.times_paused > 1)}."
        )

    def overridden(self, st: StretchState, ex: Exercise, days: Days) -> str:
        ch = st.last_change
        assert ch is not None
        name, now_text = self.name(ex), self.dose_text(ex, st.hold, st.reps)
        when = days.on(ch.at)
        if ch.kind == "reset":
            return f"{name} vuelve a su dosis completa, {now_text}, porque así lo elegiste {when}."
        before = self.dose_text(ex, ch.hold_before, ch.reps_before)
        back = f"{name} vuelve a tu rutina porque así lo elegiste {when}; empieza de nuevo con"
        if before == now_text:
            return f"{back} {now_text}."
        return f"{back} una dosis menor, {now_text} en lugar de {before}."

    def new_signs(self) -> Mapping[str, str]:
        return {
            "numbness": "entumecimiento u hormigueo",
            "weakness": "debilidad",
            "both-legs": "síntomas en las dos piernas",
        }

    def tier_a(self, last: CheckIn, new: list[str], days: Days) -> str:
        return (
            f"Tu registro {self.of_day(days.name(last.at))} muestra algo nuevo "
            f"({' y '.join(new)}), así que responde otra vez las preguntas rápidas de "
            "seguridad antes de tu próxima sesión."
        )

    def shortened(self, spread_at: datetime, c: CheckIn, days: Days) -> str:
        return (
            f"Tus síntomas se extendieron más abajo por la pierna {days.on(spread_at)} y en tu "
            f"registro {self.of_day(days.name(c.at))} todavía llegaban "
            f"{self.extent_place(max_extent(c))}, así que tus rutinas se quedan con sus "
            "estiramientos más suaves hasta que tus síntomas vuelvan a donde estaban."
        )

    def graduated(self, first: CheckIn, last: CheckIn, hours: int, warm_up: str, days: Days) -> str:
        return (
            f"Tu dolor de pierna y de espalda estaba en 0 {days.on(first.at)} y seguía en 0 "
            f"{days.on(last.at)}, al menos {hours} horas después, así que el plan ha pasado "
            f"a la rutina {warm_up}."
        )

    def relapsed(self, last: CheckIn, relief: str, days: Days) -> str:
        return (
            f"Tu dolor volvió (pierna {last.leg_pain}, espalda {last.back_pain}) "
            f"{days.on(last.at)}, así que el plan vuelve a la rutina {relief}."
        )

    def due_text(self, done: int, minimum: int | None, maximum: int | None) -> str:
        if not minimum:
            return f"{done} hoy"
        if maximum and maximum != minimum:
            return f"{done} de un máximo de {maximum}"
        return f"{done} de {minimum}"

    def no_such_routine(self, routine_id: str) -> str:
        return f"No hay ninguna rutina llamada '{routine_id}'."

    def all_left_out(self, name: str) -> str:
        return (
            f"Hoy todos los estiramientos de {name} quedan fuera, así que no hay nada que "
            "reproducir; las notas de esta página explican por qué."
        )

    def daily_limit(self, started: int, name: str) -> str:
        return (
            f"Hoy ya hiciste {started} sesiones de {name}, el máximo que pide la rutina. "
            "Ahora deja descansar a tu cuerpo; mañana la tienes aquí otra vez."
        )

    def as_often_as_suggested(self, started: int, name: str) -> str:
        return (
            f"Hoy ya hiciste {name} {self.times(started)}, tantas veces como sugiere la "
            "rutina; hacer otra más depende de ti."
        )

    def session_of(self, index: int, maximum: int) -> str:
        return f"Esta es la sesión {index} de un máximo de {maximum} por hoy."

    def headline_fallback(self, kind: str) -> str:
        return "Calentamiento diario" if kind == "warm-up" else "Secuencia de alivio"

    def in_sentence(self, kind: str, name: str | None) -> str:
        return name if name is not None else self.headline_fallback(kind)

    def back_to_relief(self, relapse_pain: int, relief: str) -> str:
        return (
            f"Si el dolor de pierna o de espalda vuelve a {relapse_pain} o más, el plan vuelve "
            f"a la rutina {relief}."
        )

    def relief_rule(self, relief: str, most: int, hours: int, warm: str) -> str:
        return (
            f"Haz la rutina {relief} al menos una vez al día, y hasta {most} veces si quieres, "
            "siempre en su orden, hasta que tu dolor de pierna y de espalda haya estado en 0 "
            f"durante {hours} horas completas; entonces el plan pasa a la rutina {warm}."
        )

    def build_up_rule(self, start: int, step: int, sessions: int) -> str:
        return (
            f"Cada estiramiento empieza con {start} s por repetición (o con el tiempo de la "
            f"página, si es menor) y sube {step} s cada vez que hagas {sessions} sesiones "
            f"seguidas {self.green_ahead}."
        )

    def later_today(self) -> str:
        return "más tarde hoy"

    def stays_off_status(self) -> str:
        return "Queda fuera"

    def paused_until(self, day: str) -> str:
        return f"En pausa hasta {day}"

    def paused_for_sessions(self, n: int) -> str:
        more = "sesión más" if n == 1 else "sesiones más"
        return f"En pausa hasta que hagas {n} {more} sin que nada te duela"

    def building_to(self, today: str, full: str) -> str:
        return f"{today} hoy, subiendo hasta {full}"

    ask_a_clinician = "Consúltalo primero con un profesional de la salud. "

    def override(self, choice: OverrideChoice) -> OverrideChoice:
        return {"resume": SPANISH_RESUME, "reset-dose": SPANISH_RESET_DOSE}.get(
            choice.action, choice
        )

    def trend_line(self, verdict: str, reason: str) -> str:
        return f"Cómo va todo: {self.verdict(verdict)}. {reason}"


ENGLISH = Words()
WORDS: Mapping[str, Words] = {"en": ENGLISH, "es": SpanishWords()}
"""The rules' words by language."""


def for_language(lang: str | None) -> Words:
    """The words for `lang` ('es'); English for any other."""
    return WORDS.get(lang or "en", ENGLISH)


@cache
def _catalogue(lang: str) -> Catalogue:
    from .. import i18n  # the translated catalogue: loaded once, on first use

    return i18n.catalogue(lang)


class Days:
    """Day words relative to now: 'today', 'Monday', or 'Monday 3 Nov' beyond six days, in
    the language of `words`."""

    def __init__(self, now: datetime, tz: tzinfo | None, words: Words = ENGLISH) -> None:
        self.tz = tz or now.tzinfo
        self.today = self.local(now)
        self.words = words

    def local(self, when: datetime) -> date:
        return when.astimezone(self.tz).date()

    def name(self, when: datetime) -> str:
        d = self.local(when)
        if d == self.today:
            return self.words.today_word
        return self.words.day(d, self.today)

    def on(self, when: datetime) -> str:
        return self.words.on(self.name(when))

    def until(self, when: datetime) -> str:
        return self.words.until(self.name(when))

    def on_each(self, whens: Sequence[datetime]) -> str:
        names = list(dict.fromkeys(self.name(w) for w in whens))
        if len(names) == 1:
            return self.on(whens[0])
        return self.words.on_each(names)


# --- the English functions, each writing in the language of the Days it is given -----------


def number(n: int) -> str:
    return ENGLISH.number(n)


def times(n: int) -> str:
    return ENGLISH.times(n)


def ordinal(n: int) -> str:
    return ENGLISH.ordinal(n)


def dose_text(exercise: Exercise, hold: int, repetitions: int) -> str:
    """'2 x 15 s', '15 s' or '7 repetitions'."""
    return ENGLISH.dose_text(exercise, hold, repetitions)


def cause(st: StretchState, days: Days, again: bool) -> str:
    return days.words.cause(st, days, again)


def stays_off(st: StretchState, ex: Exercise, days: Days) -> str:
    return days.words.stays_off(st, ex, days)


def paused(
    st: StretchState, ex: Exercise, days: Days, ready: datetime | None, needed: int, of: int
) -> str:
    """Paused until a day (`ready`, when still ahead) and until `needed` more of `of` sessions
    in a row with nothing hurting."""
    return days.words.paused(st, ex, days, ready, needed, of)


def starts_short(
    st: StretchState, ex: Exercise, step: int, green_pair: int, days: Days | None = None
) -> str:
    return (days.words if days else ENGLISH).starts_short(st, ex, step, green_pair)


def stepped_up(st: StretchState, ex: Exercise, ch: DoseChange, step: int, days: Days) -> str:
    return days.words.stepped_up(st, ex, ch, step, days)


def came_back(st: StretchState, ex: Exercise, ch: DoseChange, days: Days) -> str:
    return days.words.came_back(st, ex, ch, days)


def overridden(st: StretchState, ex: Exercise, days: Days) -> str:
    """What the person's own override did: brought the stretch back, or reset its dose."""
    return days.words.overridden(st, ex, days)


def tier_a(last: CheckIn, new: list[str], days: Days) -> str:
    return days.words.tier_a(last, new, days)


def shortened(spread_at: datetime, c: CheckIn, days: Days) -> str:
    return days.words.shortened(spread_at, c, days)


def graduated(first: CheckIn, last: CheckIn, hours: int, warm_up: str, days: Days) -> str:
    return days.words.graduated(first, last, hours, warm_up, days)


def relapsed(last: CheckIn, relief: str, days: Days) -> str:
    return days.words.relapsed(last, relief, days)
