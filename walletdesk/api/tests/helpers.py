"""Signed-in API clients and EIP-4361 messages signed by keys made in the test."""

from datetime import UTC, datetime, timedelta

from eth_account import Account
from eth_account.messages import encode_defunct
from rest_framework.test import APIClient

from walletdesk.accounts.models import User
from walletdesk.devices.services import device_token_issue


def token_client(user: User, **headers: str) -> APIClient:
    client = APIClient()
    issued = device_token_issue(user=user, name="test phone")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issued.secret}", **headers)
    return client


def siwe_text(
    address: str,
    nonce: str,
    *,
    domain: str = "127.0.0.1:8000",
    uri: str = "http://127.0.0.1:8000",
    chain_id: int = 1,
    issued_at: datetime | None = None,
    expires_at: datetime | None = None,
) -> str:
    issued = issued_at or datetime.now(UTC)
    lines = [
        f"{domain} wants you to sign in with your Ethereum account:",
        address,
        "",
        "Sign in to IM Wallet support.",
        "",
        f"URI: {uri}",
        "Version: 1",
        f"Chain ID: {chain_id}",
        f"Nonce: {nonce}",
        f"Issued At: {issued.isoformat().replace('+00:00', 'Z')}",
    ]
    if expires_at is not None:
        lines.append(f"Expiration Time: {expires_at.isoformat().replace('+00:00', 'Z')}")
    return "\n".join(lines)


def sign(account: object, text: str) -> str:
    signed = Account.sign_message(encode_defunct(text=text), private_key=account.key)  # type: ignore[attr-defined]
    return "0x" + bytes(signed.signature).hex()


def soon(minutes: int) -> datetime:
    return datetime.now(UTC) + timedelta(minutes=minutes)
