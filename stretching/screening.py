"""The safety screen: warning-sign questions asked before any routine, and what the answers mean.

Tier A signs mean stop and seek emergency care now; Tier B signs mean stop and see a clinician
before starting. A result only ever escalates: it never tells a person they are fine, and a
"clear" status means only that no warning sign was reported today.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

SCREEN_VERSION = "2026-11"

Tier = Literal["A", "B"]
Status = Literal["clear", "emergency", "see-clinician", "cleared-by-clinician"]


@dataclass(frozen=True)
class Question:
    """One yes/no warning-sign question; `help` is an optional sentence shown under it."""

    id: str
    tier: Tier
    text: str
    help: str | None = None


TIER_A: tuple[Question, ...] = (
    Question(
        "a1",
        "A",
        "Have you noticed new numbness or a changed feeling in your saddle area?",
        "The saddle area is the skin that would rest on a bicycle seat: between your legs, "
        "around your genitals and bottom, and the inner part of your buttocks.",
    ),
    Question(
        "a2",
        "A",
        "Have you had new trouble peeing, such as difficulty starting, a weak flow, or being "
        "unable to go?",
        "It also counts if you cannot feel the urine coming out or cannot tell when your "
        "bladder is full.",
    ),
    Question(
        "a3",
        "A",
        "Have you recently lost control of your bladder or bowels, or stopped feeling when you "
        "need to empty your bowels?",
        "Any leak you could not hold back counts, even a small one.",
    ),
    Question(
        "a4",
        "A",
        "Do you have sciatica-like pain, numbness or weakness in both legs?",
        "For example, pain or pins and needles going down the left and the right leg, together "
        "or taking turns.",
    ),
    Question(
        "a5",
        "A",
        "Is one of your legs or feet getting weaker over hours or days?",
        "For example, your toes catch or your foot slaps down as you walk, your knee gives way, "
        "or walking keeps getting harder.",
    ),
    Question(
        "a6",
        "A",
        "Did your pain begin after a bad accident, like a fall from a height or a road crash?",
    ),
    Question(
        "a7",
        "A",
        "Have you ever had cancer, and do you now have new back pain with numbness, weakness "
        "or trouble walking?",
    ),
    Question(
        "a8",
        "A",
        "Do you have a fever or feel generally ill, as well as severe back pain?",
    ),
    Question(
        "a9",
        "A",
        "Have you noticed any new change in your sex life, such as less feeling or trouble "
        "with erections?",
        "We ask because this can go together with the other signs on this list.",
    ),
)

TIER_B: tuple[Question, ...] = (
    Question("b1", "B", "Have you ever been told you have cancer?"),
    Question("b2", "B", "Have you lost weight recently without trying to?"),
    Question(
        "b3",
        "B",
        "Is this your first bout of back pain or sciatica, and are you over 50 or under 20?",
    ),
    Question(
        "b4",
        "B",
        "Is your pain there all the time whatever you do, worse at night or lying down, or "
        "high up in your back?",
        "Answer yes if any one of these fits: rest and changing position make no difference, "
        "it is worse in bed, or it sits in the upper or middle back.",
    ),
    Question(
        "b5",
        "B",
        "Do you take steroid tablets long-term, have thin bones (osteoporosis), or did the "
        "pain start after a small fall or lifting something?",
    ),
    Question(
        "b6",
        "B",
        "Is your immune system weakened, have you ever injected drugs, or have you recently "
        "had an infection or a procedure on your spine?",
        "Immunity can be lowered by some illnesses and by medicines such as chemotherapy or "
        "those taken after a transplant.",
    ),
    Question(
        "b7",
        "B",
        "Do you have numbness or weakness in one leg or foot that is staying the same?",
        "Weakness that is getting worse is covered by an earlier question.",
    ),
    Question(
        "b8",
        "B",
        "Are you stiff for over half an hour in the morning, easing as you move, and did "
        "this start before you were 45?",
    ),
    Question(
        "b9",
        "B",
        "Are you pregnant, or have you had an operation on your spine or hip in the past year?",
    ),
    Question(
        "b10",
        "B",
        "Has your pain lasted about 4 to 6 weeks without getting better, or is it too strong "
        "to cope with?",
    ),
)

QUESTIONS: tuple[Question, ...] = TIER_A + TIER_B
QUESTIONS_BY_ID: Mapping[str, Question] = {q.id: q for q in QUESTIONS}
TIERS: Mapping[Tier, tuple[Question, ...]] = {"A": TIER_A, "B": TIER_B}

# A new change in sexual function is a Tier A sign only alongside another Tier A sign; on its
# own (with back pain) it is a Tier B sign. evaluate() and recheck() both apply this.
NEEDS_COMPANION = "a9"

# Words and phrases no question, headline or message may contain (whole words, any case):
# results only ever say "please seek care" or "stop and see a clinician".
FORBIDDEN_PHRASES: tuple[str, ...] = (
    "safe",
    "safely",
    "all clear",
    "ruled out",
    "rule out",
    "rules out",
    "nothing serious",
    "nothing to worry",
    "no need to see",
    "cauda equina",
    "not cauda equina",
    "treat",
    "treats",
    "treatment",
    "cure",
    "cures",
    "cured",
    "heal",
    "heals",
    "healed",
    "healing",
    "fix",
    "fixes",
    "fixed",
    "diagnose",
    "diagnosed",
    "diagnosis",
    "clinically proven",
    "prescription",
    "therapy",
    "replaces physiotherapy",
    "nerve compression",
    "normal",
)
# The same in Spanish, for the Spanish text (stretching/i18n.py checks it on load): the words
# for treat, cure, heal, fix and diagnose in every form a sentence could use, and for the rest.
FORBIDDEN_PHRASES_ES: tuple[str, ...] = (
    *("seguro", "segura", "seguros", "seguras", "sin peligro", "sin riesgo", "a salvo"),
    *("todo en orden", "nada grave", "nada serio"),
    *("nada de qué preocuparse", "nada de que preocuparse", "nada por lo que preocuparse"),
    *("descartar", "descarta", "descartado", "descartada", "descartados", "descartadas"),
    *("no hace falta ver", "no hace falta ir", "no hace falta consultar"),
    *("no necesitas ver", "no necesitas ir", "no necesitas consultar"),
    *("no es necesario ver", "no es necesario ir", "no es necesario consultar"),
    *("cola de caballo",),
    *("tratar", "trata", "tratan", "tratamiento", "tratamientos"),
    *("curar", "cura", "curan", "curación", "curado", "curada"),
    *("sanar", "sana", "sanan", "sanación", "cicatrizar"),
    *("arreglar", "arregla", "arreglan", "reparar", "repara", "reparan"),
    *("diagnosticar", "diagnostica", "diagnosticado", "diagnosticada"),
    *("diagnóstico", "diagnostico", "diagnósticos"),
    *("clínicamente probado", "clínicamente probada", "clínicamente comprobado"),
    *("clínicamente comprobada", "probado clínicamente", "comprobado clínicamente"),
    *("receta", "recetado", "prescripción", "prescrito"),
    *("terapia", "terapias", "terapéutico", "terapéutica"),
    *("sustituye la fisioterapia", "reemplaza la fisioterapia", "sustituye a la fisioterapia"),
    *("compresión del nervio", "compresión nerviosa", "descomprimir", "descomprime"),
    *("normales",),
)

_FORBIDDEN = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in (*FORBIDDEN_PHRASES, *FORBIDDEN_PHRASES_ES)) + r")\b",
    re.IGNORECASE,
)


def forbidden_phrases_in(text: str) -> tuple[str, ...]:
    """The forbidden phrases found in `text`, lower-cased, in order of appearance."""
    return tuple(m.group(0).lower() for m in _FORBIDDEN.finditer(text))


EMERGENCY_HEADLINE = "Stop and seek emergency care now"
EMERGENCY_MESSAGE = (
    "Please do not start any stretches, and seek emergency care now: go to an urgent care "
    "centre or emergency department, or call your local emergency number. What you told us "
    "needs a doctor to look at it without waiting. Your routines stay locked."
)
CLINICIAN_HEADLINE = "Stop and see a clinician before you start"
CLINICIAN_MESSAGE = (
    "Please stop and see a clinician, such as your doctor or a physiotherapist, before you "
    "begin any stretches, and tell them what you answered here. Your routines stay locked "
    "until you confirm that a clinician has cleared you to exercise."
)
CLEARED_HEADLINE = "Routines unlocked with your clinician's go-ahead"
CLEARED_MESSAGE = (
    "You told us a clinician cleared you to exercise on {day}. Follow their advice first. "
    "If your symptoms change, stop and see a clinician; if any sign from the first set of "
    "questions appears, stop and seek emergency care at once."
)
CLEAR_HEADLINE = "You can go on to the routines"
CLEAR_MESSAGE = (
    "Go on to the routines when you are ready. If any of the signs asked about here appear "
    "later, stop and please seek care straight away."
)
RECHECK_CLEAR_MESSAGE = (
    "Go ahead with today's session. If any of these signs appear later, stop and please seek "
    "care straight away."
)


RESULT_WORDS: tuple[str, ...] = (
    "EMERGENCY_HEADLINE",
    "EMERGENCY_MESSAGE",
    "CLINICIAN_HEADLINE",
    "CLINICIAN_MESSAGE",
    "CLEARED_HEADLINE",
    "CLEARED_MESSAGE",
    "CLEAR_HEADLINE",
    "CLEAR_MESSAGE",
    "RECHECK_CLEAR_MESSAGE",
)
"""The names of what a result says; another language gives each of them (lower case) in
`data/<lang>/screening.toml`'s [results]."""


