"""Codes for the second factor of test users, computed as an authenticator app would.

A code is accepted once (its time step is stored), so the helper picks the next step the
server will still take: the current one, or the one after if the current was used (the
server accepts one step of drift). Two sign-ins of one user within the same 30 seconds
therefore both pass without waiting.
"""

import time

from walletdesk.accounts import totp
from walletdesk.accounts.models import TotpDevice, User


def totp_code(user: User) -> str:
    """A code for ``user``'s enrolled app that the server has not accepted yet."""
    device = TotpDevice.objects.get(user=user)
    counter = max(totp.counter_now(), device.last_counter + 1)
    while counter > totp.counter_now() + totp.DRIFT_STEPS:  # both steps used: wait for one
        time.sleep(1)
    return totp.code_for(device.secret, counter)
