"""The IMAP intake: poll a mailbox, hand each unseen mail to the service, then mark it.

Mail is fetched with BODY.PEEK[] so reading it does not mark it seen; only a mail the
service finished with is marked \\Seen (or moved to the processed folder). A mail whose
processing raised stays unseen and is tried again on the next poll; the unique Message-ID
log keeps a mail that was processed but not marked (the poll died in between) from being
processed twice.
"""

import contextlib
import imaplib
import logging
import re
import ssl
from dataclasses import dataclass

from django.conf import settings

from walletdesk.inbound import services
from walletdesk.inbound.models import InboundMessage

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImapConfig:
    host: str
    port: int
    user: str
    password: str
    use_ssl: bool = True
    folder: str = "INBOX"
    processed_folder: str = ""
    timeout_for: float = 30.0

    @classmethod
    def from_settings(cls) -> "ImapConfig":
        return cls(
            host=settings.INBOUND_IMAP_HOST,
            port=settings.INBOUND_IMAP_PORT,
            user=settings.INBOUND_IMAP_USER,
            password=settings.INBOUND_IMAP_PASSWORD,
            use_ssl=settings.INBOUND_IMAP_SSL,
            folder=settings.INBOUND_IMAP_FOLDER,
            processed_folder=settings.INBOUND_IMAP_PROCESSED_FOLDER,
        )


@dataclass
class PollResult:
    processed: int = 0
    failed: int = 0


def _connect(config: ImapConfig) -> imaplib.IMAP4:
    if config.use_ssl:
        return imaplib.IMAP4_SSL(
            config.host,
            config.port,
            ssl_context=ssl.create_default_context(),
            timeout=config.timeout_for,
        )
    return imaplib.IMAP4(config.host, config.port, timeout=config.timeout_for)


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _raw_of(data: list[object]) -> bytes | None:
    for item in data:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
            return item[1]
    return None


def _done(client: imaplib.IMAP4, uid: str, config: ImapConfig) -> None:
    if config.processed_folder:
        capabilities = client.capabilities
        if "MOVE" in capabilities:
            client.uid("MOVE", uid, _quoted(config.processed_folder))
            return
        client.uid("COPY", uid, _quoted(config.processed_folder))
        client.uid("STORE", uid, "+FLAGS.SILENT", r"(\Deleted \Seen)")
        client.expunge()
        return
    client.uid("STORE", uid, "+FLAGS.SILENT", r"(\Seen)")


def inbound_imap_poll(config: ImapConfig | None = None, *, limit: int = 200) -> PollResult:
    """Fetch up to ``limit`` UNSEEN mails, process each, mark it seen or move it.

    Network or login errors propagate (the scheduler tries again next time). A mail whose
    processing raises is left unseen and counted as failed; the others go on.
    """
    config = config or ImapConfig.from_settings()
    result = PollResult()
    client = _connect(config)
    try:
        client.login(config.user, config.password)
        if config.processed_folder:
            # Creating an existing folder is an error we can ignore.
            client.create(_quoted(config.processed_folder))
        client.select(_quoted(config.folder))
        _status, found = client.uid("SEARCH", "UNSEEN")
        first = found[0] if found else b""
        uids = [u.decode() for u in (first or b"").split()][:limit]
        for uid in uids:
            _status, data = client.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = _raw_of(data or [])
            if raw is None:
                continue
            try:
                services.inbound_message_accept(
                    raw, envelope=services.Envelope(source=InboundMessage.Source.IMAP)
                )
            except Exception:
                # Left unseen on purpose: the next poll tries again.
                logger.exception("inbound mail uid %s failed", re.sub(r"\D", "", uid))
                result.failed += 1
                continue
            _done(client, uid, config)
            result.processed += 1
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()
    return result
