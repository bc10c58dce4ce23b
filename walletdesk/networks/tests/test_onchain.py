"""On-chain lookup: the service against a real in-process chain, and the console block."""

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.chain.tests.evm_node import (
    REVERTER_INIT,
    TRANSFER_EMITTER_INIT,
    EvmNode,
    SlowServer,
    closed_port_url,
    transfer_calldata,
)
from walletdesk.networks import onchain
from walletdesk.networks.models import Asset, Network
from walletdesk.networks.onchain import LookupState, transaction_lookup
from walletdesk.tickets.models import Ticket, TicketEvent
from walletdesk.tickets.tests.factories import TicketFactory

ETHER = 10**18
UNKNOWN_HASH = "0x" + "ab" * 32


@pytest.fixture
def node() -> Iterator[EvmNode]:
    chain = EvmNode()
    yield chain
    chain.close()


@pytest.fixture
def ethereum(db: None, node: EvmNode) -> Network:
    """The seeded Ethereum network, pointed at the in-process chain."""
    network = Network.objects.get(slug="ethereum")
    network.rpc_url = node.url
    network.save(update_fields=["rpc_url", "updated_at"])
    return network


@dataclass
class PlainNetwork:
    """Anything with these attributes can be looked up; the model is one such thing."""

    rpc_url: str
    slug: str = "devnet"
    family: str = "evm"
    native_asset: str = "ETH"
    explorer_tx_url: str = "https://explorer.example/tx/{}"
    explorer_address_url: str = "https://explorer.example/address/{}"


# --- the service ------------------------------------------------------------------------------


def test_plain_transfer_is_found_succeeded_with_links(ethereum: Network, node: EvmNode) -> None:
    tx_hash = node.send(to=node.accounts[1], value=ETHER * 2, gas=21_000)

    result = transaction_lookup(ethereum, tx_hash)

    assert result.state == LookupState.SUCCEEDED
    assert result.found
    assert result.transaction is not None
    assert result.transaction.value == 2
    assert result.transaction.confirmations == 1
    assert result.native_asset == "ETH"
    assert result.tx_url == f"https://etherscan.io/tx/{tx_hash}"
    assert result.from_party is not None
    assert result.from_party.address == node.accounts[0]
    assert result.from_party.url == f"https://etherscan.io/address/{node.accounts[0]}"
    assert result.to_party is not None
    assert result.to_party.address == node.accounts[1]
    receipt = node.tester.get_transaction_receipt(tx_hash)
    assert result.transaction.fee_wei == receipt["gas_used"] * receipt["effective_gas_price"]


def test_hash_without_prefix_in_capitals_is_found(ethereum: Network, node: EvmNode) -> None:
    tx_hash = node.send(to=node.accounts[1], value=1, gas=21_000)

    result = transaction_lookup(ethereum, "  " + tx_hash[2:].upper() + " ")

    assert result.state == LookupState.SUCCEEDED
    assert result.tx_hash == tx_hash.lower()


def test_reverted_call_is_failed(ethereum: Network, node: EvmNode) -> None:
    contract = node.deploy(REVERTER_INIT)
    tx_hash = node.send(to=contract, gas=100_000)

    result = transaction_lookup(ethereum, tx_hash)

    assert result.state == LookupState.FAILED
    assert result.transaction is not None
    assert result.transaction.fee_wei


def test_token_transfer_of_a_listed_asset_is_in_its_units(ethereum: Network, node: EvmNode) -> None:
    token = node.deploy(TRANSFER_EMITTER_INIT)
    Asset.objects.create(network=ethereum, symbol="TUSD", contract=token.lower(), decimals=6)
    recipient = node.accounts[3]
    tx_hash = node.send(to=token, gas=100_000, data=transfer_calldata(recipient, 25_500_000))

    result = transaction_lookup(ethereum, tx_hash)

    assert result.state == LookupState.SUCCEEDED
    [transfer] = result.token_transfers
    assert transfer.symbol == "TUSD"
    assert transfer.amount == Decimal("25.5")
    assert transfer.raw_amount == 25_500_000
    assert transfer.token.address == token
    assert transfer.token.url == f"https://etherscan.io/address/{token}"
    assert transfer.from_party.address == node.accounts[0]
    assert transfer.to_party.address == recipient


