from django.db import models
from django.utils.translation import gettext_lazy as _

from walletdesk.core.i18n import pick
from walletdesk.core.models import BaseModel


class ContactChannel(BaseModel):
    """A way to reach support besides a ticket: shown on the Help Center and in every footer."""

    class Kind(models.TextChoices):
        HOTLINE = "hotline", _("Hotline")
        SOCIAL = "social", _("Social media")
        COMMUNITY = "community", _("Community")
        EMAIL = "email", _("E-mail")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    label_zh = models.CharField(_("label (Chinese)"), max_length=80)
    label_en = models.CharField(_("label (English)"), max_length=80)
    value = models.CharField(_("number, address or link"), max_length=200)
    hours_zh = models.CharField(_("hours (Chinese)"), max_length=120, blank=True)
    hours_en = models.CharField(_("hours (English)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "kind"]
        verbose_name = _("contact channel")
        verbose_name_plural = _("contact channels")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return pick(self.label_zh, self.label_en)

    @property
    def hours(self) -> str:
        return pick(self.hours_zh, self.hours_en)

    @property
    def href(self) -> str:
        """A safe link for the channel: tel:, mailto: or an http(s) URL; empty otherwise."""
        value = self.value.strip()
        if self.kind == self.Kind.HOTLINE:
            digits = "".join(ch for ch in value if ch.isdigit() or ch == "+")
            return f"tel:{digits}" if digits else ""
        if self.kind == self.Kind.EMAIL:
            return f"mailto:{value}" if "@" in value and " " not in value else ""
        if value.lower().startswith(("https://", "http://")):
            return value
        return ""
