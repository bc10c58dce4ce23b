"""The arithmetic of passkeys (WebAuthn, through Yubico's fido2): the relying party the site
is, the options a browser is given, checking what it sends back, and the single-use challenge
kept in the session between the two. No models and no writes: accounts.services decides and
stores.

The relying party id and the one origin accepted both come from SITE_URL: a passkey made
for ``https://help.example.com`` is only ever used there. Browsers refuse WebAuthn for an IP
address and for plain http other than ``localhost``, so on such a SITE_URL passkeys are not
offered (``available``) and the authenticator app is the only second factor.
"""

import ipaddress
import time
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from fido2.server import Fido2Server
from fido2.utils import websafe_decode, websafe_encode
from fido2.webauthn import (
    AttestedCredentialData,
    AuthenticatorData,
    PublicKeyCredentialRpEntity,
    PublicKeyCredentialUserEntity,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

RP_NAME = "WalletDesk"
# How long a challenge waits in the session for the browser's answer; the browser is told
# a little less, so its own prompt gives up first.
CHALLENGE_FOR = 120
TIMEOUT_MS = 100_000
CHALLENGE_KEY = "accounts:passkey_challenge"

REGISTER = "register"
SIGN_IN = "sign_in"


class PasskeyRefused(Exception):
    """What the browser sent does not prove the passkey (the reason is for the log only)."""


@dataclass(frozen=True)
class RelyingParty:
    id: str
    origin: str


def relying_party() -> RelyingParty:
    """The relying party id (SITE_URL's host name) and the exact origin accepted."""
    parts = urlsplit(settings.SITE_URL)
    host = (parts.hostname or "").lower()
    origin = f"{parts.scheme}://{host}"
    if parts.port is not None:
        origin += f":{parts.port}"
    return RelyingParty(id=host, origin=origin)


def available() -> bool:
    """Whether browsers will make and use passkeys for this SITE_URL: a host name (never an
    IP address), over https or on localhost."""
    rp = relying_party()
    if not rp.id:
        return False
    try:
        ipaddress.ip_address(rp.id)
    except ValueError:
        pass
    else:
        return False
    return rp.origin.startswith("https://") or rp.id == "localhost"


def _server() -> Fido2Server:
    rp = relying_party()
    return Fido2Server(
        PublicKeyCredentialRpEntity(id=rp.id, name=RP_NAME),
        # Exactly the site's origin: not a subdomain, not another port.
        verify_origin=lambda origin: origin == rp.origin,
    )


def _jsonable(value: Any) -> Any:
    """fido2's options as plain JSON (its enums are str subclasses; make them plain str)."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def _state(state: Mapping[str, Any]) -> dict[str, str]:
    return {
        "challenge": str(state["challenge"]),
        "user_verification": str(state["user_verification"]),
    }


def _credentials(credentials: list[bytes]) -> list[AttestedCredentialData]:
    return [AttestedCredentialData(data) for data in credentials]


def registration_options(
    *, user_id: bytes, name: str, display_name: str, existing: list[bytes]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The creation options for the browser (base64url JSON) and the state to keep.

    ``existing`` are the user's passkeys (credential data), so the same authenticator is not
    added twice. User verification is preferred, not required: a security key without a PIN
    is still a second factor after the password.
    """
    options, state = _server().register_begin(
        PublicKeyCredentialUserEntity(id=user_id, name=name, display_name=display_name),
        credentials=_credentials(existing),
        resident_key_requirement=ResidentKeyRequirement.DISCOURAGED,
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    public_key = _jsonable(dict(options)["publicKey"])
    public_key["timeout"] = TIMEOUT_MS
    return public_key, _state(state)


@dataclass(frozen=True)
class NewCredential:
    credential_id: str  # base64url
    credential_data: bytes
    sign_count: int


def registration_verify(*, state: Mapping[str, Any], response: Mapping[str, Any]) -> NewCredential:
    """Check the browser's answer to registration_options. Raises PasskeyRefused."""
    try:
        auth_data = _server().register_complete(dict(state), response)
    except Exception as exc:  # fido2 raises ValueError, KeyError, TypeError... on bad input
        raise PasskeyRefused(str(exc)) from exc
    credential = auth_data.credential_data
    if credential is None:
        raise PasskeyRefused("no credential in the registration")
    return NewCredential(
        credential_id=websafe_encode(credential.credential_id),
        credential_data=bytes(credential),
        sign_count=auth_data.counter,
    )


def authentication_options(*, existing: list[bytes]) -> tuple[dict[str, Any], dict[str, str]]:
    """The request options for the browser, naming only this user's passkeys, and the state."""
    options, state = _server().authenticate_begin(
        credentials=_credentials(existing),
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    public_key = _jsonable(dict(options)["publicKey"])
    public_key["timeout"] = TIMEOUT_MS
    return public_key, _state(state)


def assertion_credential_id(response: Mapping[str, Any]) -> str:
    """The base64url credential id the browser says it used (not yet checked)."""
    raw = response.get("rawId") or response.get("id")
    if not isinstance(raw, str) or not raw:
        raise PasskeyRefused("no credential id")
    try:
        return websafe_encode(websafe_decode(raw))
    except ValueError as exc:
        raise PasskeyRefused("credential id is not base64url") from exc


def assertion_verify(
    *, state: Mapping[str, Any], credential_data: bytes, response: Mapping[str, Any]
) -> int:
    """Check the browser's answer to authentication_options against one stored passkey;
    returns the authenticator's new signature counter. Raises PasskeyRefused."""
    server = _server()
    try:
        server.authenticate_complete(
            dict(state), [AttestedCredentialData(credential_data)], response
        )
        return int(
            AuthenticatorData(websafe_decode(response["response"]["authenticatorData"])).counter
        )
    except Exception as exc:  # fido2 raises ValueError, KeyError, TypeError... on bad input
        raise PasskeyRefused(str(exc)) from exc


def sign_count_advances(*, stored: int, received: int) -> bool:
    """A use must show a counter above the stored one; an authenticator that never counts
    (both 0) is the exception the WebAuthn spec allows. A counter that stays or goes back
    means two copies of the key exist: refused."""
    if stored == 0 and received == 0:
        return True
    return received > stored


# --- the challenge, kept server side -----------------------------------------------------------
# One at a time per session, for one purpose and one user, for CHALLENGE_FOR seconds, and
# taken (removed) by the first answer whatever it proves: an answer cannot be replayed.


def challenge_keep(
    store: MutableMapping[str, Any], *, purpose: str, user_id: str, state: Mapping[str, str]
) -> None:
    store[CHALLENGE_KEY] = {
        "purpose": purpose,
        "user": user_id,
        "until": int(time.time()) + CHALLENGE_FOR,
        "state": dict(state),
    }


def challenge_take(
    store: MutableMapping[str, Any], *, purpose: str, user_id: str
) -> dict[str, str] | None:
    """The kept state for ``purpose`` and ``user_id``, removed from ``store``; None when there
    is none, it expired, or it was made for something else."""
    kept = store.pop(CHALLENGE_KEY, None)
    if not isinstance(kept, dict):
        return None
    if kept.get("purpose") != purpose or kept.get("user") != user_id:
        return None
    if int(kept.get("until", 0)) < time.time():
        return None
    state = kept.get("state")
    if not isinstance(state, dict) or not state.get("challenge"):
        return None
    return {str(k): str(v) for k, v in state.items()}
