"""The in-app channel: the row is the notification. It is written as sent, shown by the
bell and the list page, and marked read there (services.notification_mark_read)."""

from walletdesk.notifications.models import Notification


def inapp_send(notification: Notification) -> None:
    """Nothing leaves the building: the row is already visible to its recipient."""
