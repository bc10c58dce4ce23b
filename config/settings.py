"""WalletDesk settings: one module, read from the environment.

The embedded default (SQLite, local files, local-memory cache) and production
(PostgreSQL, Redis, object storage) differ only by the variables listed in
.env.example, never by branches in domain code.
"""

from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from walletdesk.core.env import (
    cache_prefix_for,
    env_bool,
    env_int,
    env_list,
    env_secret,
    env_str,
)

# The typed generics of django-stubs (ModelAdmin[Ticket], ModelForm[Category]) must also run.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("WALLETDESK_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_secret("SECRET_KEY")
DATABASE_URL = env_str("DATABASE_URL")
if not DEBUG:
    missing = [n for n, v in (("SECRET_KEY", SECRET_KEY), ("DATABASE_URL", DATABASE_URL)) if not v]
    if missing:
        raise ImproperlyConfigured(
            f"{', '.join(missing)} must be set when DEBUG is off (see .env.example)."
        )
if not SECRET_KEY:
    # DEBUG only: a throwaway key per process, so no key is ever committed.
    from django.core.management.utils import get_random_secret_key

    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "walletdesk.core",
    "walletdesk.accounts",
    "walletdesk.guard",
    "walletdesk.audit",
    "walletdesk.calendars",
    "walletdesk.tickets",
    "walletdesk.kb",
    "walletdesk.attachments",
    "walletdesk.networks",
    "walletdesk.notifications",
    "walletdesk.sla",
    "walletdesk.inbound",
    "walletdesk.privacy",
    "walletdesk.community",
    # No models: listed so their messages' translations (locale/) are loaded.
    "walletdesk.chain",
    "walletdesk.api",
    "walletdesk.devices",
    "walletdesk.siwe",
    "walletdesk.submissions",
    "walletdesk.macros",
    "walletdesk.incidents",
    "walletdesk.queues",
    "walletdesk.reports",
    "walletdesk.portal",
    "walletdesk.console",
    "walletdesk.demo",
    "walletdesk.operations",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    # First: every log line of the request, and the jobs it queues, carry its id.
    "walletdesk.core.requestid.RequestIdMiddleware",
    "walletdesk.core.metrics.RequestMetricsMiddleware",
    # Read-only pages read from the replica, when there is one (core/replica.py).
    "walletdesk.core.replica.ReplicaReadsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "walletdesk.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything that signs people out: their audit records need the request.
    "walletdesk.audit.middleware.AuditMiddleware",
    "walletdesk.accounts.middleware.SessionTimeoutMiddleware",
    "walletdesk.accounts.middleware.UserPreferencesMiddleware",
    "walletdesk.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "walletdesk.attachments.middleware.UploadRedirectMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
# Django's stock widgets drawn in Python (the same markup, a tenth of a console page's time).
FORM_RENDERER = "walletdesk.core.form_renderer.WidgetRenderer"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "walletdesk.kb.context_processors.footer",
                "walletdesk.notifications.context_processors.bell",
                "walletdesk.console.context_processors.moderation_badge",
            ],
            # Fixed phrases and reversed addresses worked out once per process
            # (core/templatetags/kept_*.py); same output as Django's own tags.
            "builtins": ["walletdesk.core.templatetags.kept_url"],
            "libraries": {"i18n": "walletdesk.core.templatetags.kept_i18n"},
        },
    },
]

# --- database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{VAR_DIR / 'walletdesk.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        # A health check is one more round trip on every request; turn it on where the
        # database restarts under running workers (failover) and stale connections hurt.
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", default=False),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_PREPARED_STATEMENTS", default=True
):
    # The server binds the parameters and keeps a statement prepared once it has run a few
    # times on a connection: the hot statements (a submission's inserts, the session's user)
    # are parsed and planned once instead of on every request. Turn off behind a pooler that
    # cannot carry prepared statements (PgBouncer in transaction mode before 1.21).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": 5}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if not DATABASE_URL:
        VAR_DIR.mkdir(parents=True, exist_ok=True)  # SQLite cannot create its folder
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer commits; IMMEDIATE takes the write lock
        # when a transaction starts, so two writers queue instead of failing mid-way.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A streaming replica for read-only pages (the queue, the reports, the Help Center), with
