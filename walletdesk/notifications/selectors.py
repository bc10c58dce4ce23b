"""Reads for notifications, scoped to the person asking."""

from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404

from walletdesk.accounts.models import User
from walletdesk.core.compiled import CompiledCount
from walletdesk.notifications.models import (
    FORUM_CHANNELS,
    FORUM_KINDS,
    Channel,
    Kind,
    Notification,
    NotificationPreference,
)
from walletdesk.tickets.selectors import sees_every_team, ticket_visibility


def _mine(user: User) -> Q:
    """The user's own notifications; an agent's only about tickets they may still work (one
    moved to another team's category drops out of their bell and list) and about no ticket
    (the forum's)."""
    if user.is_agent:
        # An agent's own tickets as a customer stay theirs, whatever team they went to.
        scope = (
            ticket_visibility(user, via="ticket__")
            | Q(ticket__requester_id=user.pk)
            | Q(ticket__isnull=True)
        )
        return Q(recipient=user) & scope
    return Q(recipient=user)


PAGE_SIZE = 30
# What a list row shows: its kind, its ticket's reference and subject, or (about no ticket)
# its link.
_LISTED = ("id", "kind", "created_at", "read_at", "link", "ticket__reference", "ticket__subject")


def _unread(shape: tuple[bool, bool], *, user_id: Any) -> QuerySet[Notification, Any]:
    is_agent, every_team = shape
    # A reader of the same kind stands in: _mine reads only the role (and the key) of it.
    role = User.Role.AGENT if is_agent else User.Role.CUSTOMER
    role = User.Role.ADMIN if every_team else role
    return (
        Notification.objects.filter(_mine(User(pk=user_id, role=role)))
        .unread_inapp()
        .values_list("pk")
    )


_UNREAD = CompiledCount(Notification, _unread)


def notification_unread_count(*, user: User) -> int:
    """The bell's number, on every page: one COUNT over a partial index, its SQL compiled once
    per kind of reader (customer, agent of some teams, one who sees every team)."""
    is_agent = user.is_agent
    return _UNREAD.count(shape=(is_agent, is_agent and sees_every_team(user)), user_id=user.pk)


def notification_list_for_user(*, user: User, limit: int = PAGE_SIZE) -> list[Notification]:
    """The user's latest in-app notifications with their tickets (if any), in one query."""
    return list(
        Notification.objects.filter(_mine(user), channel=Channel.INAPP)
        .select_related("ticket")
        .only(*_LISTED)
        .order_by("-created_at")[:limit]
    )


def notification_get_for_user(*, user: User, notification_id: UUID | str) -> Notification:
    """One of the user's own in-app notifications; anyone else's is a 404."""
    try:
        return Notification.objects.select_related("ticket").get(
            _mine(user), pk=notification_id, channel=Channel.INAPP
        )
    except (Notification.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def notification_kinds_for_user(*, user: User) -> list[Kind]:
    staff = (Kind.CUSTOMER_REPLIED, Kind.ASSIGNED, Kind.SLA_WARNING)
    if user.is_agent:
        return list(staff)
    return [k for k in Kind if k not in staff]


def notification_channels_for_user(*, user: User) -> list[Channel]:
    if user.is_agent:
        return [Channel.INAPP, Channel.EMAIL]
    return [Channel.INAPP, Channel.EMAIL, Channel.WEBHOOK]


def notification_switches_for_user(*, user: User) -> list[tuple[Kind, list[Channel]]]:
    """Each kind the user may switch, with the channels it may use: every channel of the
    user's, but the forum's kinds only FORUM_CHANNELS."""
    channels = notification_channels_for_user(user=user)
    return [
        (kind, [c for c in channels if c in FORUM_CHANNELS] if kind in FORUM_KINDS else channels)
        for kind in notification_kinds_for_user(user=user)
    ]


def notification_preferences_for_user(*, user: User) -> set[tuple[str, str]]:
    """(kind, channel) pairs the user turned off."""
    return set(
        NotificationPreference.objects.filter(user=user, enabled=False).values_list(
            "kind", "channel"
        )
    )


# Appended for the REST API: keyset paging (api/pagination.py) orders and slices a queryset,
# so it needs one unevaluated, rather than the page's fixed-length list above.
from django.db.models import QuerySet  # noqa: E402 - kept below the reads it sits beside


def notification_queryset_for_user(*, user: User) -> QuerySet[Notification]:
    """The user's in-app notifications with their tickets, not yet ordered or sliced.

    Nobody else's rows are in it. The caller orders and slices it; each page is one query.
    """
    queryset: QuerySet[Notification] = (
        Notification.objects.filter(_mine(user), channel=Channel.INAPP)
        .select_related("ticket")
        .only(*_LISTED)
    )
    return queryset