def test_token_transfer_of_an_unlisted_token_keeps_base_units(node: EvmNode) -> None:
    token = node.deploy(TRANSFER_EMITTER_INIT)
    tx_hash = node.send(to=token, gas=100_000, data=transfer_calldata(node.accounts[3], 7))

    result = transaction_lookup(PlainNetwork(node.url), tx_hash)

    [transfer] = result.token_transfers
    assert transfer.symbol == ""
    assert transfer.amount is None
    assert transfer.raw_amount == 7


def test_unknown_hash_is_not_found(ethereum: Network) -> None:
    result = transaction_lookup(ethereum, UNKNOWN_HASH)

    assert result.state == LookupState.NOT_FOUND
    assert not result.found
    assert result.tx_url == f"https://etherscan.io/tx/{UNKNOWN_HASH}"


def test_pending_transaction_is_pending_and_soon_asked_again(node: EvmNode) -> None:
    network = PlainNetwork(node.url)
    with node.paused_mining():
        tx_hash = node.send(to=node.accounts[1], value=ETHER, gas=21_000)
        pending = transaction_lookup(network, tx_hash)
        node.mine(1)

    with time_machine.travel(timezone.now() + timedelta(seconds=onchain.PENDING_CACHE_FOR + 1)):
        later = transaction_lookup(network, tx_hash)

    assert pending.state == LookupState.PENDING
    assert pending.transaction is not None
    assert pending.transaction.fee_wei is None
    assert later.state == LookupState.SUCCEEDED


def test_second_lookup_is_answered_from_the_cache(node: EvmNode) -> None:
    network = PlainNetwork(node.url)
    tx_hash = node.send(to=node.accounts[1], value=1, gas=21_000)
    first = transaction_lookup(network, tx_hash)
    requests = node.requests

    second = transaction_lookup(network, tx_hash)

    assert requests == 1
    assert node.requests == requests
    assert second == first


def test_final_result_outlives_the_short_ttl_but_not_the_long_one(node: EvmNode) -> None:
    network = PlainNetwork(node.url)
    tx_hash = node.send(to=node.accounts[1], value=1, gas=21_000)
    transaction_lookup(network, tx_hash)
    now = timezone.now()

    with time_machine.travel(now + timedelta(seconds=onchain.PENDING_CACHE_FOR + 1)):
        transaction_lookup(network, tx_hash)
    asked_after_short = node.requests
    with time_machine.travel(now + timedelta(seconds=onchain.FINAL_CACHE_FOR + 1)):
        transaction_lookup(network, tx_hash)

    assert asked_after_short == 1
    assert node.requests == 2


def test_another_endpoint_is_not_answered_from_the_first_ones_cache(node: EvmNode) -> None:
    other = EvmNode()
    try:
        tx_hash = node.send(to=node.accounts[1], value=1, gas=21_000)
        transaction_lookup(PlainNetwork(node.url), tx_hash)

        result = transaction_lookup(PlainNetwork(other.url), tx_hash)
    finally:
        other.close()

    assert result.state == LookupState.NOT_FOUND


def test_endpoint_that_is_down_is_unavailable_quickly() -> None:
    network = PlainNetwork(closed_port_url())
    started = time.monotonic()

    result = transaction_lookup(network, UNKNOWN_HASH)

    assert time.monotonic() - started < 1
    assert result.state == LookupState.UNAVAILABLE
    assert result.tx_url == f"https://explorer.example/tx/{UNKNOWN_HASH}"


def test_slow_endpoint_is_unavailable_within_the_timeout(settings: Any) -> None:
    settings.ONCHAIN_LOOKUP_TIMEOUT_FOR = 0.5
    server = SlowServer(delay=10)
    started = time.monotonic()

    try:
        result = transaction_lookup(PlainNetwork(server.url), UNKNOWN_HASH)
        elapsed = time.monotonic() - started
        # Asked again at once: the short-lived "unavailable" answers without a second wait.
        again = transaction_lookup(PlainNetwork(server.url), UNKNOWN_HASH)
    finally:
        server.close()

    assert result.state == LookupState.UNAVAILABLE
    assert elapsed < 1.2
    assert again.state == LookupState.UNAVAILABLE
    assert server.requests == 1


