"""How many tickets one person, or one address, may open: the same on every door."""

from walletdesk.core import ratelimit

# Enough for a user with several real problems; stops a script filling the queue.
TICKETS_PER_USER = ratelimit.Limit("ticket-create", count=10, window_for=60 * 60)
# Many accounts behind one address (a script registering them) meet this one.
TICKETS_PER_IP = ratelimit.Limit("ticket-create-ip", count=30, window_for=60 * 60)
