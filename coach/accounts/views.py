"""Sign up and in, passwords, settings and consent."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from . import guest, lockout, services
from .forms import ChangePasswordForm, NewPasswordForm, SignInForm, SignUpForm
from .selectors import consent_active, consent_latest, safe_next, screen_state, with_next

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("diary:today")
    next_url = safe_next(request)
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = services.user_create(
            email=form.cleaned_data["email"], password=form.cleaned_data["password"]
        )
        services.consent_give(user=user)
        screened = services.screening_claim_from_guest(
            user=user, stored=guest.screen(request.session)
        )
        guest.forget(request.session)
        # Signing in keeps the sessions played as a guest (coach.practice.guests listens).
        login(request, user, backend=MODEL_BACKEND)
        if screened is None:
            return redirect(with_next(reverse("accounts:screen"), next_url))
        return redirect(next_url or "diary:today")
    return render(
        request,
        "accounts/sign_up.html",
        {
            "form": form,
            "next": next_url,
            "guest_sessions": guest.sessions_played(request.session),
        },
    )


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # Axes pauses one account from one address; this is the looser pause for the address.
        if lockout.address_paused(request):
            return lockout.paused_response(request)
        return super().post(request, *args, **kwargs)


sign_in = SignInView.as_view()
sign_out = auth_views.LogoutView.as_view(next_page="home")

password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset_form.html",
    subject_template_name="accounts/email/password-reset-subject.txt",
    email_template_name="accounts/email/password-reset-body.txt",
    success_url=reverse_lazy("accounts:password_reset_sent"),
)
password_reset_sent = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_sent.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    form_class=NewPasswordForm,
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_done.html"
)


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("accounts:settings")
    success_message = gettext_lazy("Your password has been changed.")


password_change = PasswordChangeView.as_view()


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/settings.html",
        {
            "consent": consent_latest(request.user),
            "consent_active": consent_active(request.user),
            "screen": screen_state(request),
        },
    )


@login_required
def consent_give(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if not consent_active(request.user):
            services.consent_give(user=request.user)
        messages.success(request, gettext("Thank you. Your diary saves new entries again."))
        return redirect(safe_next(request) or reverse("accounts:settings"))
    return render(
        request,
        "accounts/consent.html",
        {
            "consent_active": consent_active(request.user),
            "next": safe_next(request),
        },
    )


@require_POST
@login_required
def consent_withdraw(request: HttpRequest) -> HttpResponse:
    services.consent_withdraw(user=request.user)
    messages.success(
        request,
        gettext(
            "You have withdrawn your consent. The diary will not save "
            "anything new until you give it again. What you saved before is kept "
            "until you delete it."
        ),
    )
    return redirect("accounts:settings")
