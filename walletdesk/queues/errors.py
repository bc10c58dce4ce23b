from django.utils.translation import gettext_lazy as _

from walletdesk.core.errors import DomainError


class QueueError(DomainError):
    class Code(DomainError.Code):
        NAME_REQUIRED = "name_required"
        NOT_YOURS = "not_yours"
        BAD_PARAMETER = "bad_parameter"
        NOTHING_CHOSEN = "nothing_chosen"
        TOO_MANY = "too_many"

    messages = {
        Code.NAME_REQUIRED.value: _("Give the view a name."),
        Code.NOT_YOURS.value: _("Only its owner or an administrator may change this view."),
        Code.BAD_PARAMETER.value: _("Choose what to apply: the list offers what you may use."),
        Code.NOTHING_CHOSEN.value: _("Choose at least one ticket."),
        Code.TOO_MANY.value: _(
            "A bulk action takes at most %(limit)s tickets. Narrow the filters and try again."
        ),
    }
