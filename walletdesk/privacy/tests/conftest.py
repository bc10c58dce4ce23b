"""Fixtures of the data rights tests: files on the test's own folder or on the local
S3-compatible server, and a customer with something of everything."""

import hashlib
import uuid
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from walletdesk.accounts.models import User
from walletdesk.attachments.models import Attachment
from walletdesk.attachments.storage import attachment_storage

# The local S3-compatible server (moto on 127.0.0.1) the attachment tests use.
from walletdesk.attachments.tests.conftest import BUCKET, s3_endpoint, s3_storage
from walletdesk.attachments.tests.corpus import png
from walletdesk.devices.tests.factories import DeviceTokenFactory
from walletdesk.notifications.tests.factories import inapp_notification
from walletdesk.siwe.models import WalletAddress
from walletdesk.tickets.models import Message, Status, Ticket
from walletdesk.tickets.tests.factories import MessageFactory, TicketFactory

__all__ = ["BUCKET", "s3_endpoint", "s3_storage"]

PASSWORD = "correct horse battery"


def stored_file(
    *, ticket: Ticket, uploader: User | None, name: str, data: bytes, internal: bool = False
) -> Attachment:
    """A file as the upload path leaves it: bytes in the attachment storage, a row naming it."""
    key = attachment_storage().save(f"{uuid.uuid4().hex}.png", ContentFile(data))
    attachment: Attachment = Attachment.objects.create(
        ticket=ticket,
        uploader=uploader,
        kind=Attachment.Kind.PNG,
        display_name=name,
        storage_key=key,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        is_internal=internal,
    )
    return attachment


@dataclass
class Case:
    """Alice's data, and what is around it that is not hers."""

    ticket: Ticket
    closed: Ticket
    bobs: Ticket
    public_reply: Message
    note: Message
    own_file: Attachment
    agent_file: Attachment
    internal_file: Attachment
    bobs_file: Attachment
    own_bytes: bytes


@pytest.fixture
def case(alice, bob, carol) -> Case:
    ticket = TicketFactory(
        requester=alice,
        subject="提现一直显示处理中",
        description="我的地址 0x52908400098527886E0F7030069857D2E4169EE7 收不到",
        address="0x52908400098527886E0F7030069857D2E4169EE7",
        tx_hash="0x" + "ab" * 32,
        memo="9527",
        network="ethereum",
        asset="USDT",
        status=Status.OPEN,
    )
    MessageFactory(ticket=ticket, body="请帮我看看")
    public_reply = MessageFactory(
        ticket=ticket, author=carol, author_role=Message.AuthorRole.AGENT, body="我们在查"
    )
    note = MessageFactory(
        ticket=ticket,
        author=carol,
        author_role=Message.AuthorRole.AGENT,
        is_internal=True,
        body="内部：可能是钓鱼地址",
    )
    closed = TicketFactory(
        requester=alice,
        subject="充值没到",
        status=Status.CLOSED,
        closed_at=timezone.now(),
        rating=5,
        rating_comment="谢谢 Carol",
    )
    bobs = TicketFactory(requester=bob, subject="Bob's own problem")
    own_bytes = png()
    own_file = stored_file(ticket=ticket, uploader=alice, name="付款截图.png", data=own_bytes)
    agent_file = stored_file(ticket=ticket, uploader=carol, name="explorer.png", data=png())
    internal_file = stored_file(
        ticket=ticket, uploader=carol, name="internal.png", data=png(), internal=True
    )
    bobs_file = stored_file(ticket=bobs, uploader=bob, name="bob.png", data=png())
    inapp_notification(recipient=alice, ticket=ticket)
    inapp_notification(recipient=bob, ticket=bobs)
    WalletAddress.objects.create(
        user=alice,
        address="0x52908400098527886E0F7030069857D2E4169EE7",
        chain_id=1,
        verified_at=timezone.now(),
    )
    DeviceTokenFactory(user=alice, name="Alice 的 iPhone")
    return Case(
        ticket=ticket,
        closed=closed,
        bobs=bobs,
        public_reply=public_reply,
        note=note,
        own_file=own_file,
        agent_file=agent_file,
        internal_file=internal_file,
        bobs_file=bobs_file,
        own_bytes=own_bytes,
    )


@pytest.fixture(autouse=True)
def _attachment_storage(attachment_folder):
    """Every test writes its files into its own folder, never into var/."""
    return attachment_folder
