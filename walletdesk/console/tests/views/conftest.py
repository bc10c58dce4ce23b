"""What every console view test uses: an agent reading the console in English, signed in."""

import pytest

from walletdesk.accounts.models import User


@pytest.fixture
def agent(carol: User) -> User:
    """Carol reading the console in English, so assertions do not depend on the catalogue."""
    carol.language = User.Language.EN
    carol.time_zone = "Asia/Shanghai"
    carol.save(update_fields=["language", "time_zone"])
    return carol


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent)
    return client
