import secrets
import uuid
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
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
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Shanghai")
    email_verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the admin site"), default=False)
    date_joined = models.DateTimeField(_("joined at"), default=timezone.now)
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

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email

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
    def short_name(self) -> str:
        return self.display_name or self.email.split("@", 1)[0]
