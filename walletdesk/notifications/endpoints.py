"""Which URLs a webhook endpoint may have: public internet addresses only (core.egress).

settings.WEBHOOKS_ALLOW_LOOPBACK lets loopback through (the tests' local push server); it is
off everywhere else.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from walletdesk.core import egress

_MESSAGES = {
    egress.Refusal.SCHEME: _("Use an http:// or https:// address."),
    egress.Refusal.HOST: _("Enter the address of the server that receives the notifications."),
    egress.Refusal.ADDRESS: _(
        "This address points inside our own network (this server, a private or link-local "
        "network, or a cloud metadata service). Use a public internet address."
    ),
    egress.Refusal.UNRESOLVED: _("This host name could not be found."),
}


def webhook_allows_loopback() -> bool:
    return bool(getattr(settings, "WEBHOOKS_ALLOW_LOOPBACK", False))


def webhook_url_validate(value: str) -> None:
    """Field validator: refuse a URL whose host is an internal address or a local name.

    Names are resolved only when posting (channels/webhook.py), where every answer is checked.
    """
    refusal = egress.url_refusal(value, allow_loopback=webhook_allows_loopback())
    if refusal is not None:
        raise ValidationError(_MESSAGES[refusal], code=refusal.value)
