"""EIP-4361 messages written and signed the way a wallet does, with keys made in the test."""

from datetime import UTC, datetime, timedelta

import factory
from django.utils import timezone
from eth_account import Account
from eth_account.messages import encode_defunct
from eth_account.signers.local import LocalAccount

from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.siwe.message import SiweMessage
from walletdesk.siwe.models import SiweNonce, WalletAddress

# The site the tests sign in to (the `site` fixture points the settings at it).
DOMAIN = "help.example.com"
URI = "https://help.example.com"


def wallet() -> LocalAccount:
    """A fresh key pair, as a wallet app holds one."""
    return Account.create()


def siwe_text(message: SiweMessage, *, resources: tuple[str, ...] = ()) -> str:
    """The text a wallet shows and signs for ``message`` (EIP-4361, section "Message format")."""

    def moment(value: datetime) -> str:
        return value.isoformat().replace("+00:00", "Z")

    lines = [
        f"{message.domain} wants you to sign in with your Ethereum account:",
        message.address,
        "",
    ]
    if message.statement:
        lines += [message.statement, ""]
    lines += [
        f"URI: {message.uri}",
        f"Version: {message.version}",
        f"Chain ID: {message.chain_id}",
        f"Nonce: {message.nonce}",
        f"Issued At: {moment(message.issued_at)}",
    ]
    if message.expiration_time is not None:
        lines.append(f"Expiration Time: {moment(message.expiration_time)}")
    if message.not_before is not None:
        lines.append(f"Not Before: {moment(message.not_before)}")
    if message.request_id:
        lines.append(f"Request ID: {message.request_id}")
    if resources:
        lines.append("Resources:")
        lines += [f"- {resource}" for resource in resources]
    return "\n".join(lines)


def siwe_message(address: str, nonce: str = "abcdef0123456789", **changes: object) -> SiweMessage:
    """A message this service accepts (given a live nonce), with ``changes`` applied."""
    values: dict[str, object] = {
        "domain": DOMAIN,
        "address": address,
        "statement": "Sign in to IM Wallet support.",
        "uri": URI,
        "version": "1",
        "chain_id": 1,
        "nonce": nonce,
        "issued_at": datetime.now(UTC),
    }
    values.update(changes)
    return SiweMessage(**values)  # type: ignore[arg-type]


def sign(account: LocalAccount, text: str) -> str:
    """An EIP-191 personal_sign signature of ``text``, hex with 0x, as wallets send it."""
    signed = account.sign_message(encode_defunct(text=text))
    return "0x" + bytes(signed.signature).hex()


class SiweNonceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiweNonce

    nonce = factory.Sequence(lambda n: f"nonce{n:011d}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(minutes=10))


class WalletAddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WalletAddress

    user = factory.SubFactory(UserFactory)
    address = factory.LazyFunction(lambda: wallet().address)
    chain_id = 1
    verified_at = factory.LazyFunction(timezone.now)
