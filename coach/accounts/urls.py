from django.urls import path

from . import language, screen_views, views

app_name = "accounts"

urlpatterns = [
    path("sign-up/", views.sign_up, name="sign_up"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_sent, name="password_reset_sent"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.password_reset_done, name="password_reset_done"),
    path("password/", views.password_change, name="password_change"),
    path("settings/", views.settings_page, name="settings"),
    path("consent/", views.consent_give, name="consent"),
    path("consent/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("screen/", screen_views.screen, name="screen"),
    path("screen/cleared/", screen_views.screen_cleared, name="screen_cleared"),
    path("check/", screen_views.check, name="check"),
    path("language/", language.choose, name="language"),
]
