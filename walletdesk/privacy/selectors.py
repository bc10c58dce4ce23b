"""Reads of the user's data rights: what an export holds, and the export a link names.

The export is the user's view of their own data, no more: their profile, their tickets with
the public thread (never an internal note), the files they sent themselves, their ratings and
their in-app notifications, and what they wrote and voted in the community forum. Staff
appear only as the portal shows them ("Support · name").
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from walletdesk.accounts.models import User
from walletdesk.attachments.models import Attachment
from walletdesk.community.selectors import forum_data_for_user
from walletdesk.devices.models import DeviceToken
from walletdesk.notifications.models import Channel, Notification, NotificationPreference
from walletdesk.privacy.models import DataExport
from walletdesk.siwe.models import WalletAddress
from walletdesk.tickets.models import Message, Ticket


def _when(value: Any) -> str:
    return timezone.localtime(value).isoformat() if value is not None else ""


@dataclass
class ExportContent:
    """The rows of one export, as plain JSON-ready values (written by services)."""

    profile: dict[str, Any]
    tickets: list[dict[str, Any]] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)
    notifications: list[dict[str, Any]] = field(default_factory=list)
    # Questions, answers and replies written in the community forum, and votes cast there.
    forum: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # (path inside the ZIP, storage key) of the user's own files.
    files: list[tuple[str, str]] = field(default_factory=list)


def _author_as_shown(message: Message, user: User) -> str:
    # The portal's own words for who wrote a message (portal/detail.html).
    if message.author_role == Message.AuthorRole.CUSTOMER:
        return _("You")
    if message.author_role == Message.AuthorRole.AGENT:
        if message.author is not None:
            return f"{_('Support')} · {message.author.short_name}"
        return _("Support")
    return _("System")


def export_tickets_for_user(*, user: User) -> QuerySet[Ticket]:
    return (
        Ticket.objects.filter(requester=user)
        .select_related("category", "rejection_reason")
        .order_by("created_at", "id")
    )


def export_content_for_user(*, user: User) -> ExportContent:
    """Everything the export of ``user`` holds, read in the active language (labels).

    A fixed number of queries whatever the number of tickets.
    """
    content = ExportContent(
        profile={
            "email": user.email,
            "display_name": user.display_name,
            "language": user.language,
            "time_zone": user.time_zone,
            "joined_at": _when(user.date_joined),
            "email_verified_at": _when(user.email_verified_at),
            "two_step_verification": user.has_second_factor,
            "anti_phishing_code": user.anti_phishing_code,
            "wallet_addresses": [
                {"address": w.address, "chain_id": w.chain_id, "verified_at": _when(w.verified_at)}
                for w in WalletAddress.objects.filter(user=user).order_by("verified_at")
            ],
            "devices": [
                {
                    "name": d.name,
                    "prefix": d.prefix,
                    "created_at": _when(d.created_at),
                    "last_used_at": _when(d.last_used_at),
                    "expires_at": _when(d.expires_at),
                    "revoked_at": _when(d.revoked_at),
                }
                for d in DeviceToken.objects.filter(user=user).order_by("created_at")
            ],
            "notification_preferences": [
                {"kind": p.kind, "channel": p.channel, "enabled": p.enabled}
                for p in NotificationPreference.objects.filter(user=user).order_by("kind")
            ],
        }
    )
    tickets = list(export_tickets_for_user(user=user))
    references = {t.pk: t.reference for t in tickets}
    for ticket in tickets:
        content.tickets.append(
            {
                "reference": ticket.reference,
                "category": ticket.category.name,
                "status": ticket.get_status_display(),
                "subject": ticket.subject,
                "description": ticket.description,
                "network": ticket.network,
                "asset": ticket.asset,
                "tx_hash": ticket.tx_hash,
                "address": ticket.address,
                "memo": ticket.memo,
                "amount": str(ticket.amount) if ticket.amount is not None else "",
                "occurred_at": _when(ticket.occurred_at),
                "created_at": _when(ticket.created_at),
                "resolved_at": _when(ticket.resolved_at),
                "closed_at": _when(ticket.closed_at),
                "rejection_reason": (
                    ticket.rejection_reason.title if ticket.rejection_reason else ""
                ),
                "rejection_message": ticket.rejection_message,
                "rating": ticket.rating,
                "rating_comment": ticket.rating_comment,
                "rated_at": _when(ticket.rated_at),
            }
        )
    # The public thread only: internal notes are filtered in the query.
    messages = (
        Message.objects.filter(ticket__requester=user, is_internal=False)
        .select_related("author")
        .order_by("created_at", "id")
    )
    for message in messages:
        content.messages.append(
            {
                "ticket": references.get(message.ticket_id, ""),
                "from": _author_as_shown(message, user),
                "created_at": _when(message.created_at),
                "body": message.body,
            }
        )
    notifications = Notification.objects.filter(recipient=user, channel=Channel.INAPP).order_by(
        "created_at"
    )
    for notification in notifications:
        content.notifications.append(
            {
                "ticket": (
                    references.get(notification.ticket_id, "")
                    if notification.ticket_id is not None
                    else ""
                ),
                "link": notification.link,
                "kind": notification.get_kind_display(),
                "created_at": _when(notification.created_at),
                "read_at": _when(notification.read_at),
            }
        )
    content.forum = forum_data_for_user(user=user)
    own_files = (
        Attachment.objects.visible()
        .filter(ticket__requester=user, uploader=user, is_internal=False, removed_at__isnull=True)
        .order_by("created_at", "id")
    )
    seen: set[str] = set()
    for attachment in own_files:
        # A name is never a path inside the ZIP: no folder, no way up.
        name = attachment.display_name.replace("/", "_").replace("\\", "_").lstrip(".") or "file"
        path = f"files/{references.get(attachment.ticket_id, 'other')}/{name}"
        if path in seen:  # two files of one name in one ticket: keep both
            path = f"{path.rsplit('.', 1)[0]}-{str(attachment.pk)[:8]}.{attachment.kind}"
        seen.add(path)
        content.files.append((path, attachment.storage_key))
    return content


def data_export_latest_for_user(*, user: User) -> DataExport | None:
    """The user's most recent export, for the profile's "Your data" card."""
    return DataExport.objects.filter(user=user).order_by("-created_at").first()