@dataclass(frozen=True)
class ScreenWords:
    """The screen's words in one language: its questions (the same ids, tiers and order as
    the English), what a result says and what the safety gate says (by constant name, lower
    case: "clear_headline", "need_screen"), and how the day of a clinician's go-ahead reads."""

    lang: str
    questions: tuple[Question, ...]
    results: Mapping[str, str]
    gate: Mapping[str, str] = field(default_factory=dict)
    """Empty for English: stretching/gate.py's constants are the English."""
    day_format: str = ""
    months: tuple[str, ...] = ()

    @property
    def by_id(self) -> Mapping[str, Question]:
        return {q.id: q for q in self.questions}

    def tier(self, tier: Tier) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.tier == tier)

    def result(self, name: str) -> str:
        return self.results[name.lower()]

    def day(self, d: date) -> str:
        if not self.day_format:
            return f"{d.day} {d:%B %Y}"
        return self.day_format.format(day=d.day, month=self.months[d.month - 1], year=d.year)


ENGLISH = ScreenWords("en", QUESTIONS, {name.lower(): globals()[name] for name in RESULT_WORDS})


def words(lang: str = "en") -> ScreenWords:
    """The screen's words in `lang` (data/<lang>/screening.toml, checked once on first use)."""
    if lang == "en":
        return ENGLISH
    from . import i18n  # i18n imports this module: looked up on first use, not at import

    return i18n.screen_words(lang)


