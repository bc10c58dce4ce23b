from django.utils.translation import gettext_lazy as _

from walletdesk.core.errors import DomainError


class PrivacyError(DomainError):
    class Code(DomainError.Code):
        EXPORT_IN_PROGRESS = "export_in_progress"
        RATE_LIMITED = "rate_limited"
        LINK_INVALID = "link_invalid"
        LINK_EXPIRED = "link_expired"
        LINK_USED = "link_used"
        LINK_OTHER_USER = "link_other_user"
        STAFF_CANNOT_ERASE = "staff_cannot_erase"
        PASSWORD_INVALID = "password_invalid"  # noqa: S105 - an error code, not a password
        CODE_REQUIRED = "code_required"
        STORAGE_UNAVAILABLE = "storage_unavailable"

    messages = {
        Code.EXPORT_IN_PROGRESS.value: _(
            "An export of your data is already being prepared or waiting for you: use the link "
            "we e-mailed you, or ask again once it has expired."
        ),
        Code.RATE_LIMITED.value: _(
            "You asked for your data several times today. Please try again in %(minutes)s minutes."
        ),
        Code.LINK_INVALID.value: _(
            "This download link is not valid. Copy the whole link from the e-mail, or ask for "
            "a new export from your profile."
        ),
        Code.LINK_EXPIRED.value: _(
            "This download link has expired. Ask for a new export from your profile."
        ),
        Code.LINK_USED.value: _(
            "This download link was already used: each link works once. Ask for a new export "
            "from your profile."
        ),
        Code.LINK_OTHER_USER.value: _(
            "This download link belongs to another account. Sign in with the account that "
            "asked for it."
        ),
        Code.STAFF_CANNOT_ERASE.value: _(
            "Staff accounts cannot be erased from the profile: ask an administrator to close "
            "your account."
        ),
        Code.PASSWORD_INVALID.value: _("The password is not correct."),
        Code.CODE_REQUIRED.value: _(
            "Type the code from your authenticator app or one of your recovery codes."
        ),
        Code.STORAGE_UNAVAILABLE.value: _(
            "Your files could not be removed just now. Nothing was erased; please try again "
            "in a few minutes."
        ),
    }
