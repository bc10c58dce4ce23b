import uuid

from django.db import models


class AppendOnlyError(Exception):
    """A write that would change or delete a row of an append-only log (events, catches)."""


class BaseModel(models.Model):
    """Every WalletDesk row: a UUID id (never sequential in a URL) and its timestamps."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