def questions(lang: str = "en") -> tuple[Question, ...]:
    """Every question in `lang`, in screen order (ids and tiers as the English)."""
    return words(lang).questions


@dataclass(frozen=True)
class ScreenResult:
    """What a set of answers means for the person, in words that only ever escalate."""

    status: Status
    reasons: tuple[Question, ...]
    headline: str
    message: str
    locked: bool
    cleared_on: date | None = None
    """The day of the clinician's go-ahead its message names (cleared-by-clinician only)."""
    quick: bool = False
    """The quick check's result (its "clear" says go ahead with today's session)."""
    lang: str = "en"

    def in_language(self, lang: str) -> ScreenResult:
        """The same result, its headline, message and reasons in `lang`."""
        if lang == self.lang:
            return self
        w = words(lang)
        by_id = w.by_id
        reasons = tuple(by_id[q.id] for q in self.reasons)
        headline, message = _worded(self.status, self.quick, self.cleared_on, w)
        return replace(self, reasons=reasons, headline=headline, message=message, lang=lang)


def _worded(
    status: Status, quick: bool, cleared_on: date | None, w: ScreenWords
) -> tuple[str, str]:
    """A result's headline and message in the words `w`."""
    if status == "emergency":
        return w.result("EMERGENCY_HEADLINE"), w.result("EMERGENCY_MESSAGE")
    if status == "see-clinician":
        return w.result("CLINICIAN_HEADLINE"), w.result("CLINICIAN_MESSAGE")
    if status == "cleared-by-clinician":
        assert cleared_on is not None
        message = w.result("CLEARED_MESSAGE").format(day=w.day(cleared_on))
        return w.result("CLEARED_HEADLINE"), message
    message = w.result("RECHECK_CLEAR_MESSAGE" if quick else "CLEAR_MESSAGE")
    return w.result("CLEAR_HEADLINE"), message


