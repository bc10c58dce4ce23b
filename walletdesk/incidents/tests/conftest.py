import pytest

from walletdesk.accounts.models import User
from walletdesk.incidents.tests.factories import lead_make


@pytest.fixture
def lead(db) -> User:
    """An agent who supervises the General team: may open, answer and resolve incidents."""
    return lead_make()
