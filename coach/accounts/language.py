"""The language a page speaks: the browser's (Accept-Language) until a person picks one; a pick
is kept in a cookie on this device and, for someone signed in, with their account, so it follows
them to every device they sign in on.

Signed in, the account's pick wins: it is copied into the session at sign-in and on every pick,
so reading it costs no query."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

SESSION_KEY = "coach_language"
SUPPORTED = {code for code, _ in settings.LANGUAGES}


class PersonLanguageMiddleware:
    """After authentication: a signed-in person's kept language, when they have one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Only a request with a session cookie can be someone signed in: the others (a visitor,
        # /healthz) are not made to read the session, which would make them vary on Cookie.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        lang = request.session.get(SESSION_KEY)
        if lang in SUPPORTED and request.user.is_authenticated:
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        return self.get_response(request)


@receiver(user_logged_in)
def _remember_at_sign_in(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    from .models import LanguageChoice

    choice = LanguageChoice.objects.filter(user=user).values_list("language", flat=True).first()
    if choice in SUPPORTED:
        request.session[SESSION_KEY] = choice
        translation.activate(choice)
        request.LANGUAGE_CODE = choice


def keep(request: HttpRequest, lang: str) -> None:
    """Keep `lang` as the signed-in person's language (account and session)."""
    from .models import LanguageChoice

    if request.user.is_authenticated:
        LanguageChoice.objects.update_or_create(
            user=request.user, defaults={"language": lang, "chosen_at": timezone.now()}
        )
        request.session[SESSION_KEY] = lang


@require_POST
def choose(request: HttpRequest) -> HttpResponse:
    """The language chooser on every page: keep the pick and go back to the page it was made on."""
    lang = request.POST.get("language", "")
    if lang not in SUPPORTED:
        names = ", ".join(sorted(SUPPORTED))
        return HttpResponseBadRequest(
            f"Unknown language {lang[:20]!r}: choose one of {names}.", content_type="text/plain"
        )
    keep(request, lang)
    nxt = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        nxt = "/"
    response = redirect(nxt)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        lang,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,
    )
    translation.activate(lang)
    return response
