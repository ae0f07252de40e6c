"""The drawings: each exercise's animated SVG, single keyframes, and a contact sheet."""

import hashlib
from functools import lru_cache

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET

from stretching import catalogue, figures

from .views import _get_exercise

FIGURE_CSP = "default-src 'none'; style-src 'unsafe-inline'"
"""An SVG shown as an image carries its own style sheet and nothing else."""


@lru_cache(maxsize=256)
def _render(exercise_id: str, index: int | None) -> str:
    """One drawing, rendered once per process (the drawings only change with the code)."""
    ex = _get_exercise(exercise_id)
    if index is None:
        return figures.render_svg(ex.id, title=ex.name, desc=ex.summary)
    if index >= figures.keyframe_count(ex.id):
        raise Http404("No such keyframe.")
    return figures.render_keyframe_svg(ex.id, index, title=ex.name, desc=ex.summary)


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
    rows = [{"exercise": ex, "frames": range(figures.keyframe_count(ex.id))}
            for ex in catalogue.default().exercises.values()]
    return render(request, "practice/figures.html", {"rows": rows})