# read-your-writes: whoever just wrote reads from the primary for REPLICA_PIN_FOR seconds.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,  # a replica is the part most often rebuilt under us
    )
    DATABASES["replica"]["OPTIONS"] = dict(DATABASES["default"].get("OPTIONS", {}))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["walletdesk.core.replica.ReplicaRouter"]
REPLICA_READS = "replica" in DATABASES
REPLICA_PIN_FOR = env_int("REPLICA_PIN_FOR", 15)
REPLICA_MAX_LAG = env_int("REPLICA_MAX_LAG", 10)
REPLICA_CHECK_EVERY = env_int("REPLICA_CHECK_EVERY", 5)

# --- cache, sessions, rate limits -----------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES: dict[str, dict[str, Any]] = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # Two deployments (or a deployment and its benchmark database) on one Redis must
            # never read each other's sessions or catalogue ids: the prefix names the database.
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX") or cache_prefix_for(DATABASES["default"]),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    # Shared by every process (the web workers and the background worker), unlike a cache in
    # each process's memory; core migration 0002 creates the table.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "walletdesk_cache",
            # Entries past this are culled; sign-in locks must not be among them early.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

RATE_LIMITS_ENABLED = env_bool("RATE_LIMITS_ENABLED", default=True)
# Where core.ratelimit counts: Redis counts atomically in the cache; without it the database
# does (one upsert per attempt), since the database cache reads and writes in two steps.
RATE_LIMITS_STORE = "cache" if REDIS_URL else "database"

# --- on-chain lookups (JSON-RPC endpoints are configured per network in the admin) -----------
ONCHAIN_LOOKUP_TIMEOUT_FOR = float(env_str("ONCHAIN_LOOKUP_TIMEOUT_FOR", "3.0"))

# --- REST API -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # The wallet app sends "Authorization: Bearer <device token>"; the browser its session.
        "walletdesk.devices.authentication.DeviceTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON only: the browsable API needs inline scripts, which the CSP forbids.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
    ],
    "EXCEPTION_HANDLER": "walletdesk.api.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Per user and per client address on every endpoint (core.ratelimit on the Django cache,
    # Redis in production); sign-in, tokens and ticket creation add stricter limits of their own.
    "DEFAULT_THROTTLE_CLASSES": ["walletdesk.api.throttling.ApiRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "WalletDesk API",
    "DESCRIPTION": "The support desk of IM Wallet, for the wallet app. See docs/api.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from the sidecar package, served by us: nothing loads from another origin.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "walletdesk.api.schema.error_responses_add",
    ],
    "ENUM_NAME_OVERRIDES": {},
}
API_DEVICE_TOKEN_LIFETIME_FOR = env_int("API_DEVICE_TOKEN_LIFETIME_FOR", 60 * 60 * 24 * 90)
API_IDEMPOTENCY_KEEP_FOR = env_int("API_IDEMPOTENCY_KEEP_FOR", 60 * 60 * 24)
# Sign-In with Ethereum: the domain and URI the wallet app puts in the message it signs
# (defaults follow SITE_URL), and the chains a signature may name.
SIWE_DOMAIN = env_str("SIWE_DOMAIN", "")
SIWE_URI = env_str("SIWE_URI", "")
SIWE_CHAIN_IDS = [int(c) for c in env_list("SIWE_CHAIN_IDS", ["1", "56", "137", "42161", "10"])]
SIWE_NONCE_LIFETIME_FOR = env_int("SIWE_NONCE_LIFETIME_FOR", 60 * 10)

# --- accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["walletdesk.accounts.backends.AccountBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "kb:portal-home"
LOGOUT_REDIRECT_URL = "kb:portal-home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3
EMAIL_VERIFICATION_MAX_AGE_FOR = 60 * 60 * 24 * 3

