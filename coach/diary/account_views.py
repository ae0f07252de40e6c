"""Everything a person has, to take away or to delete: JSON, CSV (zipped) and a FHIR R4
Bundle of pain scores, and deleting the account with every row about it. Here, in the app that
sits above sessions and check-ins, at the addresses under /account/."""

import json

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from coach.accounts import guest
from coach.accounts.forms import PasswordConfirmForm

from . import export, services


def _download(body: bytes | str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def _stamp() -> str:
    return timezone.localdate().isoformat()


@login_required
def export_page(request: HttpRequest) -> HttpResponse:
    return render(request, "diary/export.html")


@login_required
def export_json(request: HttpRequest) -> HttpResponse:
    body = json.dumps(export.everything(request.user), indent=2, ensure_ascii=False)
    return _download(body, "application/json", f"sciatica-coach-{_stamp()}.json")


@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    return _download(
        export.csv_zip(request.user), "application/zip", f"sciatica-coach-{_stamp()}-csv.zip"
    )


@login_required
def export_fhir(request: HttpRequest) -> HttpResponse:
    body = json.dumps(export.fhir_bundle(request.user), indent=2)
    return _download(body, "application/fhir+json", f"sciatica-coach-pain-{_stamp()}.json")


@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    form = PasswordConfirmForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user, guest_key = request.user, guest.guest_key(request.session)
        logout(request)
        services.account_delete(user=user, guest_key=guest_key)
        return redirect("diary:deleted")
    return render(request, "diary/delete.html", {"form": form})


def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "diary/deleted.html")
