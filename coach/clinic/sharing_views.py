"""The person's side of sharing, under their settings: enter a clinician's code, see exactly
what would be shared, confirm; stop sharing at any time; see who has looked at their data."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from coach.accounts.selectors import consent_active

from . import audit, services
from .access import clinician_page, me
from .forms import ShareCodeForm, ShareConfirmForm
from .models import Share, ShareInvite
from .qr import qr_svg

SHARED = (
    (
        gettext_lazy("Your check-ins"),
        gettext_lazy(
            "Leg and back pain, how far down each leg symptoms reach, and the numbness and "
            "weakness ticks, with when you checked in."
        ),
    ),
    (
        gettext_lazy("Your sessions"),
        gettext_lazy(
            "Which routine, when, how long, and which stretches you skipped or stopped because "
            "they hurt or spread down the leg."
        ),
    ),
    (
        gettext_lazy("Your plan"),
        gettext_lazy(
            "What the routine's rules changed: stretches left out for now and doses building up."
        ),
    ),
    (
        gettext_lazy("Your safety question outcomes"),
        gettext_lazy(
            "Whether an answer asked you to seek care or see a clinician, and when; not each "
            "answer."
        ),
    ),
)
NOT_SHARED = gettext_lazy(
    "Your email is shown to identify you; your password, consent records and the notes you "
    "write are not shared, unless you tick the box for notes."
)
GONE = gettext_lazy(
    "That code does not work: it may be mistyped, used already or expired. Ask for a new one."
)


def _shares(user) -> list[Share]:
    return list(
        Share.objects.filter(patient=user)
        .select_related("clinic", "clinician")
        .order_by("stopped_at", "-started_at")
    )


@login_required
def sharing(request: HttpRequest) -> HttpResponse:
    """Who the person shares with, the code box, and stopping."""
    form = ShareCodeForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        invite = services.share_invite_find(form.cleaned_data["code"])
        if invite is not None:
            return _preview(request, invite, ShareConfirmForm(initial={"code": invite.code}))
        form.add_error("code", GONE)
    shares = _shares(request.user)
    return render(
        request,
        "clinic/sharing.html",
        {
            "form": form,
            "active": [s for s in shares if s.active],
            "past": [s for s in shares if not s.active],
            "consent_active": consent_active(request.user),
            "shared": SHARED,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _preview(request: HttpRequest, invite, form: ShareConfirmForm) -> HttpResponse:
    return render(
        request,
        "clinic/share_confirm.html",
        {
            "invite": invite,
            "form": form,
            "shared": SHARED,
            "not_shared": NOT_SHARED,
            "consent_active": consent_active(request.user),
        },
    )


@require_POST
@login_required
def share_confirm(request: HttpRequest) -> HttpResponse:
    form = ShareConfirmForm(request.POST)
    invite = services.share_invite_find(request.POST.get("code", "")[:20])
    if invite is None or not form.is_valid():
        messages.error(request, GONE)
        return redirect("clinic:sharing")
    if not consent_active(request.user):
        return _preview(request, invite, form)
    try:
        services.share_start(
            invite=invite,
            patient=request.user,
            include_notes=form.cleaned_data["include_notes"],
        )
    except services.InviteGone:
        messages.error(request, GONE)
        return redirect("clinic:sharing")
    messages.success(
        request,
        _(
            "You now share your diary with %(clinician)s at %(clinic)s. You can stop at any "
            "time on this page."
        )
        % {"clinician": invite.clinician.email, "clinic": invite.clinic.name},
    )
    return redirect("clinic:sharing")


@require_POST
@login_required
def share_stop(request: HttpRequest, pk: int) -> HttpResponse:
    share = get_object_or_404(Share, pk=pk, patient=request.user)
    services.share_stop(share=share)
    messages.success(
        request,
        _("You have stopped sharing with %(clinician)s. They no longer see it.")
        % {"clinician": share.clinician.email},
    )
    return redirect("clinic:sharing")


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    """Who has looked at my data: every clinician's view, change and export."""
    return render(request, "clinic/access_log.html", {"records": audit.records_about(request.user)})


@clinician_page
def invites(request: HttpRequest) -> HttpResponse:
    """The clinician makes an invite: a short code, and a QR code that opens the person's
    sharing page with the code filled in. It works once and expires."""
    memberships = request.memberships  # type: ignore[attr-defined]
    made = None
    if request.method == "POST":
        chosen = request.POST.get("clinic", "")
        membership = next((m for m in memberships if str(m.clinic_id) == chosen), memberships[0])
        made = services.share_invite_create(clinic=membership.clinic, clinician=request.user)
    open_invites = (
        ShareInvite.objects.filter(
            clinician=me(request), used_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("clinic")
        .order_by("-created_at")
    )
    cards = []
    for invite in open_invites:
        url = request.build_absolute_uri(
            f"{reverse('clinic:sharing')}?{urlencode({'code': services.shown_code(invite.code)})}"
        )
        cards.append(
            {
                "invite": invite,
                "code": services.shown_code(invite.code),
                "url": url,
                "qr": qr_svg(url, scale=3, title=_("QR code of the sharing link")),
                "new": made is not None and invite.pk == made.pk,
            }
        )
    return render(
        request,
        "clinic/invites.html",
        {"cards": cards, "memberships": memberships, "days": services.SHARE_INVITE_DAYS},
    )