# --- community forum ------------------------------------------------------------------------
# Trust levels of forum authors (community/trust.py, docs/community.md): "new" until both the
# age and the published posts are reached (links shown as text), then "member" (links may be
# followed); "trusted" with enough accepted answers or published posts and nothing hidden by a
# moderator. Trust never exempts a post from the impersonation guard.
COMMUNITY_TRUST_MEMBER_AFTER_DAYS = env_int("COMMUNITY_TRUST_MEMBER_AFTER_DAYS", 7)
COMMUNITY_TRUST_MEMBER_POSTS = env_int("COMMUNITY_TRUST_MEMBER_POSTS", 3)
COMMUNITY_TRUST_TRUSTED_POSTS = env_int("COMMUNITY_TRUST_TRUSTED_POSTS", 20)
COMMUNITY_TRUST_TRUSTED_ACCEPTED = env_int("COMMUNITY_TRUST_TRUSTED_ACCEPTED", 1)
# The wallet maker's own sites (its home page, its announcements), besides this help desk's
# host: links to them are never held, and a post that sends people there is pointing to the
# real place. Comma-separated host names; a host covers its subdomains.
COMMUNITY_OFFICIAL_DOMAINS = [host.lower() for host in env_list("COMMUNITY_OFFICIAL_DOMAINS", [])]

# --- transport security ---------------------------------------------------------------------
# Production (DEBUG off, an https SITE_URL) is strict whatever the variables say; the embedded
# default on plain http://127.0.0.1 keeps cookies a browser will send over http.
HTTPS = SITE_URL.startswith("https://")
STRICT_TRANSPORT = HTTPS and not DEBUG
SECURE_COOKIES = STRICT_TRANSPORT or env_bool("SECURE_COOKIES", default=HTTPS)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
# __Host- cookies are refused by browsers unless Secure, for path / and without a Domain:
# no sibling subdomain can set or overwrite them.
SESSION_COOKIE_NAME = "__Host-sessionid" if SECURE_COOKIES else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if SECURE_COOKIES else "csrftoken"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=STRICT_TRANSPORT)
# The load balancer probes over plain http inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("TRUST_X_FORWARDED_PROTO", default=False):
    # Only behind a proxy that sets (and strips from clients) X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading is asking browsers to hard-code HTTPS for the domain, hard to take back: an
# operator's decision, so off unless set, and the check's reminder of it silenced.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
# templates.W003: "i18n" names two libraries on purpose (TEMPLATES above: ours replaces
# Django's); core/tests/test_kept_tags.py runs the check and allows that name alone.
SILENCED_SYSTEM_CHECKS = ["security.W021", "templates.W003"]

# --- sessions -------------------------------------------------------------------------------
# A session lasts 14 days from sign-in at most, whatever happens in it; a staff session also
# ends after 2 hours without a request (accounts.middleware.SessionTimeoutMiddleware). The
# session is not saved on every request: staff activity is written at most once per
# SESSION_ACTIVITY_WRITE_SECONDS, so the idle limit is exact to within that.
SESSION_COOKIE_AGE = env_int("SESSION_MAX_AGE_DAYS", 14) * 60 * 60 * 24
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_MINUTES", 120) * 60
SESSION_ACTIVITY_WRITE_SECONDS = 300
SESSION_SAVE_EVERY_REQUEST = False

# --- language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# --- files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
# A container image collects them at build time, outside the var folder a volume may cover.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
        # Public files, which a web server in front (nginx, its own user) serves itself: not
        # the owner-only mode of uploaded evidence below.
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
}

