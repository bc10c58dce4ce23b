"""Test settings: the production module with fast, deterministic overrides."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "test-only-not-secret")

from config.settings import *  # noqa: F403
from config.settings import CACHES, DATABASES, STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks queued on commit go to an in-process broker nobody consumes; tests call tasks directly
# (the end-to-end test starts a real worker on Redis).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "memory://")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests run in one process, many without a database, and count queries: the cache and the rate
# limits live in its memory. The shared embedded default is proven with real processes in
# core/tests/test_ratelimit_processes.py, and core/tests/test_ratelimit.py runs on both stores.
if CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
RATE_LIMITS_STORE = "cache"
# The webhook tests post to a server on 127.0.0.1; loopback only, every other internal address
# stays refused (notifications/tests/test_webhook_targets.py turns it off again).
WEBHOOKS_ALLOW_LOOPBACK = True
# The receiving server the inbound tests' mails carry Authentication-Results of.
INBOUND_AUTHSERV_ID = "mx.walletdesk.test"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": None}
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A test's commit need not wait for the disk: a crash loses a throwaway database, never an
    # answer a test reads (the server keeps the order of commits all the same). The many
    # commits and table flushes of the transactional tests run markedly faster.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
    # The same backend, with a flush that deletes the rows left instead of truncating every
    # table after each transactional test (walletdesk/testing/postgresql).
    DATABASES["default"]["ENGINE"] = "walletdesk.testing.postgresql"
# A second connection to the test database stands for the replica; reads go to it only where
# a test turns REPLICA_READS on (core/tests/test_replica.py).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
REPLICA_READS = False

# The test client and the live server serve static files themselves (staticfiles app).
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]  # noqa: F405

# Browser tests: a ticket page's presence heartbeat once on load and then rarely, so no request
# is still in flight when a test's database is emptied (the collision test sets it short).
CONSOLE_PRESENCE_EVERY_MS = 600_000
