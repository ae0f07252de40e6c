"""The safety screen at onboarding, the clinician's go-ahead, and the quick check before a
session. The meaning of every answer comes from stretching.screening."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from coach.lib.language import display_catalogue, display_language
from coach.lib.queued import (
    BAD_KEY,
    checks_owner,
    idempotency_key,
    is_queued,
    made_at,
    refused,
    saved,
)
from stretching import catalogue, gate, screening
from stretching.screening import SCREEN_VERSION, evaluate

from . import guest, services
from .forms import ClearanceForm, RecheckForm, ScreenForm
from .selectors import ScreenState, safe_next, screen_state, stores_health_data, with_next


def go_on_label(next_url: str) -> str:
    """The result page's main button: "Start <routine>" when the person came from a routine's
    player, so the answers lead straight into it; else "Go on"."""
    try:
        match = resolve(urlsplit(next_url).path) if next_url else None
    except Resolver404:
        match = None
    if match is None or match.url_name != "player":
        return gettext("Go on")
    try:
        routine = display_catalogue().routine(match.kwargs.get("routine_id", ""))
    except catalogue.UnknownId:
        return gettext("Go on")
    return gettext("Start %(routine)s") % {"routine": routine.name.lower()}


def screen_words() -> dict[str, str]:
    """What the screen page's script says as a "None of these apply to me" box fills in or
    clears answers, in the page's language ({n}: a number; {box}: the box's words)."""
    return {
        "filledOne": gettext('Answered "No" to the 1 open question'),
        "filledMany": gettext('Answered "No" to the {n} open questions'),
        "yesOne": gettext('your "Yes" answer stays'),
        "yesMany": gettext('your "Yes" answers stay'),
        "all": gettext('Answered "No" to all {n} questions in this group.'),
        "cleared": gettext("The answers filled in by that box are cleared."),
        "unticked": gettext('"{box}" is unticked: you answered "Yes" to a question here.'),
    }


def _result(
    request: HttpRequest, state: ScreenState, next_url: str, clearance: ClearanceForm
) -> HttpResponse:
    return render(
        request,
        "accounts/screen_result.html",
        {
            "state": state,
            "next": next_url,
            "go_on": go_on_label(next_url),
            "stores": stores_health_data(request),
            "clearance": clearance,
        },
    )


def screen(request: HttpRequest) -> HttpResponse:
    """Answer every question (a tier's "None of these apply to me" answers its open questions
    no), then see what the answers mean (Post/Redirect/Get)."""
    next_url = safe_next(request)
    state = screen_state(request)
    stores = stores_health_data(request)
    if request.method == "POST":
        form = ScreenForm(request.POST)
        if form.is_valid():
            answers, now = form.answers(), timezone.now()
            result = evaluate(answers)
            if stores:
                services.screening_record(
                    user=request.user,
                    kind="full",
                    answers=answers,
                    outcome=result.status,
                    answered_at=now,
                )
            else:
                guest.screen_save(request.session, answers=answers, version=SCREEN_VERSION, at=now)
            return redirect(with_next(reverse("accounts:screen"), next_url))
    elif state is None or request.GET.get("again"):
        form = ScreenForm()
    else:
        clearance = ClearanceForm(initial={"cleared_on": timezone.localdate()})
        return _result(request, state, next_url, clearance)
    return render(
        request,
        "accounts/screen.html",
        {
            "form": form,
            "next": next_url,
            "stores": stores,
            "again": state is not None,
            "words": screen_words(),
        },
    )


@require_POST
def screen_cleared(request: HttpRequest) -> HttpResponse:
    """The person confirms a clinician cleared them: unlocks Tier B signs, never Tier A."""
    next_url = safe_next(request)
    state = screen_state(request)
    if state is None:
        return redirect(with_next(reverse("accounts:screen"), next_url))
    form = ClearanceForm(request.POST)
    if state.result.status != "see-clinician":
        messages.warning(
            request, gettext("There is nothing for a clinician's go-ahead to unlock here.")
        )
        return redirect(with_next(reverse("accounts:screen"), next_url))
    if not form.is_valid():
        return _result(request, state, next_url, form)
    day = form.cleaned_data["cleared_on"]
    if state.response is not None:
        services.screening_clear(response=state.response, cleared_on=day)
    else:
        guest.screen_clear(request.session, cleared_on=day)
    return redirect(with_next(reverse("accounts:screen"), next_url))


@checks_owner
def check(request: HttpRequest) -> HttpResponse:
    """One screen before each session: "None of these" is the big, easy answer."""
    next_url = safe_next(request)
    form = RecheckForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and is_queued(request):
        return _check_queued(request, form)
    if request.method == "POST" and form.is_valid():
        # A tick wins over the "None of these" button: escalate whenever anything is ticked.
        result = services.quick_check_record(
            user=request.user, browser=request.session, ticked=form.cleaned_data["ticked"]
        )
        if not result.locked:
            home = "diary:today" if request.user.is_authenticated else "home"
            return redirect(next_url or home)
        return render(
            request,
            "accounts/check_locked.html",
            {
                "result": result.in_language(display_language()),
                "emergency": result.status == "emergency",
                "next": next_url,
            },
        )
    return render(
        request,
        "accounts/check.html",
        {
            "form": form,
            "questions": screening.words(display_language()).tier("A"),
            "title": gate.quick_check_question(display_language()),
            "next": next_url,
        },
    )


def _check_queued(request: HttpRequest, form: RecheckForm) -> HttpResponse:
    """A quick check answered offline on the phone and sent later: kept once per key, at the
    time it was answered; the answer says what it means."""
    key = idempotency_key(request)
    if not key:
        return refused(BAD_KEY)
    if not form.is_valid():
        return refused(" ".join(str(e) for errs in form.errors.values() for e in errs))
    seen = services.quick_check_seen(
        user=request.user, browser=request.session, idempotency_key=key
    )
    result = services.quick_check_record(
        user=request.user,
        browser=request.session,
        ticked=form.cleaned_data["ticked"],
        now=made_at(request),
        idempotency_key=key,
    )
    headline = result.in_language(display_language()).headline
    data = {"status": result.status, "locked": result.locked, "headline": headline}
    return saved(data, created=not seen)
