"""How often one account, and one address, may post in the forum: one place for every limit.

Counted by core.ratelimit, in the cache or the database every process shares. Accounts
younger than NEW_ACCOUNT_FOR have tighter limits (a fresh account is the impersonator's
tool), and their links are shown but never clickable (templatetags/community.py).
"""

from datetime import timedelta

from walletdesk.core.ratelimit import Limit

_HOUR = 60 * 60

POSTS_PER_ACCOUNT = Limit("community.post.account", count=30, window_for=_HOUR)
POSTS_PER_NEW_ACCOUNT = Limit("community.post.new_account", count=5, window_for=_HOUR)
# Many wallet users share one carrier address (carrier-grade NAT): generous.
POSTS_PER_IP = Limit("community.post.ip", count=120, window_for=_HOUR)
REPORTS_PER_ACCOUNT = Limit("community.report.account", count=20, window_for=_HOUR)
VOTES_PER_ACCOUNT = Limit("community.vote.account", count=120, window_for=_HOUR)

NEW_ACCOUNT_FOR = timedelta(days=7)

TITLE_MAX = 150
BODY_MAX = 5000
