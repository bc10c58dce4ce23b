"""Thin Celery entry points for account mails that must not be sent in the request."""

from walletdesk.accounts import services
from walletdesk.core.background import task


@task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def password_reset_mail_task(email: str) -> bool:
    """Send the reset link if the address has an account (queued for every address alike)."""
    return services.user_password_reset_mail_send(email=email)
