"""Download everything: JSON, CSV (zipped) and a FHIR R4 Bundle of pain scores."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from . import export


def _download(body: bytes | str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def _stamp() -> str:
    return timezone.localdate().isoformat()


@login_required
def export_page(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/export.html")


@login_required
def export_json(request: HttpRequest) -> HttpResponse:
    body = json.dumps(export.everything(request.user), indent=2, ensure_ascii=False)
    return _download(body, "application/json", f"sciatica-coach-{_stamp()}.json")


@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    return _download(export.csv_zip(request.user), "application/zip",
                     f"sciatica-coach-{_stamp()}-csv.zip")


@login_required
def export_fhir(request: HttpRequest) -> HttpResponse:
    body = json.dumps(export.fhir_bundle(request.user), indent=2)
    return _download(body, "application/fhir+json", f"sciatica-coach-pain-{_stamp()}.json")
