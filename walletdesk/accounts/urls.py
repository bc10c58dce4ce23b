from django.urls import path

from walletdesk.accounts import views

app_name = "accounts"

urlpatterns = [
    path("register/", views.register, name="register"),
    path("verify/sent/", views.verification_sent, name="verification-sent"),
    path("verify/resend/", views.verification_resend, name="verification-resend"),
    path("verify/<str:token>/", views.verify, name="verify"),
    path("login/", views.login, name="login"),
    path("login/verify/", views.login_verify, name="login-verify"),
    path(
        "login/verify/passkey/options/",
        views.login_verify_passkey_options,
        name="login-verify-passkey-options",
    ),
    path("login/verify/passkey/", views.login_verify_passkey, name="login-verify-passkey"),
    path("logout/", views.logout, name="logout"),
    path("language/", views.language, name="language"),
    path("time-zone/", views.time_zone_detected, name="time-zone-detected"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/sent/", views.password_reset_sent, name="password-reset-sent"),
    path(
        "password-reset/<str:uidb64>/<str:token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path(
        "password-reset/complete/",
        views.password_reset_complete,
        name="password-reset-complete",
    ),
    path("profile/", views.profile, name="profile"),
    path("two-factor/", views.two_factor, name="two-factor"),
    path("two-factor/setup/", views.two_factor_setup, name="two-factor-setup"),
    path("two-factor/codes/", views.two_factor_codes, name="two-factor-codes"),
    path(
        "two-factor/codes/new/",
        views.two_factor_codes_regenerate,
        name="two-factor-codes-regenerate",
    ),
    path("two-factor/disable/", views.two_factor_disable, name="two-factor-disable"),
    path(
        "two-factor/passkeys/options/",
        views.two_factor_passkey_options,
        name="two-factor-passkey-options",
    ),
    path("two-factor/passkeys/add/", views.two_factor_passkey_add, name="two-factor-passkey-add"),
    path(
        "two-factor/passkeys/<uuid:passkey_id>/rename/",
        views.two_factor_passkey_rename,
        name="two-factor-passkey-rename",
    ),
    path(
        "two-factor/passkeys/<uuid:passkey_id>/remove/",
        views.two_factor_passkey_remove,
        name="two-factor-passkey-remove",
    ),
]
