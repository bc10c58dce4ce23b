from uuid import UUID

from django.db.models import Q, QuerySet

from walletdesk.accounts.models import User
from walletdesk.core.compiled import CompiledRead
from walletdesk.macros.models import Macro
from walletdesk.queues.models import BulkItem, BulkJob, SavedView

# Both read by every queue page: their SQL is compiled once.
_VIEWS_FOR = CompiledRead(
    SavedView,
    lambda _shape, *, user_id: (
        SavedView.objects.filter(Q(owner_id=user_id) | Q(shared=True))
        .select_related("owner")
        .order_by("name", "id")
    ),
)
_MACRO_CHOICES_FOR = CompiledRead(
    Macro,
    lambda _shape, *, user_id: Macro.objects.usable_by(User(pk=user_id)).only(
        "id", "title_zh", "title_en"
    ),
)


def saved_view_list_for(*, user: User) -> list[SavedView]:
    """The agent's own views and those shared with every agent (one query)."""
    return _VIEWS_FOR.read(user_id=user.pk)


def _uuid_or_none(value: UUID | str) -> UUID | None:
    """A malformed id finds nothing (the database field would raise ValidationError)."""
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None


def saved_view_get_for(*, user: User, view_id: UUID | str) -> SavedView | None:
    pk = _uuid_or_none(view_id)
    if pk is None:
        return None
    return SavedView.objects.filter(Q(owner=user) | Q(shared=True)).filter(pk=pk).first()


def bulk_job_get_for(*, user: User, job_id: UUID | str) -> BulkJob | None:
    """A job its creator may follow (others get nothing: 404)."""
    pk = _uuid_or_none(job_id)
    if pk is None:
        return None
    return BulkJob.objects.filter(pk=pk, created_by=user).first()


def bulk_refusals(*, job: BulkJob, limit: int = 500) -> QuerySet[BulkItem]:
    return (
        BulkItem.objects.filter(job=job, outcome=BulkItem.Outcome.REFUSED)
        .select_related("ticket")
        .only("id", "reason", "ticket__id", "ticket__reference", "ticket__subject")
        .order_by("id")[:limit]
    )


def macro_choices_for(*, user: User) -> list[Macro]:
    """The saved replies a bulk action may send for ``user`` (one query)."""
    return _MACRO_CHOICES_FOR.read(user_id=user.pk)
