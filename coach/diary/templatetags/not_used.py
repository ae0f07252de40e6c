"""The History page's short list of sessions the plan leaves out (coach/practice/quarantine.py),
drawn by a tag so the page's view does not change for it."""

from django import template

from coach.lib.language import display_catalogue
from coach.practice import quarantine

register = template.Library()


@register.inclusion_tag("diary/_not_used.html")
def sessions_not_used(user) -> dict:
    routines = display_catalogue().routines  # named in the page's language
    return {
        "sessions": [
            {
                "name": routines[s.routine_id].name if s.routine_id in routines else s.routine_id,
                "started_at": s.started_at,
                "reason": s.reason,
            }
            for s in quarantine.not_used(user)
        ]
    }
