"""The clinician's second factor: set up an authenticator app (TOTP), enter its code at each
sign-in, or a recovery code when the phone is not at hand; and joining a clinic by invitation."""

import base64

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from coach.accounts.selectors import safe_next

from . import services
from .access import clinician_page, has_second_factor, memberships
from .forms import CodeForm, InviteClinicianForm, JoinForm
from .qr import qr_svg

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _clinician_or_404(request: HttpRequest) -> None:
    if not memberships(request.user):
        raise Http404(_("This page is for clinicians."))


def _next(request: HttpRequest) -> str:
    return safe_next(request) or reverse("clinic:patients")


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Pair an authenticator app: scan the QR code (or type the key), then enter its code."""
    _clinician_or_404(request)
    if has_second_factor(request.user):
        return redirect(f"{reverse('clinic:verify')}?next={_next(request)}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name="Authenticator app", confirmed=False
        )
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            codes = services.recovery_codes_issue(user=request.user)
            return render(
                request, "clinic/recovery_codes.html", {"codes": codes, "next": _next(request)}
            )
        form.add_error(
            "code",
            _("That code did not match. Check the time on your phone, then try the new code."),
        )
    return render(
        request,
        "clinic/setup.html",
        {
            "form": form,
            "qr": qr_svg(device.config_url, scale=4, title=_("QR code to add this account")),
            "key": base64.b32encode(device.bin_key).decode(),
            "next": _next(request),
        },
    )


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """The second factor at sign-in: the authenticator's code, or a recovery code."""
    _clinician_or_404(request)
    if not has_second_factor(request.user):
        return redirect(f"{reverse('clinic:setup')}?next={_next(request)}")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device = _matching_device(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(request, _("Recovery code used: %(left)s left.") % {"left": left})
            return redirect(_next(request))
        form.add_error("code", _("That code did not match. Try the code your app shows now."))
    return render(request, "clinic/verify.html", {"form": form, "next": _next(request)})


def _matching_device(user, code: str):
    for device in (
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *StaticDevice.objects.filter(user=user, confirmed=True),
    ):
        found = verify_token(user, device.persistent_id, code)
        if found is not None:
            return found
    return None


@require_POST
@clinician_page
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes (the old ones stop working)."""
    codes = services.recovery_codes_issue(user=request.user)
    return render(
        request, "clinic/recovery_codes.html", {"codes": codes, "next": reverse("clinic:team")}
    )


@clinician_page
def team(request: HttpRequest) -> HttpResponse:
    """The clinician's clinics; an admin invites colleagues by email."""
    admin_of = [m for m in request.memberships if m.role == "admin"]  # type: ignore[attr-defined]
    form = InviteClinicianForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and admin_of and form.is_valid():
        clinic_id = request.POST.get("clinic", "")
        membership = next((m for m in admin_of if str(m.clinic_id) == clinic_id), admin_of[0])
        join = request.build_absolute_uri(reverse("clinic:join", args=["TOKEN"]))
        services.clinician_invite(
            clinic=membership.clinic,
            email=form.cleaned_data["email"],
            invited_by=request.user,
            join_url=join,
        )
        messages.success(
            request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
        )
        return redirect("clinic:team")
    recovery = StaticDevice.objects.filter(user=request.user).first()
    return render(
        request,
        "clinic/team.html",
        {
            "memberships": request.memberships,  # type: ignore[attr-defined]
            "admin_of": admin_of,
            "form": form,
            "codes_left": recovery.token_set.count() if recovery else 0,
        },
    )


def join(request: HttpRequest, token: str) -> HttpResponse:
    """A colleague's invitation link: join the clinic (making an account if there is none)."""
    invitation = services.clinician_invitation_find(token)
    if invitation is None:
        return render(request, "clinic/join_gone.html", status=404)
    users = get_user_model().objects
    existing = users.filter(email__iexact=invitation.email).first()
    if existing is not None and request.user != existing:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404(_("This invitation was sent to another address."))
    form = JoinForm(request.POST if request.method == "POST" and existing is None else None)
    if request.method == "POST":
        user = existing
        if user is None and form.is_valid():
            email = invitation.email
            user = users.create_user(
                username=email, email=email, password=form.cleaned_data["password"]
            )
            login(request, user, backend=MODEL_BACKEND)
        if user is not None:
            try:
                services.clinician_invitation_accept(invitation=invitation, user=user)
            except ValueError:
                return render(request, "clinic/join_gone.html", status=404)
            messages.success(
                request,
                _("You are a clinician of %(clinic)s.") % {"clinic": invitation.clinic.name},
            )
            return redirect("clinic:setup")
    return render(
        request,
        "clinic/join.html",
        {"invitation": invitation, "form": form, "needs_password": existing is None},
    )
