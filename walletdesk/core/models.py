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


class RateCounter(models.Model):
    """How many attempts one key made in one rate-limit window (core.ratelimit).

    Used where the cache cannot count atomically for every process (the embedded default
    has no Redis): one upsert adds an attempt and returns the new count in one statement.
    """

    key = models.CharField(max_length=200, primary_key=True)
    hits = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.key


class Lease(models.Model):
    """One process's claim on a job that must run in one place only (core.beat): whoever holds
    it past ``expires_at`` keeps it by renewing; anyone may take it once it has expired."""

    name = models.CharField(max_length=40, primary_key=True)
    holder = models.CharField(max_length=120, blank=True)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name}: {self.holder}"
