"""The console names networks as people know them, never by their code."""

from walletdesk.console.tests.views.helpers import detail_url
from walletdesk.tickets.tests.factories import TicketFactory


def test_the_agent_sees_the_networks_name(agent_client, agent, alice):
    ticket = TicketFactory(requester=alice, network="ethereum")

    html = agent_client.get(detail_url(ticket), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "<dd>Ethereum (ERC-20)</dd>" in html  # the agent reads the console in English
    assert "<dd>ethereum</dd>" not in html
