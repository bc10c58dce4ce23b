"""Thin background entry points for the inbound intake."""

from django.conf import settings

from walletdesk.core.background import task
from walletdesk.inbound.imap import inbound_imap_poll
from walletdesk.inbound.services import held_mail_expire


@task(ignore_result=True)
def inbound_imap_poll_task() -> int:
    """Poll the support mailbox once (a beat schedule runs it every minute).

    Safe to run twice at once: each mail is claimed by its Message-ID before processing.
    Returns how many mails were processed; does nothing while INBOUND_ENABLED is off.
    """
    if not getattr(settings, "INBOUND_ENABLED", False) or not settings.INBOUND_IMAP_HOST:
        return 0
    return inbound_imap_poll().processed


@task(ignore_result=True)
def held_mail_expire_task() -> int:
    """Drop held new tickets nobody confirmed in time (an hourly beat schedule runs it)."""
    return held_mail_expire()
