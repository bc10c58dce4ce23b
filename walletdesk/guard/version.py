"""Which version of the secret guard is running, so stored text is re-read once per version.

The version is a fingerprint of the rules themselves (the detector in chain/secret_guard.py,
the policy in guard/services.py) and of the word lists' package, never a number someone has
to remember to raise: any change to the rules deploys a new version, and the rescan
(submissions/rescan.py) reads every stored text again, once, with it.
"""

import hashlib
import importlib.metadata
from functools import cache
from pathlib import Path
from types import ModuleType

from walletdesk.chain import secret_guard
from walletdesk.guard import services


def _module_bytes(module: ModuleType) -> bytes:
    path = getattr(module, "__file__", None)
    return Path(path).read_bytes() if path else module.__name__.encode()


@cache
def guard_version() -> str:
    """A short stable fingerprint of the guard's rules (16 hex digits)."""
    digest = hashlib.sha256()
    for module in (secret_guard, services):
        digest.update(_module_bytes(module))
    try:
        digest.update(importlib.metadata.version("mnemonic").encode())
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a broken install
        digest.update(b"mnemonic-unknown")
    return digest.hexdigest()[:16]
