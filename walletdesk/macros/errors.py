from django.utils.translation import gettext_lazy as _

from walletdesk.core.errors import DomainError


class MacroError(DomainError):
    class Code(DomainError.Code):
        TITLE_MISSING = "title_missing"
        REPLY_MISSING = "reply_missing"
        UNKNOWN_PLACEHOLDER = "unknown_placeholder"
        CONTAINS_SECRET = "contains_secret"  # noqa: S105 -- an error code, not a secret
        ASKS_FOR_SECRET = "asks_for_secret"  # noqa: S105 -- an error code, not a secret
        NOT_YOURS = "not_yours"

    messages = {
        Code.TITLE_MISSING.value: _("Give the saved reply a title in Chinese or English."),
        Code.REPLY_MISSING.value: _("Write the reply in Chinese, English or both."),
        Code.UNKNOWN_PLACEHOLDER.value: _("Unknown placeholder %(names)s. Use %(known)s."),
        Code.CONTAINS_SECRET.value: _(
            "The reply contains what looks like a recovery phrase or private key. Remove it."
        ),
        Code.ASKS_FOR_SECRET.value: _(
            "The reply asks for a recovery phrase, private key, verification code or remote "
            "access. Support never asks for these, so it cannot be saved."
        ),
        Code.NOT_YOURS.value: _("This saved reply is not available to you."),
    }
