"""The safety screen at onboarding, the clinician's go-ahead, and the quick check before a
session. The meaning of every answer comes from stretching.screening."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from stretching.screening import (
    SCREEN_VERSION,
    TIER_A,
    evaluate,
    recheck,
)

from . import guest, services
from .forms import ClearanceForm, RecheckForm, ScreenForm
from .selectors import safe_next, screen_state, stores_health_data, with_next


def screen(request: HttpRequest) -> HttpResponse:
    """Answer every question, then see what the answers mean (Post/Redirect/Get)."""
    next_url = safe_next(request)
    state = screen_state(request)
    stores = stores_health_data(request)
    if request.method == "POST":
        form = ScreenForm(request.POST)
        if form.is_valid():
            answers, now = form.answers(), timezone.now()
            result = evaluate(answers)
            if stores:
                services.screening_record(user=request.user, kind="full", answers=answers,
                                          outcome=result.status, answered_at=now)
            else:
                guest.screen_save(request.session, answers=answers, version=SCREEN_VERSION,
                                  at=now)
            return redirect(with_next(reverse("accounts:screen"), next_url))
    elif state is None or request.GET.get("again"):
        form = ScreenForm()
    else:
        return render(request, "accounts/screen_result.html", {
            "state": state, "next": next_url, "stores": stores,
            "clearance": ClearanceForm(initial={"cleared_on": timezone.localdate()}),
        })
    return render(request, "accounts/screen.html", {
        "form": form, "next": next_url, "stores": stores, "again": state is not None,
    })


@require_POST
def screen_cleared(request: HttpRequest) -> HttpResponse:
    """The person confirms a clinician cleared them: unlocks Tier B signs, never Tier A."""
    next_url = safe_next(request)
    state = screen_state(request)
    if state is None:
        return redirect(with_next(reverse("accounts:screen"), next_url))
    form = ClearanceForm(request.POST)
    if state.result.status != "see-clinician":
        messages.warning(request, "There is nothing for a clinician's go-ahead to unlock here.")
        return redirect(with_next(reverse("accounts:screen"), next_url))
    if not form.is_valid():
        return render(request, "accounts/screen_result.html", {
            "state": state, "next": next_url, "clearance": form,
            "stores": stores_health_data(request),
        })
    day = form.cleaned_data["cleared_on"]
    if state.response is not None:
        services.screening_clear(response=state.response, cleared_on=day)
    else:
        guest.screen_clear(request.session, cleared_on=day)
    return redirect(with_next(reverse("accounts:screen"), next_url))


def check(request: HttpRequest) -> HttpResponse:
    """One screen before each session: "None of these" is the big, easy answer."""
    next_url = safe_next(request)
    form = RecheckForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        # A tick wins over the "None of these" button: escalate whenever anything is ticked.
        ticked = set(form.cleaned_data["ticked"])
        result = recheck(ticked)
        answers = {q.id: q.id in ticked for q in TIER_A}
        now = timezone.now()
        if stores_health_data(request):
            services.screening_record(user=request.user, kind="recheck", answers=answers,
                                      outcome=result.status, answered_at=now)
        else:
            guest.recheck_save(request.session, answers=answers, outcome=result.status, at=now)
        if not result.locked:
            home = "diary:today" if request.user.is_authenticated else "home"
            return redirect(next_url or home)
        return render(request, "accounts/check_locked.html", {
            "result": result, "emergency": result.status == "emergency", "next": next_url,
        })
    return render(request, "accounts/check.html", {
        "form": form, "questions": TIER_A, "next": next_url,
    })
