"""Keyset (cursor) paging for "list mine": newest first, stable while rows are added."""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar
from uuid import UUID

from django.db.models import Q, QuerySet

from walletdesk.core.models import BaseModel

M = TypeVar("M", bound=BaseModel)
PAGE_SIZE = 20


@dataclass
class CursorPage(Generic[M]):
    rows: list[M]
    next_cursor: str | None


def _encode(row: BaseModel) -> str:
    payload = [row.created_at.isoformat(), str(row.pk)]
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def _decode(cursor: str) -> tuple[datetime, UUID] | None:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        created, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        moment = datetime.fromisoformat(str(created))
        if moment.tzinfo is None:
            return None
        return moment, UUID(str(pk))
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        return None  # a tampered or stale cursor starts again at the first page


def cursor_page(qs: QuerySet[M], cursor: str, page_size: int = PAGE_SIZE) -> CursorPage[M]:
    """One page of an already permission-scoped queryset, by (created_at, id) descending.

    One query: one row more than the page tells whether there is a next page.
    """
    qs = qs.order_by("-created_at", "-id")
    position = _decode(cursor) if cursor else None
    if position is not None:
        created_at, pk = position
        qs = qs.filter(Q(created_at__lt=created_at) | Q(created_at=created_at, id__lt=pk))
    rows = list(qs[: page_size + 1])
    has_more = len(rows) > page_size
    rows = rows[:page_size]
    return CursorPage(rows=rows, next_cursor=_encode(rows[-1]) if has_more and rows else None)
