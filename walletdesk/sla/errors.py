from django.utils.translation import gettext_lazy as _

from walletdesk.core.errors import DomainError


class SlaError(DomainError):
    class Code(DomainError.Code):
        ZERO_TARGET = "zero_target"

    messages = {
        Code.ZERO_TARGET: _(
            "Every target needs at least one business minute: a target of zero would be "
            "breached the moment a ticket arrives."
        ),
    }
