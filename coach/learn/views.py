"""The ten tips, readable by everyone: the list and one page per tip, in the page's language."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from coach.lib.language import display_catalogue, display_tips, unknown_id_text
from stretching import tips
from stretching.catalogue import Exercise, UnknownId
from stretching.tips import Series, Tip


def _get_tip(series: Series, slug: str) -> Tip:
    try:
        return series.tip(slug)
    except UnknownId as exc:
        raise Http404(unknown_id_text(exc)) from None


def _related(tip: Tip) -> list[Exercise]:
    cat = display_catalogue()
    return [cat.exercise(eid) for eid in tip.exercise_ids]


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    series = display_tips()
    context = {
        "tips": series.tips,
        "total": tips.SERIES_LENGTH,
        "first": series.number(1),
        "urgent": series.urgent,
    }
    return render(request, "learn/index.html", context)


@require_GET
def tip_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series = display_tips()
    tip = _get_tip(series, slug)
    return render(
        request,
        "learn/tip.html",
        {
            "tip": tip,
            "total": tips.SERIES_LENGTH,
            "exercises": _related(tip),
            "previous": series.previous(tip),
            "next": series.next(tip),
        },
    )
