"""Output shapes shared by the customer and agent endpoints. Times are ISO 8601 with offset."""

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from walletdesk.attachments.models import Attachment
from walletdesk.core.masking import MaskKind, mask
from walletdesk.tickets.models import Message, Ticket
from walletdesk.tickets.workflow import Actor, allowed_actions, may_reply


class MaskedField(serializers.CharField):
    """A requester's detail as agents see it until they reveal it (core/masking.py)."""

    def __init__(self, *, kind: MaskKind, **kwargs: Any) -> None:
        self.kind: MaskKind = kind
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str:
        return mask(value, self.kind)


class MaskedWalletAddressSerializer(serializers.Serializer[Any]):
    """A requester's proven wallet address, masked (the agent API's default)."""

    id = serializers.UUIDField()
    address = MaskedField(kind="address")
    chain_id = serializers.IntegerField()
    verified_at = serializers.DateTimeField()


class CategoryRefSerializer(serializers.Serializer[Any]):
    slug = serializers.CharField()
    name = serializers.CharField()


class TicketSummarySerializer(serializers.Serializer[Any]):
    reference = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    category = CategoryRefSerializer()
    subject = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class RejectionSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(source="rejection_reason.code")
    title = serializers.CharField(source="rejection_reason.title")
    next_steps = serializers.CharField(source="rejection_reason.next_steps")
    message = serializers.CharField(source="rejection_message")
    may_resubmit = serializers.BooleanField(source="can_be_resubmitted")


class AttachmentSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    name = serializers.CharField(source="display_name")
    kind = serializers.CharField()
    size = serializers.IntegerField()
    message_id = serializers.UUIDField(allow_null=True)
    created_at = serializers.DateTimeField()
    # True for a tombstone: the file held a wallet secret and was deleted (download: 410).
    removed = serializers.BooleanField(source="is_removed")
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, obj: Attachment) -> str:
        return reverse("api:v1-attachment-download", args=[obj.pk])


class MessageSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    author_role = serializers.CharField()
    author_name = serializers.SerializerMethodField()
    is_internal = serializers.BooleanField()
    body = serializers.CharField()
    # "" or how a wallet secret was taken out of it afterwards: "masked", "removed".
    redaction = serializers.CharField()
    created_at = serializers.DateTimeField()

    def get_author_name(self, obj: Message) -> str:
        return obj.author.short_name if obj.author_id and obj.author else ""


def _rejection(ticket: Ticket) -> dict[str, Any] | None:
    if ticket.rejection_reason_id is None:
        return None
    return dict(RejectionSerializer(ticket).data)


class TicketDetailSerializer(TicketSummarySerializer):
    description = serializers.CharField()
    network = serializers.CharField()
    asset = serializers.CharField()
    tx_hash = serializers.CharField()
    address = serializers.CharField()
    memo = serializers.CharField()
    amount = serializers.DecimalField(max_digits=38, decimal_places=18, allow_null=True)
    occurred_at = serializers.DateTimeField(allow_null=True)
    phishing_contact = serializers.CharField()
    first_response_due_at = serializers.DateTimeField()
    resolved_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    rating = serializers.IntegerField(allow_null=True)
    rejection = serializers.SerializerMethodField()
    resubmission_of = serializers.SerializerMethodField()
    resubmitted_as = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    @extend_schema_field(RejectionSerializer(allow_null=True))
    def get_rejection(self, obj: Ticket) -> dict[str, Any] | None:
        return _rejection(obj)

    def get_resubmission_of(self, obj: Ticket) -> str | None:
        original = obj.resubmission_of  # None without a query when the id is None
        return original.reference if original is not None else None

    def get_resubmitted_as(self, obj: Ticket) -> str | None:
        resubmission = getattr(obj, "resubmission", None)
        return resubmission.reference if resubmission is not None else None

    def get_actions(self, obj: Ticket) -> list[str]:
        """What the caller may do now (customer view): reply, resolve, rate, resubmit."""
        actions = []
        if may_reply(status=obj.status, actor=Actor.CUSTOMER, in_reopen_grace=obj.in_reopen_grace):
            actions.append("reply")
        if "resolve" in allowed_actions(status=obj.status, actor=Actor.CUSTOMER):
            actions.append("resolve")
        if obj.can_be_rated:
            actions.append("rate")
        if obj.can_be_resubmitted and getattr(obj, "resubmission", None) is None:
            actions.append("resubmit")
        return actions


class TicketThreadSerializer(serializers.Serializer[Any]):
    ticket = TicketDetailSerializer()
    messages = MessageSerializer(many=True)
    attachments = AttachmentSerializer(many=True)


class TicketPageSerializer(serializers.Serializer[Any]):
    results = TicketSummarySerializer(many=True)
    next_cursor = serializers.CharField(allow_null=True)
