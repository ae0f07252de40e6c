"""A routine as a printable handout (PDF, A4 or US Letter): each stretch's drawing as vectors,
its dose and sides, how to do it, its cautions and the clinician's note; the safety wording;
and a QR code that opens the routine on a phone.

fpdf2 draws the pages. The drawings come from stretching.figures as SVG; fpdf2 reads SVG
presentation attributes but not style sheets, markers or animation, so `flat_svg` first
writes each class's styles onto the elements and leaves out what it cannot draw (the
arrowheads; the glow becomes a flat translucent fill). Text uses the PDF's built-in
Helvetica (nothing embedded, so a handout stays small), hence Latin-1 only (`latin`).
fpdf2 takes seconds to import (fontTools), so it is imported on the first handout only.
"""

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from stretching import figures
from stretching.catalogue import Exercise

if TYPE_CHECKING:
    from fpdf import FPDF

SVG_NS = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG_NS)
PAPERS = {"a4": "A4", "letter": "Letter"}
MARGIN = 15.0
FIGURE_W = 52.0
QR_SIZE = 32.0
SAFETY = (
    gettext_lazy(
        "Sciatica Coach offers general stretching routines for wellness and education. It is "
        "not medical advice and no substitute for a clinician: see one before you start, and "
        "stop any stretch that hurts."
    ),
    gettext_lazy(
        "Stop at once if you feel sharp, burning, electric or shooting pain, or tingling or "
        "numbness travelling down the leg. A dull pull in the muscle that fades when you let "
        "go is expected."
    ),
    gettext_lazy(
        "Seek emergency care now if you have new numbness between the legs or around the "
        "genitals or back passage, a change in passing urine or in bladder or bowel control, "
        "pain, numbness or weakness in both legs, or a leg or foot getting weaker."
    ),
)
"""In the active language (the request's): the handout is printed in the reader's."""
PRESENTATION = {
    "stroke",
    "stroke-width",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-opacity",
    "stroke-dasharray",
    "fill",
    "fill-opacity",
    "opacity",
}
DROPPED = {"style", "title", "desc", "defs", "animate", "animateTransform", "set", "metadata"}
PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})


def latin(text: str) -> str:
    """Text the built-in fonts can show: typographic quotes and dashes made plain."""
    return text.translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


@dataclass(frozen=True)
class Item:
    exercise: Exercise
    dose: str
    sides: str
    note: str = ""
    left_out: bool = False


@dataclass(frozen=True)
class Handout:
    title: str
    summary: str
    how_often: str
    url: str
    items: tuple[Item, ...]
    made_for: str = ""


def _rules(css: str) -> list[tuple[str, dict[str, str]]]:
    found = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        decls = {}
        for decl in body.split(";"):
            name, _, value = decl.partition(":")
            if name.strip() in PRESENTATION:
                decls[name.strip()] = value.strip()
        found += [(s.strip(), decls) for s in selectors.split(",")]
    return found


def flat_svg(svg: str) -> str:
    """The drawing with its style sheet written onto the elements, for fpdf2."""
    root = ET.fromstring(svg)
    css = "".join(el.text or "" for el in root.iter(f"{{{SVG_NS}}}style"))
    rules = _rules(css)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag.rpartition("}")[2] in DROPPED:
                parent.remove(child)
    for el in root.iter():
        tag, classes = el.tag.rpartition("}")[2], el.attrib.pop("class", "").split()
        for selector, decls in rules:
            if selector == tag or (selector[:1] == "." and selector[1:] in classes):
                el.attrib.update(decls)
        for name in ("marker-start", "marker-end", "role", "aria-labelledby"):
            el.attrib.pop(name, None)
        if tag == "line":
            for end in ("x1", "y1", "x2", "y2"):
                el.attrib.setdefault(end, "0")
        if el.get("fill", "").startswith("url("):
            el.set("fill", "#e2403a")
            el.set("fill-opacity", "0.3")
    return ET.tostring(root, encoding="unicode")


@lru_cache(maxsize=64)
def _drawing(exercise_id: str) -> bytes:
    still = figures.render_svg(exercise_id, title="", desc="", animate=False)
    return flat_svg(still).encode()


