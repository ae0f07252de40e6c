"""What a reminder or tip email says, in the recipient's language.

Emails go out from the worker, outside any request: the language is the person's own pick
(coach.accounts' LanguageChoice), else the one they used when they saved their reminders or
asked for the tips, else English. The core writes a reminder's words in English
(stretching.reminders.message); another language says the same from the slot and the plan,
with the core's own names for the routines and stretches in that language."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from coach.accounts.models import LanguageChoice
from stretching import i18n
from stretching.reminders import CHANGED_RULES, Message, Slot
from stretching.rules import Plan

SUPPORTED = {code for code, _name in settings.LANGUAGES}


def language_of(user_id: int | None, kept: str = "") -> str:
    """The language to write to a person in: their pick, else `kept`, else the site's."""
    if user_id is not None:
        choice = (
            LanguageChoice.objects.filter(user_id=user_id)
            .values_list("language", flat=True)
            .first()
        )
        if choice in SUPPORTED:
            return choice
    return kept if kept in SUPPORTED else settings.LANGUAGE_CODE


def current_language() -> str:
    """The language of the request being answered (kept with what the person saves)."""
    lang = translation.get_language() or settings.LANGUAGE_CODE
    lang = lang.split("-")[0]
    return lang if lang in SUPPORTED else settings.LANGUAGE_CODE


def tips_for(lang: str):
    """The ten tips in `lang` (the core's own translation)."""
    return i18n.tips(i18n.language(lang) or i18n.DEFAULT_LANGUAGE)


def reminder_message(message: Message, slot: Slot, plan: Plan, lang: str) -> Message:
    """The core's English message, or the same said in `lang` (call inside its override)."""
    core = i18n.language(lang) or i18n.DEFAULT_LANGUAGE
    if core == i18n.DEFAULT_LANGUAGE:
        return message
    catalogue = i18n.catalogue(core)
    routine = catalogue.routines.get(slot.routine_id)
    # an assigned routine is in no catalogue: the plan has it as its clinician named it
    name = routine.name if routine else plan.routine_names.get(slot.routine_id, slot.routine_id)
    if slot.kind == "follow-up":
        title = _("Still time today for your routine: %(name)s") % {"name": name}
        line = _("Your routine %(name)s is still waiting, whenever suits you. No pressure.") % {
            "name": name
        }
    else:
        title = _("Time for your routine: %(name)s") % {"name": name}
        item = plan.due_for(slot.routine_id)
        if item is not None and item.maximum and item.maximum > 1:
            line = _("It is time for session %(number)s of today of your routine: %(name)s.") % {
                "number": slot.index,
                "name": name,
            }
        else:
            line = _("It is time for your routine: %(name)s.") % {"name": name}
    changed: tuple[str, ...] = ()
    if message.changed:
        changed = tuple(
            _changed_line(e.rule, e.exercise_id, catalogue)
            for e in plan.explanations_for(slot.routine_id)
            if e.rule in CHANGED_RULES
        )
        line = "{} {}".format(line, _("Your plan changed after a stretch hurt:"))
    return Message(title, line, changed, message.routine_id)


def _changed_line(rule: str, exercise_id: str | None, catalogue) -> str:
    """One plain sentence for a change the plan made after something hurt."""
    exercise = catalogue.exercises.get(exercise_id) if exercise_id else None
    name = exercise.name if exercise is not None else ""
    if rule == "stays-off":
        return _(
            "%(name)s stays off because it hurt again after coming back; please ask a "
            "clinician about it before trying it again."
        ) % {"name": name}
    if rule == "pause":
        return _(
            "%(name)s is paused for a while because it hurt; it comes back once you have "
            "done some sessions with nothing hurting."
        ) % {"name": name}
    if rule == "reduced-dose":
        return _("%(name)s came back after a pause, starting gently.") % {"name": name}
    return _(
        "Your symptoms spread further down the leg, so your routines keep to their gentlest "
        "stretches until your symptoms are back where they were."
    )
