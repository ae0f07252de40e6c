"""The ten-tip series: short lessons loaded from data files and validated.

Each tip lives in `data/tips/NN-slug.toml`. Every problem found while loading is collected and
reported together as `file: field: problem`, the way the catalogue reports its data files, so a
reviewer fixes the tips in one pass. Tips are plain text (no markup), so the same data renders
as a web page, an HTML email and a plain-text email.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from . import catalogue
from .catalogue import SOURCE_PAGES
from .datafile import CatalogueError, Problem, Reader, UnknownId, parse_toml, suggest
from .screening import TIER_A, forbidden_phrases_in

TIPS_DIR = catalogue.DATA_DIR / "tips"
SERIES_LENGTH = 10
MIN_WORDS = 150
MAX_WORDS = 300
TIP_KEYS = {
    "number",
    "slug",
    "title",
    "summary",
    "paragraphs",
    "try_today",
    "exercises",
    "sources",
    "warning_signs",
    "signs_after_paragraph",
}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FILE_NAME = re.compile(r"^(\d{2})-(.+)$")
WORD = re.compile(r"[A-Za-z0-9']+")
SENTENCE_BREAK = re.compile(r"[.!?][\"')]?\s+[A-Z]")


@dataclass(frozen=True)
class WarningSign:
    """One emergency warning sign, tied to the safety screen's Tier A question it stands for."""

    question: str
    text: str


@dataclass(frozen=True)
class Tip:
    number: int
    slug: str
    title: str
    summary: str
    paragraphs: tuple[str, ...]
    try_today: str
    exercise_ids: tuple[str, ...]
    sources: tuple[str, ...]
    warning_signs: tuple[WarningSign, ...] = ()
    signs_after_paragraph: int = 0

    @property
    def paragraphs_before_signs(self) -> tuple[str, ...]:
        """The paragraphs shown before the warning signs (all of them when there are none)."""
        if not self.warning_signs:
            return self.paragraphs
        return self.paragraphs[: self.signs_after_paragraph]

    @property
    def paragraphs_after_signs(self) -> tuple[str, ...]:
        return self.paragraphs[self.signs_after_paragraph :] if self.warning_signs else ()

    def texts(self) -> tuple[str, ...]:
        """The lesson's body as read: paragraphs, warning signs, then the thing to try today."""
        return (*self.paragraphs, *(s.text for s in self.warning_signs), self.try_today)

    def word_count(self) -> int:
        return sum(len(WORD.findall(t)) for t in self.texts())

    def as_text(self) -> str:
        """The tip as plain text (an email's text part): title, body, signs, try today."""
        parts = [f"Tip {self.number} of {SERIES_LENGTH}: {self.title}"]
        parts.extend(self.paragraphs_before_signs)
        if self.warning_signs:
            parts.append("\n".join(f"- {s.text}" for s in self.warning_signs))
        parts.extend(self.paragraphs_after_signs)
        parts.append(f"Try today: {self.try_today}")
        return "\n\n".join(parts) + "\n"


@dataclass(frozen=True)
class Series:
    """The tips in order, 1 to SERIES_LENGTH."""

    tips: tuple[Tip, ...]

    def tip(self, slug: str) -> Tip:
        for tip in self.tips:
            if tip.slug == slug:
                return tip
        raise UnknownId("tip", slug, [t.slug for t in self.tips])

    @property
    def urgent(self) -> Tip:
        """The tip that lists the emergency warning signs (the loader checks there is one)."""
        return next(t for t in self.tips if t.warning_signs)

    def number(self, n: int) -> Tip:
        return self.tips[n - 1]

    def previous(self, tip: Tip) -> Tip | None:
        return self.tips[tip.number - 2] if tip.number > 1 else None

    def next(self, tip: Tip) -> Tip | None:
        return self.tips[tip.number] if tip.number < len(self.tips) else None


