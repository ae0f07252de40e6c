"""Routine and exercise pages and the player: thin views over the core."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from stretching import catalogue
from stretching.timeline import compile_timeline, format_duration


def _routine_cards() -> list[dict]:
    c = catalogue.default()
    cards = []
    for r in c.routines.values():
        tl = compile_timeline(c, r)
        cards.append(
            {
                "routine": r,
                "total": format_duration(tl.total_seconds),
                "minutes": round(tl.total_seconds / 60),
                "count": len(r.exercise_ids),
                "frequency": r.frequency.describe(),
            }
        )
    return cards


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "practice/home.html", {"cards": _routine_cards()})
