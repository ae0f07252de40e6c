"""The patient list's words in the page's language: the trends and flags are worked out in
English (coach.clinic.patients sorts and filters on them), and shown through these filters."""

from django import template
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..patients import INACTIVE_DAYS, WORSE_DAYS

register = template.Library()

TRENDS = {
    "no check-ins": _("no check-ins"),
    "too early to tell": _("too early to tell"),
    "improving": _("improving"),
    "worse": _("worse"),
    "about the same": _("about the same"),
    "spreading": _("spreading"),
    "retreating": _("retreating"),
}


@register.filter
def trend(word: str) -> str:
    """'improving', 'about the same', 'spreading'... in the page's language."""
    return str(TRENDS.get(word, word))


@register.filter
def flag(text: str) -> str:
    """'Tier A answer', 'Worse for 3 days', 'No activity for 3 days' in the page's language."""
    if text == "Tier A answer":
        return str(_("Tier A answer"))
    if text == "Tier B answer":
        return str(_("Tier B answer"))
    if text == f"Worse for {WORSE_DAYS} days":
        return ngettext("Worse for %(days)d day", "Worse for %(days)d days", WORSE_DAYS) % {
            "days": WORSE_DAYS
        }
    if text == f"No activity for {INACTIVE_DAYS} days":
        return ngettext(
            "No activity for %(days)d day", "No activity for %(days)d days", INACTIVE_DAYS
        ) % {"days": INACTIVE_DAYS}
    return text