class TipsError(CatalogueError):
    """Every problem found in the tip files."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        lines = "\n".join(f"  {p}" for p in problems)
        self.args = (f"The tips have {len(problems)} problem(s):\n{lines}",)


def _read_number(r: Reader, file_number: str | None) -> int | None:
    value = r._get("number", True)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        r.problem("number", f"must be a whole number, not {value!r}")
        return None
    if not 1 <= value <= SERIES_LENGTH:
        r.problem("number", f"must be from 1 to {SERIES_LENGTH}, not {value}")
        return None
    if file_number is not None and int(file_number) != value:
        r.problem("number", f"is {value} but the file name starts with '{file_number}'")
    return value


def _read_slug(r: Reader, file_slug: str | None) -> str:
    slug = r.text("slug")
    if slug and not SLUG.match(slug):
        r.problem("slug", f"must be lower-case words joined by hyphens, not '{slug}'")
    elif slug and file_slug is not None and slug != file_slug:
        r.problem("slug", f"is '{slug}' but the file is named for '{file_slug}'")
    return slug


def _read_warning_signs(r: Reader) -> tuple[WarningSign, ...]:
    raw = r._get("warning_signs", False)
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, Mapping) for item in raw):
        r.problem("warning_signs", "must be a list of tables with question and text")
        return ()
    tier_a = [q.id for q in TIER_A]
    signs = []
    for i, item in enumerate(raw):
        where = f"warning_signs[{i}]"
        found: list[Problem] = []
        sign = Reader(r.file, item, found)
        sign.unknown_keys("", {"question", "text"})
        question = sign.text("question")
        text = sign.text("text")
        if question and question not in tier_a:
            hint = suggest(question, tier_a)
            extra = f" (did you mean {hint[0]}?)" if hint else ""
            sign.problem("question", f"'{question}' is not a Tier A question{extra}")
        r.problems.extend(Problem(p.file, f"{where}.{p.field}", p.message) for p in found)
        signs.append(WarningSign(question, text))
    return tuple(signs)


def _read_signs_place(
    r: Reader, signs: tuple[WarningSign, ...], paragraphs: tuple[str, ...]
) -> int:
    """After how many paragraphs the warning signs are listed."""
    value = r._get("signs_after_paragraph", bool(signs))
    if value is None:
        return 0
    if not signs:
        r.problem("signs_after_paragraph", "only belongs to a tip with warning_signs")
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= len(paragraphs):
        r.problem(
            "signs_after_paragraph",
            f"must be a paragraph number from 1 to {len(paragraphs)}, not {value!r}",
        )
        return len(paragraphs)
    return value


def _read_tip(r: Reader, stem: str, exercise_ids: list[str]) -> Tip:
    r.unknown_keys("", TIP_KEYS)
    match = FILE_NAME.match(stem)
    if not match:
        r.problem("(file)", "must be named NN-slug.toml, such as 01-what-sciatica-is.toml")
    number = _read_number(r, match.group(1) if match else None)
    slug = _read_slug(r, match.group(2) if match else None)
    summary = r.text("summary")
    if summary and (SENTENCE_BREAK.search(summary) or summary[-1] not in ".?!"):
        r.problem("summary", "must be one sentence, ending with a full stop")
    ids = r.texts("exercises", required=False)
    for eid in ids:
        if eid not in exercise_ids:
            hint = suggest(eid, exercise_ids)
            extra = f" (did you mean {hint[0]}?)" if hint else ""
            r.problem("exercises", f"unknown exercise id '{eid}'{extra}")
    sources = r.texts("sources", required=False)
    for source in sources:
        if source not in SOURCE_PAGES:
            r.problem("sources", f"'{source}' is not a source page ({', '.join(SOURCE_PAGES)})")
    paragraphs = r.texts("paragraphs")
    signs = _read_warning_signs(r)
    tip = Tip(
        number=number or 0,
        slug=slug,
        title=r.text("title"),
        summary=summary,
        paragraphs=paragraphs,
        try_today=r.text("try_today"),
        exercise_ids=ids,
        sources=sources,
        warning_signs=signs,
        signs_after_paragraph=_read_signs_place(r, signs, paragraphs),
    )
    _check_wording(r, tip)
    return tip


def _check_wording(r: Reader, tip: Tip) -> None:
    """Length within bounds, and none of the phrases the product never says."""
    if tip.paragraphs and tip.try_today and not MIN_WORDS <= tip.word_count() <= MAX_WORDS:
        r.problem(
            "paragraphs",
            f"the tip has {tip.word_count()} words; keep it between {MIN_WORDS} and {MAX_WORDS}",
        )
    fields: list[tuple[str, str]] = [
        ("title", tip.title),
        ("summary", tip.summary),
        *((f"paragraphs[{i}]", p) for i, p in enumerate(tip.paragraphs)),
        ("try_today", tip.try_today),
        *((f"warning_signs[{i}].text", s.text) for i, s in enumerate(tip.warning_signs)),
    ]
    for name, text in fields:
        found = forbidden_phrases_in(text)
        if found:
            r.problem(name, f"says what the product never says: {', '.join(found)}")


def _check_series(tips: Mapping[str, Tip], problems: list[Problem]) -> None:
    """Numbers 1 to SERIES_LENGTH once each, unique slugs, every Tier A sign in one tip."""
    by_number: dict[int, str] = {}
    by_slug: dict[str, str] = {}
    for file, tip in tips.items():
        if tip.number in by_number:
            problems.append(
                Problem(file, "number", f"{tip.number} is also used by {by_number[tip.number]}")
            )
        elif tip.number:
            by_number[tip.number] = file
        if tip.slug in by_slug:
            problems.append(
                Problem(file, "slug", f"'{tip.slug}' is also used by {by_slug[tip.slug]}")
            )
        elif tip.slug:
            by_slug[tip.slug] = file
    for n in range(1, SERIES_LENGTH + 1):
        if n not in by_number:
            problems.append(Problem("tips/", "number", f"no tip has number {n}"))
    carriers = [(file, tip) for file, tip in tips.items() if tip.warning_signs]
    if len(carriers) != 1:
        problems.append(
            Problem(
                "tips/",
                "warning_signs",
                f"exactly one tip must carry the emergency warning signs, not {len(carriers)}",
            )
        )
        return
    file, tip = carriers[0]
    listed = [s.question for s in tip.warning_signs]
    for q in TIER_A:
        count = listed.count(q.id)
        if count != 1:
            problems.append(
                Problem(
                    file,
                    "warning_signs",
                    f"Tier A question {q.id} must be listed once, not {count} times: {q.text}",
                )
            )


def load(data_dir: Path | str = TIPS_DIR, exercise_ids: Iterable[str] | None = None) -> Series:
    """Read and validate every tip file; raise TipsError listing every problem.

    `exercise_ids` are the ids a tip may link to; by default the shipped catalogue's.
    """
    root = Path(data_dir)
    known = list(catalogue.default().exercises if exercise_ids is None else exercise_ids)
    problems: list[Problem] = []
    tips: dict[str, Tip] = {}
    for path in sorted(root.glob("*.toml")):
        data: Mapping[str, Any] | None = parse_toml(path, problems)
        if data is not None:
            file = f"{path.parent.name}/{path.name}"
            tips[file] = _read_tip(Reader(file, data, problems), path.stem, known)
    if not tips:
        problems.append(Problem("tips/", "(folder)", "holds no tip files"))
    else:
        _check_series(tips, problems)
    if problems:
        raise TipsError(problems)
    return Series(tips=tuple(sorted(tips.values(), key=lambda t: t.number)))


@cache
def default() -> Series:
    """The shipped tips, loaded once per process."""
    return load(TIPS_DIR)
