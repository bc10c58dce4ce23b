"""Networks are shown by the names people know, in their language, never by their code."""

import re

import pytest
from django.urls import reverse

from walletdesk.tickets.tests.factories import TicketFactory


def _network_cell(html: str) -> str:
    found = re.search(r"<dd>([^<]*(?:ERC-20|retired-chain)[^<]*)</dd>", html)
    assert found, "no network shown"
    return found.group(1)


@pytest.mark.parametrize(
    ("language", "name"), [("zh-hans", "以太坊 (ERC-20)"), ("en", "Ethereum (ERC-20)")]
)
def test_the_requester_sees_the_networks_name(client, alice, language, name):
    ticket = TicketFactory(requester=alice, network="ethereum")
    alice.language = language
    alice.save(update_fields=["language"])
    client.force_login(alice)

    html = client.get(reverse("portal:detail", args=[ticket.reference])).content.decode()

    assert _network_cell(html) == name


def test_a_network_the_catalogue_does_not_know_is_shown_as_stored(client, alice):
    ticket = TicketFactory(requester=alice, network="retired-chain")
    client.force_login(alice)

    html = client.get(reverse("portal:detail", args=[ticket.reference])).content.decode()

    assert _network_cell(html) == "retired-chain"