@lru_cache(maxsize=1)
def _pdf_class() -> Any:
    """FPDF with the handout's footer, imported on first use."""
    from fpdf import FPDF

    class HandoutPdf(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("helvetica", size=8)
            self.set_text_color(90)
            footer = _("Sciatica Coach handout - page %(page)s") % {"page": self.page_no()}
            self.cell(0, 5, latin(footer), align="C")

    return HandoutPdf


def _qr(pdf: "FPDF", url: str, x: float, y: float, size: float) -> None:
    """The QR code as filled squares (vectors), runs of dark modules joined per row."""
    import segno

    rows = [list(r) for r in segno.make(url, error="m").matrix_iter(border=2)]
    unit = size / len(rows)
    pdf.set_fill_color(255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0)
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                pdf.rect(x + start * unit, y + r * unit, (c - start) * unit, unit, style="F")
            else:
                c += 1


def _header(pdf: "FPDF", h: Handout) -> None:
    width = pdf.epw - QR_SIZE - 5
    pdf.set_font("helvetica", "B", 18)
    pdf.multi_cell(width, 8, latin(h.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=10)
    lines = [h.summary, h.how_often, h.made_for]
    pdf.multi_cell(width, 5, latin("\n".join(t for t in lines if t)), new_x="LMARGIN", new_y="NEXT")
    _qr(pdf, h.url, pdf.l_margin + pdf.epw - QR_SIZE, MARGIN, QR_SIZE)
    pdf.set_xy(pdf.l_margin + pdf.epw - QR_SIZE, MARGIN + QR_SIZE)
    pdf.set_font("helvetica", size=7)
    scan = _("Scan to open this routine on your phone")
    pdf.multi_cell(QR_SIZE, 3, latin(scan), align="C")
    pdf.set_y(max(pdf.get_y(), MARGIN + QR_SIZE + 8))
    _safety(pdf)


def _safety(pdf: "FPDF") -> None:
    pdf.set_fill_color(253, 240, 225)
    pdf.set_font("helvetica", size=9)
    pdf.multi_cell(0, 4.5, latin("\n".join(str(s) for s in SAFETY)), fill=True, padding=2)
    pdf.ln(4)


def _texts(n: int, item: Item) -> list[tuple[str, float, str]]:
    """The stretch's lines as (font style and size, line height, text)."""
    ex = item.exercise
    dose = _("Left out for now by the routine's rules") if item.left_out else item.dose
    steps = "\n".join(f"{i}. {line}" for i, line in enumerate(ex.instructions, 1))
    texts = [
        ("B12", 6.0, f"{n}. {ex.name}"),
        ("B10", 5.0, f"{dose} - {item.sides}"),
        ("9", 4.3, steps),
        ("I9", 4.3, _("Take care:") + " " + " ".join(ex.cautions)),
    ]
    if item.note:
        texts.append(("B9", 4.3, _("Your clinician's note:") + f" {item.note}"))
    return texts


def _font(pdf: "FPDF", style: str) -> None:
    pdf.set_font("helvetica", style.rstrip("0123456789"), int(style.lstrip("BI")))


def _figure_height(exercise_id: str) -> float:
    if not figures.has_figure(exercise_id):
        return 0.0
    root = ET.fromstring(_drawing(exercise_id))
    _, _, width, height = (float(v) for v in root.get("viewBox", "0 0 4 3").split())
    return FIGURE_W * height / width


def _item(pdf: "FPDF", n: int, item: Item) -> None:
    """One stretch: the drawing on the left, its words on the right; on a new page when the
    whole block would not fit on this one."""
    ex, texts = item.exercise, _texts(n, item)
    text_w = pdf.epw - FIGURE_W - 5
    needed = 0.0
    for style, line, text in texts:
        _font(pdf, style)
        height = pdf.multi_cell(text_w, line, latin(text), dry_run=True, output="HEIGHT")
        needed += float(height)  # type: ignore[arg-type]
    needed = max(needed, _figure_height(ex.id))
    if pdf.get_y() + needed > pdf.page_break_trigger:
        pdf.add_page()
    top = pdf.get_y()
    if figures.has_figure(ex.id):
        pdf.image(io.BytesIO(_drawing(ex.id)), x=pdf.l_margin, y=top, w=FIGURE_W)
    pdf.set_xy(pdf.l_margin + FIGURE_W + 5, top)
    for style, line, text in texts:
        _font(pdf, style)
        pdf.multi_cell(text_w, line, latin(text), new_x="LEFT", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), top + _figure_height(ex.id)) + 5)


def render(handout: Handout, paper: str = "a4") -> bytes:
    """The handout as PDF bytes on A4 or US Letter paper."""
    pdf = _pdf_class()(format=PAPERS.get(paper, "A4"))
    pdf.set_margins(MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(latin(handout.title))
    pdf.set_lang(get_language() or "en")  # what a screen reader reads the handout as
    pdf.set_creator("Sciatica Coach")
    pdf.add_page()
    _header(pdf, handout)
    for n, item in enumerate(handout.items, 1):
        _item(pdf, n, item)
    return bytes(pdf.output())