def test_nonsense_from_the_endpoint_is_unavailable(node: EvmNode) -> None:
    # A transaction object without "from": the node is broken, not the user.
    node.handlers["eth_getTransactionByHash"] = lambda params: {"hash": params[0], "value": "0x0"}

    result = transaction_lookup(PlainNetwork(node.url), UNKNOWN_HASH)

    assert result.state == LookupState.UNAVAILABLE


@pytest.mark.parametrize(
    ("network", "tx_hash"),
    [
        (PlainNetwork("http://127.0.0.1:1/", family="tron"), UNKNOWN_HASH),
        (PlainNetwork(""), UNKNOWN_HASH),
        (PlainNetwork("http://127.0.0.1:1/"), "not-a-hash"),
        (PlainNetwork("http://127.0.0.1:1/"), "0x" + "ab" * 31),
        (None, UNKNOWN_HASH),
    ],
)
def test_what_cannot_be_asked_is_unsupported_without_a_request(
    network: PlainNetwork | None, tx_hash: str
) -> None:
    result = transaction_lookup(network, tx_hash)

    assert result.state == LookupState.UNSUPPORTED
    assert onchain.lookup_supported(network, tx_hash) is False


def test_explorer_template_that_is_not_a_web_link_gives_no_link(node: EvmNode) -> None:
    network = PlainNetwork(node.url, explorer_tx_url="javascript:alert('{}')")

    result = transaction_lookup(network, UNKNOWN_HASH)

    assert result.tx_url == ""


# --- the console block ----------------------------------------------------------------------------


@pytest.fixture
def agent_client(client: Client, carol: User) -> Client:
    carol.language = User.Language.EN
    carol.save(update_fields=["language"])
    client.force_login(carol)
    return client


def onchain_url(ticket: Ticket) -> str:
    return reverse("console:onchain", args=[ticket.reference])


def detail_url(ticket: Ticket) -> str:
    return reverse("console:detail", args=[ticket.reference])


