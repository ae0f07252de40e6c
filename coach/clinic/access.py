"""Who may see what: one helper per kind of page.

- `clinician_page`: a signed-in clinic member who has passed the second factor in this session
  (a TOTP code, or a recovery code); anyone else is sent to sign in, to set up or enter the
  second factor, or answered 404 (not a clinician).
- `shared_patient`: the person, only while they share with this clinician, in a clinic the
  clinician still belongs to; 404 for everybody else, whatever the reason.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import ClinicianMembership, Share

View = Callable[..., HttpResponse]


def me(request: HttpRequest) -> Any:
    """The signed-in person (the views here are only reached signed in)."""
    return request.user


NOT_FOUND = gettext_lazy("There is nobody here who shares their diary with you.")


def memberships(user) -> list[ClinicianMembership]:
    return list(ClinicianMembership.objects.filter(user=user).select_related("clinic"))


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_url(request: HttpRequest) -> str:
    """Where a clinician goes to set up or enter the second factor, coming back here after."""
    name = "clinic:verify" if has_second_factor(request.user) else "clinic:setup"
    return f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"


def clinician_page(view: View) -> View:
    """Clinic members past the second factor; `request.memberships` holds their clinics."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        found = memberships(request.user)
        if not found:
            raise Http404(_("This page is for clinicians."))
        if not request.user.is_verified():  # type: ignore[attr-defined]
            return redirect(second_factor_url(request))
        request.memberships = found  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped


def shared_patient(request: HttpRequest, patient_id: int) -> Share:
    """The open share of this person with the signed-in clinician, or 404."""
    clinic_ids = [m.clinic_id for m in request.memberships]  # type: ignore[attr-defined]
    share = (
        Share.objects.select_related("patient", "clinic")
        .filter(
            patient_id=patient_id,
            clinician=me(request),
            stopped_at__isnull=True,
            clinic_id__in=clinic_ids,
        )
        .first()
    )
    if share is None:
        raise Http404(NOT_FOUND)
    return share


def admin_membership(request: HttpRequest, clinic_id: int) -> ClinicianMembership:
    """The signed-in clinician's admin membership of this clinic, or 404."""
    for m in request.memberships:  # type: ignore[attr-defined]
        if m.clinic_id == clinic_id and m.role == "admin":
            return m
    raise Http404(_("Only the clinic's admins invite clinicians."))
