"""How often the account pages may be used: one place to read and tune every limit.

Each action is limited per e-mail address (someone hammering one account) and per client IP
(someone sweeping many addresses). IP limits are generous because mobile carriers put many
wallet users behind one address (carrier-grade NAT).
"""

from walletdesk.core.ratelimit import Limit

_MINUTE = 60
_HOUR = 60 * _MINUTE

REGISTER_PER_ADDRESS = Limit("accounts.register.address", count=3, window_for=_HOUR)
REGISTER_PER_IP = Limit("accounts.register.ip", count=20, window_for=_HOUR)

SIGN_IN_PER_ADDRESS = Limit("accounts.sign_in.address", count=10, window_for=15 * _MINUTE)
SIGN_IN_PER_IP = Limit("accounts.sign_in.ip", count=30, window_for=15 * _MINUTE)
# Failures are counted per address whether or not an account exists, so a refusal here
# never tells a stranger which addresses are registered.
SIGN_IN_FAILURES_PER_ACCOUNT = Limit("accounts.sign_in.failures", count=5, window_for=15 * _MINUTE)

PASSWORD_RESET_PER_ADDRESS = Limit("accounts.reset.address", count=3, window_for=_HOUR)
PASSWORD_RESET_PER_IP = Limit("accounts.reset.ip", count=20, window_for=_HOUR)
# Opening or submitting a reset link: tokens cannot be guessed, but there is no reason to
# let one client try thousands.
PASSWORD_RESET_CONFIRM_PER_IP = Limit(
    "accounts.reset_confirm.ip", count=30, window_for=15 * _MINUTE
)

VERIFICATION_RESEND_PER_ACCOUNT = Limit("accounts.verify_resend.account", count=3, window_for=_HOUR)
VERIFICATION_RESEND_PER_IP = Limit("accounts.verify_resend.ip", count=20, window_for=_HOUR)

# The second factor: codes are 6 digits, so failures are counted per account (not per
# address or IP: the password was already right); a wrong code after five in the window
# locks the account's second step until the window ends, even for the right code.
SECOND_FACTOR_PER_ACCOUNT = Limit(
    "accounts.second_factor.account", count=20, window_for=15 * _MINUTE
)
SECOND_FACTOR_PER_IP = Limit("accounts.second_factor.ip", count=60, window_for=15 * _MINUTE)
SECOND_FACTOR_FAILURES_PER_ACCOUNT = Limit(
    "accounts.second_factor.failures", count=5, window_for=15 * _MINUTE
)
