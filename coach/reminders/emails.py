"""One function per email, three templates each (`<name>-subject.txt`, `-body-text.txt`,
`-body-html.html` under reminders/email/). Reminder and tip emails carry one-click unsubscribe
headers (RFC 8058) pointing at a signed link that needs no sign-in.

The worker sends them outside any request: each is written inside `translation.override` of the
recipient's language (coach.reminders.words.language_of)."""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from stretching.reminders import Message
from stretching.tips import SERIES_LENGTH, Tip

from . import links


def _send(
    name: str, to: str, context: dict[str, Any], unsubscribe: str = "", lang: str | None = None
) -> None:
    with translation.override(lang or translation.get_language() or settings.LANGUAGE_CODE):
        context = {**context, "lang": translation.get_language()}
        subject = render_to_string(f"reminders/email/{name}-subject.txt", context).strip()
        text = render_to_string(f"reminders/email/{name}-body-text.txt", context)
        html = render_to_string(f"reminders/email/{name}-body-html.html", context)
    headers = {}
    if unsubscribe:
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    email = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers
    )
    email.attach_alternative(html, "text/html")
    email.send()


def send_reminder(*, to: str, user_id: int, message: Message, lang: str | None = None) -> None:
    """A reminder: the call, what changed in the plan, a link straight into the player
    (`message` already in `lang`: coach.reminders.words.reminder_message)."""
    unsubscribe = links.unsubscribe_url("reminders", user_id)
    context = {
        "message": message,
        "play_url": links.player_url(message.routine_id),
        "settings_url": links.absolute("/reminders/"),
        "unsubscribe_url": unsubscribe,
    }
    _send("reminder", to, context, unsubscribe, lang)


def send_tip(*, to: str, subscription_id: int, tip: Tip, lang: str | None = None) -> None:
    """One of the ten tips, as text and HTML (`tip` already in `lang`)."""
    unsubscribe = links.unsubscribe_url("tips", subscription_id)
    context = {
        "tip": tip,
        "total": SERIES_LENGTH,
        "tip_url": links.absolute(f"/learn/{tip.slug}/"),
        "unsubscribe_url": unsubscribe,
    }
    _send("tip", to, context, unsubscribe, lang)


def send_tips_confirm(*, to: str, confirm_url: str, lang: str | None = None) -> None:
    """The double opt-in: nothing is stored until the link is followed (sent while answering
    the request, in its language unless told)."""
    days = links.CONFIRM_VALID.days
    _send("tips-confirm", to, {"confirm_url": confirm_url, "days": days}, lang=lang)
