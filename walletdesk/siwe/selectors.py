"""Reads: the wallet addresses a person may see."""

from uuid import UUID

from django.db.models import QuerySet

from walletdesk.accounts.models import User
from walletdesk.core.compiled import CompiledRead
from walletdesk.siwe.models import WalletAddress


def wallet_address_list_for_user(*, user: User) -> QuerySet[WalletAddress]:
    """The user's own linked addresses, oldest first. One query."""
    return WalletAddress.objects.filter(user=user).order_by("verified_at", "id")


def wallet_address_get_for_user(*, user: User, address_id: str) -> WalletAddress | None:
    return wallet_address_list_for_user(user=user).filter(pk=address_id).first()


def wallet_address_list_for_requester(
    *, viewer: User, requester_id: UUID | str
) -> list[WalletAddress]:
    """The addresses a ticket's requester proved, for an agent beside the ticket; nobody else
    gets any. One query."""
    if not viewer.is_agent:
        return []
    return _PROVEN_BY.read(user_id=requester_id)


# Read by every agent's ticket page: its SQL is compiled once.
_PROVEN_BY = CompiledRead(
    WalletAddress,
    lambda _shape, *, user_id: WalletAddress.objects.filter(user_id=user_id).order_by(
        "verified_at", "id"
    ),
)
