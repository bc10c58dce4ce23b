import secrets
import uuid
from collections.abc import Collection, Iterator
from typing import Any, ClassVar, Self

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("role", User.Role.CUSTOMER)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.update(role=User.Role.ADMIN, is_staff=True, is_superuser=True)
        extra.setdefault("email_verified_at", timezone.now())
        return self._create(email, password, **extra)


ANTI_PHISHING_CODE_MAX_LENGTH = 24
# The address an erased account is left with (privacy.services ``user_erase``): a domain that
# can never receive mail, so pages that show people can tell the account is gone.
ERASED_EMAIL_DOMAIN = "erased.invalid"


def mail_reply_key_new() -> str:
    """A fresh random key for a staff member's reply addresses (notifications/addresses.py)."""
    return secrets.token_hex(16)


class User(AbstractBaseUser, PermissionsMixin):
    class Role(models.TextChoices):
        CUSTOMER = "customer", _("Customer")
        AGENT = "agent", _("Agent")
        ADMIN = "admin", _("Administrator")

    class Language(models.TextChoices):
        ZH_HANS = "zh-hans", "简体中文"
        EN = "en", "English"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.CUSTOMER)
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.ZH_HANS
    )

    class TimeZoneSource(models.TextChoices):
        DEFAULT = "default", _("Site default")
        BROWSER = "browser", _("Detected from the browser")
        USER = "user", _("Chosen by the user")

    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Shanghai")
    # Where time_zone came from: the browser's zone replaces the site default once, on the
    # first page with JavaScript, and never a zone the user chose.
    time_zone_source = models.CharField(
        _("time zone from"),
        max_length=8,
        choices=TimeZoneSource.choices,
        default=TimeZoneSource.DEFAULT,
    )
    email_verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the admin site"), default=False)
    date_joined = models.DateTimeField(_("joined at"), default=timezone.now)
    # Kept on the user row (read on every request anyway) so the staff check costs no query;
    # the TotpDevice row holds the secret. Both change together in accounts.services.
    second_factor_enabled_at = models.DateTimeField(
        _("second factor enabled at"), null=True, blank=True
    )
    second_factor_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set while an agent is away: automatic assignment passes them by (tickets/routing.py).
    away_since = models.DateTimeField(_("away since"), null=True, blank=True)
    # A phrase the user chose that every e-mail from the desk shows near its top, so a mail
    # without it (or with another) is not from us. Not a secret: it is printed in every mail.
    anti_phishing_code = models.CharField(
        _("anti-phishing code"), max_length=ANTI_PHISHING_CODE_MAX_LENGTH, blank=True
    )
    # Part of every staff reply address' tag; replacing it revokes all the addresses sent.
    mail_reply_key = models.CharField(
        _("mail reply key"), max_length=64, default=mail_reply_key_new, editable=False
    )

    objects: ClassVar[UserManager] = UserManager()

    # Fields whose change is a security event (ROLE_CHANGED, see accounts/auditing.py). Their
    # values as loaded are kept on the instance, so a save compares without a query.
    AUDITED_FIELDS: ClassVar[tuple[str, ...]] = ("role", "is_staff", "is_superuser")
    # What a list of people beside a ticket shows (a name, an address) and what deciding their
    # rights reads. Such lists read these columns only: the rest (the password hash, the
    # sign-in and verification times) would be parsed for every row and never shown.
    NAMED_FIELDS: ClassVar[tuple[str, ...]] = (
        "id",
        "email",
        "display_name",
        "role",
        "is_active",
        "is_staff",
        "is_superuser",
    )
    # Set by the password reset service: the next save records PASSWORD_RESET_DONE rather
    # than PASSWORD_CHANGED.
    password_set_by_reset: bool = False

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        indexes = [
            # The console's lists of staff (assignee filters and menus) among every customer:
            # without it each console page read the whole user table to find a few agents.
            models.Index(
                fields=["display_name", "email"],
                name="user_staff_name_idx",
                condition=Q(role__in=["agent", "admin"]) | Q(is_superuser=True),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.email

    @classmethod
    def from_db(cls, db: str | None, field_names: Collection[str], values: Collection[Any]) -> Self:
        instance = super().from_db(db, field_names, values)
        instance.audited_values_keep()
        return instance

    def audited_values_keep(self) -> None:
        """Remember the audited fields as they are now (loaded, or just recorded)."""
        loaded = self.__dict__
        self._audited_values = {n: loaded[n] for n in self.AUDITED_FIELDS if n in loaded}

    def audited_values_before(self) -> dict[str, Any] | None:
        """The audited fields as last loaded or recorded; None for a row never loaded."""
        return self.__dict__.get("_audited_values")

    @property
    def is_agent(self) -> bool:
        """Agents and administrators work the console."""
        return self.is_active and self.role in (self.Role.AGENT, self.Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.is_active and self.role == self.Role.ADMIN

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_erased(self) -> bool:
        """Whether the owner had the account's personal data erased."""
        return self.email.endswith(f"@{ERASED_EMAIL_DOMAIN}")

    @property
    def short_name(self) -> str:
        return self.short_name_of(display_name=self.display_name, email=self.email)

    @staticmethod
    def short_name_of(*, display_name: str, email: str) -> str:
        """How a person is named in a list: their display name, else their e-mail's local part
        (also for lists that read the two columns without building the user)."""
        return display_name or email.split("@", 1)[0]

    @property
    def has_second_factor(self) -> bool:
        return self.second_factor_enabled_at is not None

    @property
    def needs_second_factor(self) -> bool:
        """Agents and administrators (and anyone who may use the admin site) must have one."""
        return self.is_agent or self.is_staff or self.is_superuser

    def get_session_auth_hash(self) -> str:
        return self._second_factor_stamped(super().get_session_auth_hash(), secret=None)

    def get_session_auth_fallback_hash(self) -> Iterator[str]:
        for secret, base in zip(
            settings.SECRET_KEY_FALLBACKS, super().get_session_auth_fallback_hash(), strict=False
        ):
            yield self._second_factor_stamped(base, secret=secret)

    def _second_factor_stamped(self, base: str, *, secret: str | bytes | None) -> str:
        # Turning the second factor on or off ends every other session, as a new password
        # does: a session signed in before it was turned on never passed it. Accounts that
        # never changed it keep Django's hash, so existing sessions survive this rule.
        if self.second_factor_changed_at is None:
            return base
        stamp = str(int(self.second_factor_changed_at.timestamp() * 1_000_000))
        return salted_hmac(
            "walletdesk.accounts.User.session_auth_hash",
            base + stamp,
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class TotpDevice(models.Model):
    """The authenticator app a user enrolled: its shared secret and the last code accepted.

    A row exists only once enrolment was confirmed with a code. ``last_counter`` is the time
    step (30 s) of the last accepted code: a code is accepted only for a later step, so one
    seen over a shoulder or replayed cannot be used again within its window.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp_device")
    secret = models.CharField(max_length=64)
    last_counter = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("authenticator app")
        verbose_name_plural = _("authenticator apps")

    def __str__(self) -> str:
        return str(self.user_id)


class RecoveryCode(models.Model):
    """One single-use recovery code, stored only as its hash (accounts.totp.recovery_code_hash)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "code_hash"], name="recovery_code_unique")
        ]

    def __str__(self) -> str:
        return str(self.user_id)


class Passkey(models.Model):
    """A passkey (WebAuthn credential) a user added as another way to pass the second step.

    Only an account with an authenticator app may add one: the app stays the factor that
    works everywhere (the API, a browser without WebAuthn). ``credential_data`` is the public
    key as the authenticator gave it (fido2's AttestedCredentialData bytes); ``sign_count`` is
    the authenticator's counter at the last accepted use: a later use must show a higher one
    (unless the authenticator never counts, then it stays 0), or the key may have been cloned.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="passkeys")
    name = models.CharField(_("name"), max_length=64)
    # base64url of the credential id (at most 1023 bytes by the WebAuthn spec).
    credential_id = models.CharField(max_length=1400, unique=True)
    credential_data = models.BinaryField()
    sign_count = models.BigIntegerField(_("signature counter"), default=0)
    created_at = models.DateTimeField(_("added at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("passkey")
        verbose_name_plural = _("passkeys")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.name
