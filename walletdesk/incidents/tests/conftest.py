import pytest

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.tickets.models import TeamMembership
from walletdesk.tickets.tests.factories import general_team, team_join


@pytest.fixture
def lead(db) -> User:
    """An agent who supervises the General team: may open, answer and resolve incidents."""
    user: User = AgentFactory(email="lena@walletdesk.example", display_name="Lena", teams=[])
    team_join(user, general_team(), role=TeamMembership.Role.SUPERVISOR)
    return user