def test_agent_gets_the_block_with_fields_links_and_copy_buttons(
    agent_client: Client, ethereum: Network, node: EvmNode, alice: User
) -> None:
    tx_hash = node.send(to=node.accounts[1], value=ETHER * 3 // 2, gas=21_000)
    ticket = TicketFactory(requester=alice, network="ethereum", tx_hash=tx_hash)

    response = agent_client.get(onchain_url(ticket))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Succeeded" in html
    assert "1 confirmation" in html
    assert "1.5 ETH" in html
    assert f'href="https://etherscan.io/tx/{tx_hash}"' in html
    assert f'data-copy="{node.accounts[0]}"' in html
    assert f'href="https://etherscan.io/address/{node.accounts[1]}"' in html
    assert "<html" not in html  # a partial, not a page
    # Looking something up changes nothing on the ticket.
    assert not TicketEvent.objects.filter(ticket=ticket).exclude(kind="created").exists()


def test_failed_and_not_found_are_explained(
    agent_client: Client, ethereum: Network, node: EvmNode, alice: User
) -> None:
    contract = node.deploy(REVERTER_INIT)
    failed = TicketFactory(requester=alice, tx_hash=node.send(to=contract, gas=100_000))
    missing = TicketFactory(requester=alice, tx_hash=UNKNOWN_HASH)

    failed_html = agent_client.get(onchain_url(failed)).content.decode()
    missing_html = agent_client.get(onchain_url(missing)).content.decode()

    assert "Failed on the chain" in failed_html
    assert "reverted" in failed_html
    assert "Not found" in missing_html
    assert "wrong network" in missing_html


def test_page_does_not_wait_for_the_chain_and_links_the_block(
    agent_client: Client, alice: User, db: None, settings: Any
) -> None:
    server = SlowServer(delay=10)
    Network.objects.filter(slug="ethereum").update(rpc_url=server.url)
    Network.objects.get(slug="ethereum").save()  # drops the cached catalogue
    ticket = TicketFactory(requester=alice, tx_hash=UNKNOWN_HASH)
    started = time.monotonic()

    try:
        response = agent_client.get(detail_url(ticket))
        elapsed = time.monotonic() - started
    finally:
        server.close()

    assert response.status_code == 200
    assert elapsed < 1
    assert server.requests == 0
    html = response.content.decode()
    assert f'data-onchain-url="{onchain_url(ticket)}"' in html
    assert 'src="/static/js/onchain.js"' in html
    assert '<noscript><p><a href="?onchain=1#onchain">' in html
    assert "<script>" not in html


def test_page_shows_a_cached_result_at_once(
    agent_client: Client, ethereum: Network, node: EvmNode, alice: User
) -> None:
    tx_hash = node.send(to=node.accounts[1], value=ETHER, gas=21_000)
    ticket = TicketFactory(requester=alice, tx_hash=tx_hash)
    agent_client.get(onchain_url(ticket))
    requests = node.requests

    html = agent_client.get(detail_url(ticket)).content.decode()

    assert node.requests == requests
    assert "Succeeded" in html
    assert "data-onchain-url" not in html


def test_without_javascript_the_agent_can_ask_from_the_page(
    agent_client: Client, ethereum: Network, node: EvmNode, alice: User
) -> None:
    ticket = TicketFactory(requester=alice, tx_hash=UNKNOWN_HASH)

    html = agent_client.get(detail_url(ticket) + "?onchain=1").content.decode()

    assert node.requests == 1
    assert "Not found" in html


def test_down_endpoint_shows_unavailable_not_an_error(
    agent_client: Client, db: None, alice: User
) -> None:
    Network.objects.filter(slug="ethereum").update(rpc_url=closed_port_url())
    Network.objects.get(slug="ethereum").save()
    ticket = TicketFactory(requester=alice, tx_hash=UNKNOWN_HASH)

    response = agent_client.get(onchain_url(ticket))

    assert response.status_code == 200
    assert "Chain not reachable" in response.content.decode()


@pytest.mark.parametrize(
    ("network", "tx_hash"),
    [("tron", "ab" * 32), ("ethereum", ""), ("no-such-network", UNKNOWN_HASH)],
)
def test_no_block_where_nothing_can_be_looked_up(
    agent_client: Client, ethereum: Network, node: EvmNode, alice: User, network: str, tx_hash: str
) -> None:
    ticket = TicketFactory(requester=alice, network=network, tx_hash=tx_hash)

    block = agent_client.get(onchain_url(ticket)).content.decode()
    page = agent_client.get(detail_url(ticket)).content.decode()

    assert block.strip() == ""
    assert 'id="onchain"' not in page
    assert node.requests == 0


def test_block_is_in_chinese_by_default(
    client: Client, carol: User, ethereum: Network, node: EvmNode, alice: User
) -> None:
    carol.language = User.Language.ZH_HANS
    carol.save(update_fields=["language"])
    client.force_login(carol)
    ticket = TicketFactory(requester=alice, tx_hash=UNKNOWN_HASH)

    html = client.get(onchain_url(ticket)).content.decode()

    # "Copy" is already in the compiled Chinese catalogue; the block's own texts join it.
    assert "复制" in html
    assert ">Copy<" not in html


def test_bob_cannot_see_alices_ticket(
    client: Client, bob: User, alice_ticket: Ticket, ethereum: Network, node: EvmNode
) -> None:
    alice_ticket.tx_hash = UNKNOWN_HASH
    alice_ticket.save(update_fields=["tx_hash"])
    client.force_login(bob)

    response = client.get(onchain_url(alice_ticket))

    assert response.status_code == 404
    assert node.requests == 0


def test_signed_out_visitor_is_sent_to_sign_in(client: Client, alice_ticket: Ticket) -> None:
    response = client.get(onchain_url(alice_ticket))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_unknown_reference_is_404(agent_client: Client) -> None:
    assert agent_client.get(reverse("console:onchain", args=["WD-ZZZZZZ"])).status_code == (404)


def test_lookup_endpoint_is_read_only(agent_client: Client, alice_ticket: Ticket) -> None:
    assert agent_client.post(onchain_url(alice_ticket)).status_code == 405
