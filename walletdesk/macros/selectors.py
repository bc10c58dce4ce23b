from uuid import UUID

from django.core.exceptions import ValidationError

from walletdesk.accounts.models import User
from walletdesk.macros.errors import MacroError
from walletdesk.macros.models import Macro


def macro_list_for_agent(*, user: User) -> list[Macro]:
    """The shared macros and the agent's own, most used first (one query)."""
    return list(Macro.objects.usable_by(user).select_related("add_tag"))


def macro_get_for_agent(*, user: User, macro_id: UUID | str) -> Macro:
    """One macro ``user`` may use. Raises MacroError NOT_YOURS for any other id."""
    try:
        return Macro.objects.usable_by(user).select_related("add_tag").get(pk=macro_id)
    except (Macro.DoesNotExist, ValidationError, ValueError) as exc:
        raise MacroError(MacroError.Code.NOT_YOURS) from exc
