from django.utils.translation import gettext_lazy as _

from walletdesk.core.errors import DomainError


class HeldMailError(DomainError):
    class Code(DomainError.Code):
        NOT_PENDING = "not_pending"

    messages = {
        Code.NOT_PENDING.value: _(
            "This e-mail is no longer waiting for you: it was already confirmed, declined or "
            "has expired."
        ),
    }
