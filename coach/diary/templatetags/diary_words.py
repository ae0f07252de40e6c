"""Filters for the diary's fixed words in the page's language (coach/diary/words.py):
`{{ c.extent_left|extent }}`, `{{ c.context|checkin_context }}`, `{{ verdict|verdict }}`."""

from django import template

from .. import words

register = template.Library()


@register.filter
def extent(level: int | None) -> str:
    """How far down a leg, level 0-5: 'below the knee' (Spanish: 'debajo de la rodilla')."""
    return words.extent_label(level)


@register.filter
def checkin_context(context: str) -> str:
    """When a check-in was made: 'Before a session'."""
    return words.context_label(context)


@register.filter
def verdict(value: str) -> str:
    """The trend's verdict: 'improving', 'about the same', 'worse', 'not enough data'."""
    return words.verdict_label(value)
