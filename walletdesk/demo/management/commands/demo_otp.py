"""`manage.py demo_otp`: the current two-step verification code of the demo's staff.

The demo agent and administrator are enrolled with a fixed, public secret (seed_demo), so the
demo can be tried without a phone. Prints each one's code for now and for the next 30 seconds.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand

from walletdesk.accounts import totp
from walletdesk.accounts.models import TotpDevice
from walletdesk.demo.management.commands.seed_demo import PEOPLE


class Command(BaseCommand):
    help = "Print the current two-step verification codes of the demo agent and administrator."

    def handle(self, *args: Any, **options: Any) -> None:
        now = totp.counter_now()
        seconds_left = totp.STEP_FOR - int(time.time()) % totp.STEP_FOR
        staff = [email for email, _name, role in PEOPLE if role != "customer"]
        devices = {d.user.email: d for d in TotpDevice.objects.filter(user__email__in=staff)}
        for email in staff:
            device = devices.get(email)
            if device is None:
                self.stdout.write(f"{email:<30} no authenticator app (run seed_demo first)")
                continue
            current = totp.code_for(device.secret, now)
            following = totp.code_for(device.secret, now + 1)
            self.stdout.write(
                f"{email:<30} code: {current}  ({seconds_left}s left; next: {following})"
            )
        self.stdout.write("Each code signs in once; if it was just used, take the next one.")