def evaluate(
    answers: Mapping[str, bool | None], *, cleared_on: date | None = None, lang: str = "en"
) -> ScreenResult:
    """The outcome of the full screen; every question must be answered yes or no. Its words
    (headline, message, the questions answered yes) are in `lang`.

    `cleared_on` is the day the person confirmed a clinician cleared them: it unlocks Tier B
    signs only, never Tier A ones.
    """
    unknown = sorted(set(answers) - set(QUESTIONS_BY_ID), key=_order)
    if unknown:
        raise ValueError(f"Unknown question ids: {', '.join(unknown)}")
    missing = unanswered(answers)
    if missing:
        raise ValueError(f"Unanswered questions: {', '.join(q.id for q in missing)}")
    not_bool = [q.id for q in QUESTIONS if not isinstance(answers[q.id], bool)]
    if not_bool:
        raise ValueError(f"Answers must be yes or no (True/False): {', '.join(not_bool)}")
    return _outcome([q for q in QUESTIONS if answers[q.id]], cleared_on=cleared_on).in_language(
        lang
    )


def unanswered(answers: Mapping[str, bool | None]) -> tuple[Question, ...]:
    """The questions with no yes or no among `answers`, in screen order."""
    return tuple(q for q in QUESTIONS if answers.get(q.id) is None)


def with_none_of(
    answers: Mapping[str, bool | None], tiers: Iterable[Tier]
) -> dict[str, bool | None]:
    """`answers` with "None of these apply to me" ticked for `tiers`: an explicit no to every
    question of those tiers not answered yet. A yes always stays a yes (results only escalate),
    and the other tiers' unanswered questions stay unanswered for evaluate() to refuse."""
    chosen = set(tiers)
    unknown = sorted(chosen - set(TIERS))
    if unknown:
        raise ValueError(f"Unknown tiers: {', '.join(unknown)}")
    filled = dict(answers)
    for q in QUESTIONS:
        if q.tier in chosen and filled.get(q.id) is None:
            filled[q.id] = False
    return filled


def recheck(ticked: Iterable[str], lang: str = "en") -> ScreenResult:
    """The quick Tier A check before each session; nothing ticked means "none of these". Its
    words are in `lang`.

    A "clear" here says nothing about Tier B: the caller keeps the onboarding result too.
    """
    ids = set(ticked)
    not_tier_a = sorted(ids - {q.id for q in TIER_A}, key=_order)
    if not_tier_a:
        raise ValueError(f"Not a re-check question: {', '.join(not_tier_a)}")
    result = _outcome([q for q in TIER_A if q.id in ids], cleared_on=None)
    if result.status == "clear":
        result = ScreenResult(
            "clear", (), CLEAR_HEADLINE, RECHECK_CLEAR_MESSAGE, locked=False, quick=True
        )
    else:
        result = replace(result, quick=True)
    return result.in_language(lang)


def _outcome(yes: list[Question], *, cleared_on: date | None) -> ScreenResult:
    tier_a = [q for q in yes if q.tier == "A" and q.id != NEEDS_COMPANION]
    if tier_a:
        reasons = tuple(q for q in yes if q.tier == "A")
        return ScreenResult("emergency", reasons, EMERGENCY_HEADLINE, EMERGENCY_MESSAGE, True)
    # No other Tier A sign: a lone "yes" to the companion question counts as Tier B.
    tier_b = tuple(q for q in yes if q.tier == "B" or q.id == NEEDS_COMPANION)
    if tier_b and cleared_on is None:
        return ScreenResult("see-clinician", tier_b, CLINICIAN_HEADLINE, CLINICIAN_MESSAGE, True)
    if tier_b and cleared_on is not None:
        day = f"{cleared_on.day} {cleared_on:%B %Y}"
        message = CLEARED_MESSAGE.format(day=day)
        return ScreenResult(
            "cleared-by-clinician", tier_b, CLEARED_HEADLINE, message, False, cleared_on
        )
    return ScreenResult("clear", (), CLEAR_HEADLINE, CLEAR_MESSAGE, False)


def _order(question_id: str) -> tuple[int, str]:
    """Sort known ids in screen order and unknown ones after them."""
    ids = [q.id for q in QUESTIONS]
    return (ids.index(question_id), "") if question_id in ids else (len(ids), question_id)
