"""The words the app's own scripts show (coach/static/coach/: the queue and its notes, the
forms kept offline, the new-version offer, the quick safety check asked offline, the note on a
page kept by the service worker), in the page's language.

Every page carries them as its `site-words` JSON (base.html, through the `site_words` tag), and
coach/static/coach/words.js reads them there; its English, for where no page is (the service
worker), is this English (tests/web/test_offline_spanish.py holds the two equal).
`{name}`-style slots are filled in by the scripts.
"""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

register = template.Library()


@register.simple_tag
def site_words() -> dict[str, str]:
    """Every word the app's scripts show, by the name the scripts use."""
    return {
        # the queue (pwa.js, outbox.js)
        "queuedOne": _("{n} entry waiting to be sent"),
        "queuedMany": _("{n} entries waiting to be sent"),
        "refused": _(
            "{label} from {time} could not be saved and was removed from this phone: {error}"
        ),
        "dismiss": _("Dismiss"),
        "sessionLabel": _("This session"),
        "earlierSessionLabel": _("A session"),
        "serverAnswered": _("The server answered {status}."),
        "serverGaveUp": _("The server could not save it after {tries} tries."),
        "cannotKeep": _("No connection, and this browser cannot keep it for later."),
        # a form sent through the outbox (offline-forms.js); {what} is the form's own name
        "keptOffline": _(
            "No connection right now. {what} is kept on this phone and will be sent when you "
            "are back online."
        ),
        # a new version of the app (pwa.js)
        "newVersion": _("A new version is ready."),
        "reload": _("Reload"),
        # the quick safety check asked offline (offline-check.js); its questions and outcomes
        # come from /offline/quick-check.json in the same language
        "checkLabel": _("A quick safety check"),
        "checkOffline": _(
            "You are offline, so this phone asks the quick safety check itself. Your answer is "
            "sent when you are back online."
        ),
        "noneOfThese": _("None of these"),
        "tickAny": _("Tick any that you have today"),
        "tickedSome": _("I ticked one or more"),
        "whatYouTicked": _("What you ticked"),
        "noSessionToday": _("Today's session will not start."),
        "lockedUntilOnline": _(
            "Sessions will not start on this phone until you are back online and the quick "
            "safety check has been answered again."
        ),
        "checkMissing": _(
            "The quick safety check could not be opened offline on this phone. Please connect "
            "to answer it before the session."
        ),
        # a page the service worker kept, opened offline (the worker reads them from that page)
        "savedAt": _("Offline: showing what was saved at {time}."),
        "savedOn": _("Offline: showing what was saved at {time} on {day}."),
        # how the scripts write a day ("Mon 7 Dec"): the locale's tag, for toLocaleDateString
        "dateLocale": pgettext("the locale the scripts write dates in", "en-GB"),
    }
