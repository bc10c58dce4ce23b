"""Signals other apps may listen to; accounts never needs a listener to work.

``second_factor_changed`` is sent after each change of a user's second factor commits, so an
audit trail can record it: ``sender`` is the User class, ``user`` the account, ``kind`` one of
SecondFactorChange, ``request`` the HttpRequest it came from (None from a command or the API
without one). A passkey change also carries ``passkey``, the passkey's name (after a rename,
the new one).
"""

from enum import StrEnum

from django.dispatch import Signal


class SecondFactorChange(StrEnum):
    ENABLED = "enabled"
    DISABLED = "disabled"
    RECOVERY_CODES_REGENERATED = "recovery_codes_regenerated"
    RECOVERY_CODE_USED = "recovery_code_used"
    RESET_BY_ADMIN = "reset_by_admin"
    PASSKEY_ADDED = "passkey_added"
    PASSKEY_RENAMED = "passkey_renamed"
    PASSKEY_REMOVED = "passkey_removed"


second_factor_changed = Signal()
