import pytest

from walletdesk.siwe.tests.factories import URI


@pytest.fixture
def site(settings):
    """The service at URI, with the domain and URI a message must name derived from it."""
    settings.SITE_URL = URI
    settings.SIWE_DOMAIN = ""
    settings.SIWE_URI = ""
    settings.SIWE_CHAIN_IDS = [1, 56]
    settings.SIWE_NONCE_LIFETIME_FOR = 600
    return settings
