"""The player's own words in the page's language: what player.js shows and says (read from
the page's `player-words` JSON, so no sentence lives in the script), and the get-ready times.
A tag rather than a view's context, so every page that shows the player (the practice app's
and the clinic's assigned routines) has them."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from stretching import positions

register = template.Library()


@register.simple_tag
def ready_times() -> str:
    """The get-ready times in words, for the player's start panel."""
    return _(
        "%(ready)s seconds to get ready in the same position, %(new)s for a new one and "
        "%(floor)s to get down to the floor or up from it"
    ) % {
        "ready": positions.READY_SECONDS,
        "new": positions.NEW_POSITION_SECONDS,
        "floor": positions.FLOOR_SECONDS,
    }


@register.simple_tag
def player_words() -> dict[str, object]:
    """Every word player.js shows or says. `{name}`-style slots are filled in by the script."""
    return {
        "phases": {
            "ready": pgettext("player phase", "get ready"),
            "hold": pgettext("player phase", "hold"),
            "open": pgettext("player phase", "rest"),
            "switch": pgettext("player phase", "switch"),
            "rest": pgettext("player phase", "relax"),
            "done": pgettext("player phase", "done"),
            "squeeze": pgettext("player phase", "squeeze"),
            "release": pgettext("player phase", "release"),
            "thighCheck": pgettext("player phase", "to the thigh check"),
            "waiting": pgettext("player phase", "waiting for you"),
            "paused": pgettext("player phase", "paused"),
        },
        "outcomes": {
            "done": pgettext("exercise outcome", "done"),
            "skipped": pgettext("exercise outcome", "skipped"),
            "hurt": pgettext("exercise outcome", "stopped: it hurt"),
            "spread": pgettext("exercise outcome", "stopped: symptoms spread down the leg"),
        },
        "endings": {
            "done": {
                "heading": _("Session done"),
                "say": _("Session done. Well done."),
                "note": "",
            },
            "stopped": {
                "heading": _("Stopped"),
                "say": _("Stopped there. What you did is kept."),
                "note": _("The last stretch was stopped; what you did is kept."),
            },
            "stopped early": {
                "heading": _("Stopped early"),
                "say": _("Stopped early. What you did is kept."),
                "note": _("You ended the session; what you did is kept."),
            },
        },
        "figureAlt": _("Drawing of {name}: {summary}"),
        "finish": _("Finish"),
        "endOfRoutine": _("The end of the routine"),
        "left": _("{time} left"),
        "aboutLeft": _("about {time} left"),
        "practised": _("{time} practised"),
        "squeeze": _("Squeeze"),
        "release": _("Release"),
        "halfway": _("Halfway"),
        "tapInPosition": _("Tap I'm in position when you are there."),
        "pause": _("Pause"),
        "resume": _("Resume"),
        "resumed": _("Resumed"),
        "pausedLive": _("Paused"),
        "end": _("End"),
        "tapAgain": _("Tap again to end"),
        "tapEndAgain": _("Tap End again to stop the session. What you did is kept."),
        "stoppedSay": _("Stopped {name}. Noted that {why}. {after}"),
        "whyHurt": _("it hurt"),
        "whySpread": _("your symptoms spread down the leg"),
        "lastOne": _("That was the last one."),
        "movingOn": _("Moving on."),
        "askAgainOne": _("Good. Keep resting; I will ask again in 1 minute."),
        "askAgainMany": _("Good. Keep resting; I will ask again in {minutes} minutes."),
        "sessionLabel": _("This session"),
        "checkInAfter": _("Check in: how do you feel now?"),
        "signUpToKeep": _("Create an account to keep it"),
        "savedSignedIn": _("Saved to your history."),
        "savedGuest": _("Saved for this visit. Create an account to keep it in your history."),
        "queued": _(
            "No connection right now. The session is kept on this phone and will be sent "
            "when you are back online."
        ),
        "notSaved": _("Not saved: {error}"),
        "voiceOn": _("Voice on"),
        "voiceOff": _("Voice off"),
        "tonesOn": _("Tones on"),
        "tonesOff": _("Tones off"),
    }