# --- attachments ----------------------------------------------------------------------------
# Stored files are readable by the service's own user and group only.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
# Uploads go to a temporary file as they arrive and stop at the per-file limit (never memory).
FILE_UPLOAD_HANDLERS = ["walletdesk.attachments.upload_handlers.LimitedUploadHandler"]
ATTACHMENTS_STORAGE = env_str("ATTACHMENTS_STORAGE", "local")  # local | s3
if ATTACHMENTS_STORAGE == "s3":
    AWS_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID")
    AWS_SECRET_ACCESS_KEY = env_secret("AWS_SECRET_ACCESS_KEY")
    if not DEBUG and not (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY):
        raise ImproperlyConfigured("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set.")
    from botocore.config import Config as S3ClientConfig

    STORAGES["attachments"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            # botocore waits 60 s to connect and 60 s to read, five times over: a hung store
            # would hold a web worker past its timeout. Give up sooner; the desk answers
            # storage_unavailable (503) and keeps what the user typed.
            "client_config": S3ClientConfig(
                connect_timeout=env_int("AWS_S3_CONNECT_TIMEOUT", 5),
                read_timeout=env_int("AWS_S3_READ_TIMEOUT", 10),
                retries={"max_attempts": env_int("AWS_S3_MAX_ATTEMPTS", 2), "mode": "standard"},
                signature_version="s3v4",
            ),
            "bucket_name": env_str("ATTACHMENTS_BUCKET", "walletdesk-attachments"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "access_key": AWS_ACCESS_KEY_ID,
            "secret_key": AWS_SECRET_ACCESS_KEY,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            "signature_version": "s3v4",
            "file_overwrite": False,
        },
    }
else:
    STORAGES["attachments"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # Outside MEDIA_ROOT on purpose: files leave only through the access-checked view.
        "OPTIONS": {"location": str(VAR_DIR / "attachments")},
    }
# Redirect downloads to the storage's short-lived signed URL instead of streaming them.
ATTACHMENTS_SIGNED_URLS = env_bool("ATTACHMENTS_SIGNED_URLS", default=False)
CLAMAV_ENABLED = env_bool("CLAMAV_ENABLED", default=False)
if CLAMAV_ENABLED:
    CLAMAV_SOCKET = env_str("CLAMAV_SOCKET")  # a Unix socket path, else TCP below
    CLAMAV_HOST = env_str("CLAMAV_HOST", "127.0.0.1")
    CLAMAV_PORT = env_int("CLAMAV_PORT", 3310)
    CLAMAV_TIMEOUT = env_int("CLAMAV_TIMEOUT", 30)
# Threads the OCR engine uses for one picture (0: one per core). Lower it when several web
# workers share few cores, so pictures read at once do not fight over them.
OCR_THREADS = env_int("OCR_THREADS", 0)

# --- e-mail ---------------------------------------------------------------------------------
# By default mails are printed, readable, in the terminal of `make run` (the demo's
# verification links are found there); production sets the SMTP backend.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "walletdesk.core.mail.ReadableConsoleBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
# Without it a server that accepts and never answers holds a Celery worker forever; a timed-out
# send is retried with backoff like any other failure.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "IM 钱包支持 <support@walletdesk.localhost>")

# --- inbound e-mail (replies and new tickets by mail) ---------------------------------------
# The support address new tickets are mailed to; replies go to per-ticket reply addresses.
SUPPORT_ADDRESS = env_str("SUPPORT_ADDRESS", "support@walletdesk.localhost")
# Larger mails are refused with a reply (decoded attachments are checked on their own limits).
INBOUND_MAX_BYTES = env_int("INBOUND_MAX_BYTES", 25 * 1024 * 1024)
# The authserv-id our own receiving mail server writes in its Authentication-Results header
# (RFC 8601; e.g. "mx.example.com"). Only results under this id are believed: anyone can add
# such a header under another name. Empty: no inbound mail counts as authenticated, so staff
# cannot answer by mail without their reply address and new tickets by mail wait for their
# sender to confirm them on the site (docs/inbound-mail.md).
INBOUND_AUTHSERV_ID = env_str("INBOUND_AUTHSERV_ID").strip().lower()
INBOUND_ENABLED = env_bool("INBOUND_ENABLED", default=False)
if INBOUND_ENABLED:
    INBOUND_IMAP_HOST = env_str("INBOUND_IMAP_HOST")
    INBOUND_IMAP_PORT = env_int("INBOUND_IMAP_PORT", 993)
    INBOUND_IMAP_SSL = env_bool("INBOUND_IMAP_SSL", default=True)
    INBOUND_IMAP_USER = env_str("INBOUND_IMAP_USER")
    INBOUND_IMAP_PASSWORD = env_secret("INBOUND_IMAP_PASSWORD")
    INBOUND_IMAP_FOLDER = env_str("INBOUND_IMAP_FOLDER", "INBOX")
    # Empty: processed mail is only marked seen; else it is moved to this folder.
    INBOUND_IMAP_PROCESSED_FOLDER = env_str("INBOUND_IMAP_PROCESSED_FOLDER")
    INBOUND_SMTP_HOST = env_str("INBOUND_SMTP_HOST", "127.0.0.1")
    INBOUND_SMTP_PORT = env_int("INBOUND_SMTP_PORT", 2525)

