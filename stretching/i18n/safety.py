"""The safety screen's words in another language: `data/<lang>/screening.toml` holds each
question of stretching/screening.py by id (its text, and its help where the English has one),
what a result says ([results], screening.RESULT_WORDS in lower case), what the safety gate says
([gate], gate.GATE_WORDS in lower case) and how a day reads ([dates]).

Checked on load, every problem named at once: every question and every text is there and no
other, placeholders as the English's, not a copy of the English, and nothing the product never
says (screening.forbidden_phrases_in, which knows the Spanish words too: curar, tratar,
diagnosticar, seguro...).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import gate
from .. import screening as sc
from ..catalogue import DATA_DIR
from ..datafile import Problem, Reader
from .content import TranslationError, _parse

PLACEHOLDER = re.compile(r"\{(\w*)\}")
FILE_KEYS = {"questions", "results", "gate", "dates"}
DATE_PLACEHOLDERS = {"day", "month", "year"}


def load_screen_words(lang: str, data_dir: Path | str = DATA_DIR) -> sc.ScreenWords:
    """Read and check `data_dir/<lang>/screening.toml`; raise TranslationError listing every
    problem."""
    if lang == "en":
        return sc.ENGLISH
    file = f"{lang}/screening.toml"
    problems: list[Problem] = []
    path = Path(data_dir) / lang / "screening.toml"
    data = _parse(path, file, problems) if path.exists() else None
    if data is None and not problems:
        problems.append(Problem(file, "(file)", "is missing"))
    data = data or {}
    r = Reader(file, data, problems)
    r.unknown_keys("", FILE_KEYS)
    questions = _questions(r, data.get("questions"))
    english_results = {name.lower(): sc.ENGLISH.result(name) for name in sc.RESULT_WORDS}
    results = _texts(r, "results", english_results)
    english_gate = {name.lower(): gate.say(name) for name in gate.GATE_WORDS}
    gate_words = _texts(r, "gate", english_gate)
    r.unknown_keys("dates", {"day", "months"})
    day_format = r.text("dates.day")
    if day_format and set(PLACEHOLDER.findall(day_format)) != DATE_PLACEHOLDERS:
        r.problem("dates.day", "must name {day}, {month} and {year}")
    months = r.texts("dates.months")
    if months and len(months) != 12:
        r.problem("dates.months", f"must name the 12 months, not {len(months)}")
    if problems:
        raise TranslationError(lang, problems)
    return sc.ScreenWords(lang, questions, results, gate_words, day_format, months)


def _checked(r: Reader, where: str, english: str, text: str) -> None:
    if not text:
        return
    wanted, got = set(PLACEHOLDER.findall(english)), set(PLACEHOLDER.findall(text))
    if wanted != got:
        have, need = _braced(got), _braced(wanted)
        r.problem(where, f"has placeholders {have} where the English has {need}")
    if text == english:
        r.problem(where, "is the English text: write it in the file's language")
    found = sc.forbidden_phrases_in(text)
    if found:
        r.problem(where, f"says what the product never says: {', '.join(found)}")


def _questions(r: Reader, raw: Any) -> tuple[sc.Question, ...]:
    if not isinstance(raw, Mapping):
        r.problem("questions", "must be a table of question id = {text, help}")
        return sc.QUESTIONS
    r.unknown_keys("questions", set(sc.QUESTIONS_BY_ID))
    out = []
    for q in sc.QUESTIONS:
        where = f"questions.{q.id}"
        if q.id not in raw:
            r.problem(where, "is missing: every question needs its translation")
            out.append(q)
            continue
        r.unknown_keys(where, {"text", "help"} if q.help else {"text"})
        text = r.text(f"{where}.text")
        _checked(r, f"{where}.text", q.text, text)
        help_text = r.text(f"{where}.help") if q.help else ""
        if q.help:
            _checked(r, f"{where}.help", q.help, help_text)
        out.append(sc.Question(q.id, q.tier, text or q.text, help_text or q.help))
    return tuple(out)


def _texts(r: Reader, section: str, english: Mapping[str, str]) -> dict[str, str]:
    r.unknown_keys(section, set(english))
    out = {}
    for name, text in english.items():
        where = f"{section}.{name}"
        translated = r.text(where)
        _checked(r, where, text, translated)
        out[name] = translated or text
    return out


def _braced(names: set[str]) -> str:
    return ", ".join(f"{{{n}}}" for n in sorted(names)) or "none"
