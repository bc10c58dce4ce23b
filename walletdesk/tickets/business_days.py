"""Due times in business days. Weekends only for now; holidays come with the business calendar."""

from datetime import datetime, timedelta


def add_business_days(start: datetime, days: int) -> datetime:
    """``days`` working days after ``start``, keeping its time of day (Mon-Fri are working)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current
