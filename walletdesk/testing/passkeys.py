"""A software passkey for tests: an authenticator built from `cryptography` (a P-256 key) and
fido2's data classes, answering the options the server gives as a browser would (base64url
JSON). Its origin, relying party id and counter can be set wrong on purpose, to prove each is
refused.
"""

import hashlib
import os
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.utils import websafe_decode, websafe_encode
from fido2.webauthn import (
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorData,
    CollectedClientData,
)

_FLAGS = AuthenticatorData.FLAG


@dataclass
class SoftPasskey:
    """One credential on a software authenticator. ``counter`` goes up by one per use."""

    origin: str
    rp_id: str
    counter: int = 0
    credential_id: bytes = field(default_factory=lambda: os.urandom(32))
    key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    user_verified: bool = True

    def _cose_key(self) -> ES256:
        """The public key as COSE (EC2, P-256, ES256), as an authenticator reports it."""
        numbers = self.key.public_key().public_numbers()
        return ES256(
            {
                1: 2,
                3: ES256.ALGORITHM,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )

    def _flags(self, *, attested: bool) -> AuthenticatorData.FLAG:
        flags = _FLAGS.UP
        if self.user_verified:
            flags |= _FLAGS.UV
        if attested:
            flags |= _FLAGS.AT
        return flags

    def create(
        self, options: dict[str, Any], *, origin: str | None = None, rp_id: str | None = None
    ) -> dict[str, Any]:
        """The answer to navigator.credentials.create() for ``options`` (the publicKey part)."""
        client_data = CollectedClientData.create(
            type="webauthn.create", challenge=options["challenge"], origin=origin or self.origin
        )
        credential = AttestedCredentialData.create(b"\0" * 16, self.credential_id, self._cose_key())
        auth_data = AuthenticatorData.create(
            hashlib.sha256((rp_id or self.rp_id).encode()).digest(),
            self._flags(attested=True),
            self.counter,
            credential,
        )
        attestation = AttestationObject.create("none", auth_data, {})
        return {
            "id": websafe_encode(self.credential_id),
            "rawId": websafe_encode(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": websafe_encode(client_data),
                "attestationObject": websafe_encode(attestation),
            },
            "clientExtensionResults": {},
        }

    def get(
        self,
        options: dict[str, Any],
        *,
        origin: str | None = None,
        rp_id: str | None = None,
        counter: int | None = None,
    ) -> dict[str, Any]:
        """The answer to navigator.credentials.get() for ``options``; the counter goes up by
        one unless ``counter`` is given."""
        self.counter = self.counter + 1 if counter is None else counter
        client_data = CollectedClientData.create(
            type="webauthn.get", challenge=options["challenge"], origin=origin or self.origin
        )
        auth_data = AuthenticatorData.create(
            hashlib.sha256((rp_id or self.rp_id).encode()).digest(),
            self._flags(attested=False),
            self.counter,
        )
        signature = self.key.sign(auth_data + client_data.hash, ec.ECDSA(hashes.SHA256()))
        return {
            "id": websafe_encode(self.credential_id),
            "rawId": websafe_encode(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": websafe_encode(client_data),
                "authenticatorData": websafe_encode(auth_data),
                "signature": websafe_encode(signature),
                "userHandle": None,
            },
            "clientExtensionResults": {},
        }


def challenge_of(options: dict[str, Any]) -> bytes:
    return websafe_decode(options["challenge"])
