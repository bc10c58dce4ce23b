"""Small tables read on nearly every request (networks, categories, limits).

A catalogue is loaded once, shared between processes through the Django cache (Redis in
production) under a version key, and kept unpickled in each process. A process asks the
shared version at most once per ``local_for`` seconds, so an admin's edit reaches every
worker within that time, and a request that reads the catalogue several times pays for it
once. ``forget`` (called from the owning app's signals) drops it everywhere.

The cache only saves work: when it cannot be reached (Redis restarting), a catalogue is read
from the database, kept in the process for ``local_for`` seconds as usual, and the request
goes on; nothing a user does fails because the cache is down.
"""

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from django.core.cache import cache

T = TypeVar("T")

logger = logging.getLogger(__name__)


class Catalogue(Generic[T]):
    registry: ClassVar[list["Catalogue[Any]"]] = []

    def __init__(
        self, name: str, load: Callable[[], T], *, local_for: float = 1.0, cache_for: int = 300
    ) -> None:
        self.data_key = f"catalogue:{name}:data"
        self.version_key = f"catalogue:{name}:version"
        self.load = load
        self.local_for = local_for
        self.cache_for = cache_for
        self._version: str | None = None
        self._value: T | None = None
        self._checked_at = 0.0
        Catalogue.registry.append(self)

    def get(self) -> T:
        now = time.monotonic()
        if self._value is not None and now - self._checked_at < self.local_for:
            return self._value
        try:
            version = cache.get(self.version_key)
            if version is not None and version == self._version and self._value is not None:
                self._checked_at = now
                return self._value
            value = cache.get(self.data_key) if version is not None else None
        except Exception:
            # Whatever the cache raised (connection refused, timeout): the database answers.
            return self._load_without_cache(now)
        if value is None:
            value = self.load()
            version = uuid.uuid4().hex
            try:
                cache.set_many({self.data_key: value, self.version_key: version}, self.cache_for)
            except Exception:
                logger.warning("catalogue %s: the cache is unreachable", self.data_key)
                version = None
        self._version, self._value, self._checked_at = version, value, now
        return value

    def _load_without_cache(self, now: float) -> T:
        logger.warning(
            "catalogue %s: the cache is unreachable, read from the database", self.data_key
        )
        value = self.load()
        # No version: once the cache is back, the next check reads (or writes) the shared one.
        self._version, self._value, self._checked_at = None, value, now
        return value

    def forget(self) -> None:
        # Dropped here first: an edit is seen by this process even if the cache is down.
        self._version, self._value, self._checked_at = None, None, 0.0
        try:
            cache.delete_many([self.data_key, self.version_key])
        except Exception:
            # Other processes keep theirs for at most cache_for seconds (the entries expire).
            logger.warning("catalogue %s: the cache is unreachable to forget", self.data_key)

    @classmethod
    def forget_all(cls) -> None:
        """Tests start from the database, never from a previous test's catalogue."""
        for catalogue in cls.registry:
            catalogue.forget()
