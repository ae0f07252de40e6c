"""The drawings: each exercise's animated SVG, single keyframes, and a contact sheet."""

import hashlib
from functools import lru_cache

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET

from coach.lib.language import display_catalogue, display_language
from stretching import catalogue, figures
from stretching.i18n.words import position_text

from .views import _get_exercise

FIGURE_CSP = "default-src 'none'; style-src 'unsafe-inline'"
"""An SVG shown as an image carries its own style sheet and nothing else."""


@lru_cache(maxsize=256)
def _render(figure_id: str, index: int | None) -> str:
    """One drawing, rendered once per process (the drawings only change with the code).

    A figure id is an exercise's id, or '<exercise>--<variant>' for a set done differently
    (`figures.figure_for(exercise, set_number)` names it)."""
    # The drawings are cached once for everyone: their own text is the English catalogue's.
    ex = _get_exercise(figures.exercise_of(figure_id), catalogue.default())
    if figure_id not in figures.FIGURE_IDS:
        raise Http404(gettext("No such drawing."))
    title, desc = ex.name, ex.summary
    if figure_id != ex.id:
        title, desc = figures.alt_text(ex, figure_id)
    if index is None:
        return figures.render_svg(figure_id, title=title, desc=desc)
    if index >= figures.keyframe_count(figure_id):
        raise Http404(gettext("No such keyframe."))
    return figures.render_keyframe_svg(figure_id, index, title=title, desc=desc)


def _etag(request: HttpRequest, exercise_id: str, index: int | None = None) -> str:
    return hashlib.sha256(_render(exercise_id, index).encode()).hexdigest()[:20]


def _svg_response(svg: str) -> HttpResponse:
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Security-Policy"] = FIGURE_CSP
    return response


@require_GET
@cache_control(max_age=86400, public=True)
@condition(etag_func=_etag)
def figure_svg(request: HttpRequest, exercise_id: str) -> HttpResponse:
    return _svg_response(_render(exercise_id, None))


@require_GET
@cache_control(max_age=86400, public=True)
@condition(etag_func=_etag)
def keyframe_svg(request: HttpRequest, exercise_id: str, index: int) -> HttpResponse:
    return _svg_response(_render(exercise_id, index))


@require_GET
def contact_sheet(request: HttpRequest) -> HttpResponse:
    rows, lang = [], display_language()
    for ex in display_catalogue().exercises.values():
        for set_number in (None, *figures.SET_FIGURES.get(ex.id, {})):
            fid = figures.figure_for(ex.id, set_number)
            caption = figures.alt_text(ex, fid)[0] if set_number else ex.name
            rows.append(
                {
                    "exercise": ex,
                    "figure": fid,
                    "caption": caption,
                    "position": position_text(ex.position, lang),
                    "frames": range(figures.keyframe_count(fid)),
                }
            )
    return render(request, "practice/figures.html", {"rows": rows})
