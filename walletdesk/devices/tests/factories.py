import secrets
from datetime import timedelta

import factory
from django.utils import timezone

from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.devices.models import DeviceToken
from walletdesk.devices.selectors import token_hash
from walletdesk.devices.services import TOKEN_PREFIX


class DeviceTokenFactory(factory.django.DjangoModelFactory):
    """A token row as device_token_issue leaves it; pass ``secret`` to know what signs in."""

    class Meta:
        model = DeviceToken

    class Params:
        secret = factory.LazyFunction(lambda: TOKEN_PREFIX + secrets.token_urlsafe(32))

    user = factory.SubFactory(UserFactory)
    name = "test phone"
    key_hash = factory.LazyAttribute(lambda token: token_hash(token.secret))
    prefix = factory.LazyAttribute(lambda token: token.secret[:12])
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=90))
