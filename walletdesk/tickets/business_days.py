"""Business days on the plain working week (Monday to Friday, no holidays).

Ticket due times are counted on the team's calendar (calendars/selectors.py); this is the
same rule on a calendar without holidays, in the zone of the given instant.
"""

from datetime import datetime

from walletdesk.calendars.arithmetic import weekdays


def add_business_days(start: datetime, days: int) -> datetime:
    """``days`` working days after ``start``, keeping its time of day (Mon-Fri are working)."""
    if start.tzinfo is None:
        raise ValueError("business days need an aware datetime")
    return weekdays(start.tzinfo).add_business_days(start, days)
