"""The SMTP intake: an aiosmtpd handler that feeds each received mail to the service.

The listener accepts mail only for our own domains (the support address and the per-ticket
reply addresses), refuses oversized mail at the SMTP level with 552 (the sending server then
tells its user), and answers 451 when processing fails so the sending server retries later;
the unique Message-ID keeps such a retry from being processed twice.
"""

import asyncio
import logging
from email.utils import parseaddr
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from django.conf import settings
from django.db import close_old_connections

from walletdesk.inbound import services
from walletdesk.inbound.models import InboundMessage
from walletdesk.notifications.addresses import reply_domain

logger = logging.getLogger(__name__)

# The SMTP layer stops what is far over the limit; the service refuses (with a notice) what
# is over it, so a person who sent a slightly large mail still learns why.
_HARD_LIMIT_FACTOR = 4


def accepted_domains() -> set[str]:
    """Domains this listener takes mail for: the support address's and the reply domain."""
    support = parseaddr(settings.SUPPORT_ADDRESS)[1].rpartition("@")[2].lower()
    return {d for d in (support, reply_domain()) if d}


def _accept_sync(raw: bytes, sender: str, recipients: tuple[str, ...]) -> InboundMessage:
    # Runs in a worker thread: the ORM is synchronous and each thread has its own connection.
    close_old_connections()
    try:
        return services.inbound_message_accept(
            raw,
            envelope=services.Envelope(
                source=InboundMessage.Source.SMTP, sender=sender, recipients=recipients
            ),
        )
    finally:
        close_old_connections()


class InboundHandler:
    """aiosmtpd handler: RCPT filters by domain, DATA hands the bytes to the service."""

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        domain = address.rpartition("@")[2].lower()
        if domain not in accepted_domains():
            return "550 5.1.1 Not a mailbox of this desk"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        if isinstance(envelope.content, bytes) and not raw:
            raw = envelope.content
        sender = envelope.mail_from or ""
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(
                None, _accept_sync, raw, sender.strip("<>"), tuple(envelope.rcpt_tos)
            )
        except Exception:
            logger.exception("inbound mail could not be processed; sender asked to retry")
            return "451 4.3.0 Temporary failure, please retry"
        return "250 2.0.0 Accepted"


def controller_create(*, host: str, port: int, **kwargs: Any) -> Controller:
    """A started-on-demand aiosmtpd Controller with our handler and size limit."""
    return Controller(
        InboundHandler(),
        hostname=host,
        port=port,
        data_size_limit=settings.INBOUND_MAX_BYTES * _HARD_LIMIT_FACTOR,
        # 8BITMIME: Chinese clients send raw 8-bit bodies; SMTPUTF8: UTF-8 addresses.
        decode_data=False,
        enable_SMTPUTF8=True,
        **kwargs,
    )
