"""The ten tips by email: the opt-in form's post (from /learn/), the confirm link (double
opt-in, expiring), and one-click unsubscribe by link or by the mail client's header."""

from datetime import time

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import emails, links, services, words
from .forms import TipsForm


@require_POST
def tips_subscribe(request: HttpRequest) -> HttpResponse:
    """Send the confirm link; nothing is stored until it is followed."""
    form = TipsForm(request.POST)
    if not form.is_valid():
        return render(request, "reminders/tips_form_page.html", {"form": form}, status=400)
    data = form.cleaned_data
    user_id = request.user.pk if request.user.is_authenticated else None
    own = user_id is not None and getattr(request.user, "email", "") == data["email"]
    fields = {
        "e": data["email"],
        "z": data["zone"],
        "t": f"{data['send_time']:%H:%M}",
        "u": user_id if own else None,
        "l": words.current_language(),
    }
    emails.send_tips_confirm(to=data["email"], confirm_url=links.confirm_url(fields))
    return redirect("reminders:tips_sent")


def tips_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "reminders/tips_sent.html")


@require_http_methods(["GET", "POST"])
def tips_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (link checkers in mail systems follow links); POST confirms."""
    fields = links.read_confirm(token)
    if fields is None:
        return render(request, "reminders/tips_confirm.html", {"expired": True}, status=410)
    if request.method == "POST":
        sub = services.tips_subscribe(
            email=fields["e"],
            zone=fields["z"],
            send_time=time.fromisoformat(fields["t"]),
            user_id=fields.get("u"),
            language=fields.get("l") or words.current_language(),
        )
        return render(request, "reminders/tips_confirmed.html", {"sub": sub})
    return render(request, "reminders/tips_confirm.html", {"email": fields["e"]})


@csrf_exempt  # the signed link is the proof; mail clients post RFC 8058 one-click without a form
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    found = links.read_unsubscribe(token)
    if found is None:
        return render(request, "reminders/unsubscribe.html", {"bad": True}, status=404)
    what, pk = found
    if request.method == "POST":
        services.unsubscribe(what, pk)
        return render(request, "reminders/unsubscribe.html", {"done": True, "what": what})
    return render(request, "reminders/unsubscribe.html", {"what": what})
