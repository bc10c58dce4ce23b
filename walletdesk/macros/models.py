"""Saved replies (macros): an answer written once, in both languages, with placeholders filled
for each ticket, and optional changes to make with it."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from walletdesk.core.i18n import pick
from walletdesk.core.models import BaseModel
from walletdesk.tickets.models import Priority, Tag


class MacroQuerySet(models.QuerySet["Macro"]):
    def usable_by(self, user: models.Model) -> "MacroQuerySet":
        """The shared macros and ``user``'s own, active ones only."""
        return self.filter(Q(owner__isnull=True) | Q(owner=user), is_active=True)


class Macro(BaseModel):
    # Shared macros (no owner) are curated in the administration; an agent's own are theirs.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="macros",
        verbose_name=_("owner"),
        help_text=_("Empty: shared with every agent."),
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=80)
    title_en = models.CharField(_("title (English)"), max_length=80)
    body_zh = models.TextField(_("reply (Chinese)"), blank=True)
    body_en = models.TextField(_("reply (English)"), blank=True)
    # What to change with the reply; each change goes through the status machine.
    set_priority = models.PositiveSmallIntegerField(
        _("set priority"), choices=Priority.choices, null=True, blank=True
    )
    add_tag = models.ForeignKey(
        Tag,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("add tag"),
    )
    resolve = models.BooleanField(_("resolve the ticket after the reply"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    uses = models.PositiveIntegerField(_("times used"), default=0, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    objects: ClassVar[MacroQuerySet] = MacroQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-uses", "title_en"]
        verbose_name = _("saved reply")
        verbose_name_plural = _("saved replies")
        constraints = [
            models.CheckConstraint(
                condition=~Q(body_zh="") | ~Q(body_en=""), name="macro_has_a_reply"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_zh, self.title_en)

    @property
    def shared(self) -> bool:
        return self.owner_id is None
