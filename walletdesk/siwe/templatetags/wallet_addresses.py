from uuid import UUID

from django import template

from walletdesk.accounts.models import User
from walletdesk.siwe.models import WalletAddress
from walletdesk.siwe.selectors import wallet_address_list_for_requester

register = template.Library()


@register.simple_tag
def wallet_addresses_for(viewer: User, requester_id: UUID | str) -> list[WalletAddress]:
    """The requester's proven wallet addresses, for the console's ticket page."""
    return wallet_address_list_for_requester(viewer=viewer, requester_id=requester_id)
