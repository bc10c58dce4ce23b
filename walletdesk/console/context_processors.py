"""What the console's navigation shows on every page: the moderation queue's badge."""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from walletdesk.community.selectors import WAITING_CAP, moderation_waiting_kept


@dataclass(frozen=True)
class Waiting:
    """How many held posts and open reports wait, as far as the badge counts."""

    count: int

    @property
    def cap(self) -> int:
        return WAITING_CAP

    @property
    def over_cap(self) -> bool:
        return self.count > WAITING_CAP

    @property
    def label(self) -> str:
        return f"{WAITING_CAP}+" if self.over_cap else str(self.count)


def moderation_badge(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_agent:
        return {}
    # Lazy, as the bell's: read only on pages that draw the console's navigation, from the
    # shared cache; when it has none, one capped COUNT over partial indexes (community.selectors).
    return {"moderation_waiting": SimpleLazyObject(lambda: Waiting(moderation_waiting_kept()))}