# --- notifications and background jobs (notifications/, config/celery.py) ----------------------
# No broker configured: kombu's filesystem transport in var/ (no server to run). Production sets
# CELERY_BROKER_URL=redis://... and runs workers on as many machines as needed.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    for _folder in ("queue", "processed"):
        (VAR_DIR / "celery" / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "store_processed": False,
    }
# A task is acknowledged after it ran: a worker killed mid-task leaves its message to be
# delivered again (and the sweep covers brokers that forget). Every task is idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 4
CELERY_TASK_IGNORE_RESULT = True
# What a task prints (the readable console mails of the embedded default) goes to the
# terminal as written, not re-logged line by line as warnings.
CELERY_WORKER_REDIRECT_STDOUTS = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery-beat-schedule")
# A second beat (another machine, a restarted one) stands by instead of queuing twice.
CELERY_BEAT_SCHEDULER = "walletdesk.core.beat.LockedScheduler"
# Tasks log through Django's LOGGING (JSON in production, with the request id).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# A worker that claimed a notification and died leaves it "sending"; after this lease another
# worker may claim it again (the sweep re-queues it).
NOTIFICATIONS_CLAIM_LEASE_FOR = env_int("NOTIFICATIONS_CLAIM_LEASE_FOR", 300)
# How long the satisfaction survey's links in a resolution e-mail stay good (tickets.satisfaction).
SURVEY_LINK_VALID_FOR = env_int("SURVEY_LINK_VALID_FOR", 30 * 24 * 60 * 60)
# How often an agent's ticket page says it is still open (tickets/presence.py keeps the mark
# for 30 s), in milliseconds.
CONSOLE_PRESENCE_EVERY_MS = env_int("CONSOLE_PRESENCE_EVERY_MS", 10000)
# The survey's one reminder (notifications/surveys.py): how long after the resolution.
SURVEY_REMIND_AFTER_FOR = env_int("SURVEY_REMIND_AFTER_FOR", 3 * 24 * 60 * 60)
# The sweep re-queues rows still undelivered this long after they were written.
NOTIFICATIONS_SWEEP_AFTER_FOR = env_int("NOTIFICATIONS_SWEEP_AFTER_FOR", 60)
NOTIFICATIONS_SWEEP_EVERY_FOR = env_int("NOTIFICATIONS_SWEEP_EVERY_FOR", 60)
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 8)
# Receipts of new tickets (notifications/receipts.py): how often, how many per run, and how old
# an event must be before the reader's cursor moves past it.
RECEIPTS_EVERY_FOR = env_int("RECEIPTS_EVERY_FOR", 10)
RECEIPTS_BATCH_SIZE = env_int("RECEIPTS_BATCH_SIZE", 500)
RECEIPTS_SETTLED_AFTER_FOR = env_int("RECEIPTS_SETTLED_AFTER_FOR", 120)
# Dashboards' daily rollups (reports/rollups.py): events per transaction, and how old an event
# must be before it is counted (no smaller id can still commit after that).
REPORTS_ROLLUP_BATCH_SIZE = env_int("REPORTS_ROLLUP_BATCH_SIZE", 2000)
REPORTS_SETTLED_AFTER_FOR = env_int("REPORTS_SETTLED_AFTER_FOR", 120)
# Ticket list exports (reports/ticket_exports.py) are downloadable this long, then deleted.
EXPORT_KEEP_FOR = env_int("EXPORT_KEEP_FOR", 7 * 24 * 60 * 60)
NOTIFICATIONS_REPLY_DOMAIN = env_str("NOTIFICATIONS_REPLY_DOMAIN")
WEBHOOK_TIMEOUT_FOR = env_int("WEBHOOK_TIMEOUT_FOR", 10)
# Webhooks post to public addresses only; the tests turn this on for their local server.
WEBHOOKS_ALLOW_LOOPBACK = False
# Reminders (tickets/reminders.py), in business days for waiting tickets, days for resolved.
REMINDER_WAITING_AFTER_DAYS = env_int("REMINDER_WAITING_AFTER_DAYS", 2)
CLOSE_WAITING_AFTER_DAYS = env_int("CLOSE_WAITING_AFTER_DAYS", 7)
CLOSE_RESOLVED_AFTER_DAYS = env_int("CLOSE_RESOLVED_AFTER_DAYS", 7)
# Days after closing during which the requester may reopen a ticket by answering it.
REOPEN_GRACE_DAYS = env_int("REOPEN_GRACE_DAYS", 7)
REMINDERS_EVERY_FOR = env_int("REMINDERS_EVERY_FOR", 900)
# Automatic assignment (tickets/routing.py): how often the router runs and how many tickets a
# team gets per run.
ROUTING_EVERY_FOR = env_int("ROUTING_EVERY_FOR", 5)
ROUTING_BATCH_SIZE = env_int("ROUTING_BATCH_SIZE", 200)
# The rescan of stored text after a secret guard upgrade (submissions/rescan.py): rows a batch
# (one transaction), batches per scope each beat run, and how often it runs. Once the current
# guard version has read everything, a run costs three small reads.
SECRET_RESCAN_BATCH_SIZE = env_int("SECRET_RESCAN_BATCH_SIZE", 200)
SECRET_RESCAN_BATCHES_PER_RUN = env_int("SECRET_RESCAN_BATCHES_PER_RUN", 10)
SECRET_RESCAN_EVERY_FOR = env_int("SECRET_RESCAN_EVERY_FOR", 300)
# Long PDFs are checked for wallet secrets by a worker (attachments/services.attachment_check).
# A worker that took one and died holds it this long; the sweep queues again what nobody holds.
ATTACHMENT_CHECK_LEASE_FOR = env_int("ATTACHMENT_CHECK_LEASE_FOR", 1800)
ATTACHMENT_CHECK_SWEEP_AFTER_FOR = env_int("ATTACHMENT_CHECK_SWEEP_AFTER_FOR", 120)
# The user's data rights (docs/data-rights.md). An export's e-mailed link works this long, once;
# a worker building one holds it this long before another may take it over.
DATA_EXPORT_LINK_VALID_FOR = env_int("DATA_EXPORT_LINK_VALID_FOR", 60 * 60 * 24)
DATA_EXPORT_BUILD_LEASE_FOR = env_int("DATA_EXPORT_BUILD_LEASE_FOR", 60 * 30)
DATA_EXPORTS_SWEEP_EVERY_FOR = env_int("DATA_EXPORTS_SWEEP_EVERY_FOR", 60 * 10)
# Months after closing when a ticket's personal data is removed (0: kept until the customer
# asks for erasure), in batches of RETENTION_BATCH_SIZE tickets, at most
# RETENTION_BATCHES_PER_RUN per daily run.
RETENTION_CLOSED_TICKETS_MONTHS = env_int("RETENTION_CLOSED_TICKETS_MONTHS", 0)
RETENTION_BATCH_SIZE = env_int("RETENTION_BATCH_SIZE", 200)
RETENTION_BATCHES_PER_RUN = env_int("RETENTION_BATCHES_PER_RUN", 50)
CELERY_BEAT_SCHEDULE = {
    "attachment-checks-sweep": {
        "task": "walletdesk.attachments.tasks.attachment_checks_sweep_task",
        "schedule": float(env_int("ATTACHMENT_CHECK_SWEEP_EVERY_FOR", 60)),
    },
    "reports-rollups": {
        "task": "walletdesk.reports.tasks.rollups_task",
        "schedule": float(env_int("REPORTS_ROLLUPS_EVERY_FOR", 60)),
    },
    "reports-exports-expire": {
        "task": "walletdesk.reports.tasks.ticket_exports_expire_task",
        "schedule": 3600.0,
    },
    "notifications-survey-reminders": {
        "task": "walletdesk.notifications.tasks.survey_reminders_task",
        "schedule": float(env_int("SURVEY_REMINDERS_EVERY_FOR", 600)),
    },
    "notifications-receipts": {
        "task": "walletdesk.notifications.tasks.receipts_write_task",
        "schedule": float(RECEIPTS_EVERY_FOR),
    },
    "notifications-sweep": {
        "task": "walletdesk.notifications.tasks.notifications_sweep_task",
        "schedule": float(NOTIFICATIONS_SWEEP_EVERY_FOR),
    },
    # SLA clocks of new tickets, opened after the fact (sla/services.py).
    "sla-deadlines-open": {
        "task": "walletdesk.sla.tasks.deadlines_open_task",
        "schedule": float(env_int("SLA_OPEN_EVERY_FOR", 15)),
    },
    # Warnings before a missed SLA target, and the misses themselves (sla/sweep.py).
    "sla-deadlines-sweep": {
        "task": "walletdesk.sla.tasks.deadlines_sweep_task",
        "schedule": float(env_int("SLA_SWEEP_EVERY_FOR", 60)),
    },
    "tickets-reminders": {
        "task": "walletdesk.tickets.tasks.ticket_reminders_task",
        "schedule": float(REMINDERS_EVERY_FOR),
    },
    "tickets-routing": {
        "task": "walletdesk.tickets.tasks.tickets_route_task",
        "schedule": float(ROUTING_EVERY_FOR),
    },
    # Answers to all whose background delivery stalled (a lost queued run): queued again.
    "incidents-updates-sweep": {
        "task": "walletdesk.incidents.tasks.incident_updates_sweep_task",
        "schedule": 300.0,
    },
    "secret-rescan": {
        "task": "walletdesk.submissions.tasks.stored_secrets_rescan_task",
        "schedule": float(SECRET_RESCAN_EVERY_FOR),
    },
    # New tickets by mail nobody confirmed within a week: their raw mail is dropped.
    "inbound-held-expire": {
        "task": "walletdesk.inbound.tasks.held_mail_expire_task",
        "schedule": 60.0 * 60,
    },
    "privacy-exports-sweep": {
        "task": "walletdesk.privacy.tasks.data_exports_sweep_task",
        "schedule": float(DATA_EXPORTS_SWEEP_EVERY_FOR),
    },
    # Does nothing while RETENTION_CLOSED_TICKETS_MONTHS is 0.
    "privacy-retention": {
        "task": "walletdesk.privacy.tasks.retention_sweep_task",
        "schedule": 60.0 * 60 * 24,
    },
    # Does nothing while INBOUND_ENABLED is off.
    "inbound-imap-poll": {
        "task": "walletdesk.inbound.tasks.inbound_imap_poll_task",
        "schedule": float(env_int("INBOUND_IMAP_POLL_EVERY_FOR", 60)),
    },
}

# --- logging: never message bodies or addresses, only ids and codes --------------------------
# LOG_FORMAT=json (the production profile) writes one JSON object a line for a log collector;
# text is for a person at a terminal. Both carry the request id (core/requestid.py).
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "walletdesk.core.requestid.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.server": {"level": "WARNING"}},
}

# --- operations: readiness, metrics, error reports (docs/deploy.md) ---------------------------
# /metrics answers this bearer token; with none set, only a scraper on this machine.
METRICS_TOKEN = env_secret("METRICS_TOKEN")
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    from walletdesk.core.sentry import sentry_init

    sentry_init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT"),
        release=env_str("SENTRY_RELEASE"),
    )

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# The labels admins see next to a setting's value, kept translatable.
WALLETDESK_PRODUCT_NAME = _("IM Wallet Support")
CSRF_FAILURE_VIEW = "walletdesk.core.views.csrf_failure"
