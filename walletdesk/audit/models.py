"""The security audit trail: who signed in, was refused, changed a password, a token or a role.

Rows are written once and never changed: the model refuses updates and deletes, and the
database refuses them too (triggers from migration 0002), so not even raw SQL through the
application's connection rewrites the trail.
"""

from typing import Any, ClassVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from walletdesk.core.models import AppendOnlyError


class Kind(models.TextChoices):
    SIGN_IN_SUCCEEDED = "sign_in_succeeded", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    SIGN_OUT = "sign_out", _("Signed out")
    # A signed-in user was refused a console, administration or API page.
    ACCESS_REFUSED = "access_refused", _("Access refused")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Password reset requested")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET_DONE = "password_reset_done", _("Password reset completed")
    TOKEN_CREATED = "token_created", _("Device token created")
    TOKEN_REVOKED = "token_revoked", _("Device token revoked")
    # Role, staff or superuser flag, groups or permissions of an account.
    ROLE_CHANGED = "role_changed", _("Role changed")
    SECOND_FACTOR_CHANGED = "second_factor_changed", _("Second factor changed")
    # Staff revealed data shown masked (for later use).
    REVEAL = "reveal", _("Masked data revealed")
    EXPORT = "export", _("Data exported")
    TICKET_MERGED = "ticket_merged", _("Tickets merged")
    # A customer erased their account's personal data (privacy.services.user_erase).
    ERASURE = "erasure", _("Personal data erased")
    # Something added, changed or deleted on the administration site.
    ADMIN_CHANGE = "admin_change", _("Administration change")
    # A supervisor (or administrator) gave a colleague's ticket to someone else.
    TICKET_REASSIGNED = "ticket_reassigned", _("Ticket reassigned")
    # incidents/: one answer that reaches many users' tickets at once.
    INCIDENT_OPENED = "incident_opened", _("Incident opened")
    INCIDENT_REPLIED = "incident_replied", _("Incident reply sent to all")
    INCIDENT_RESOLVED = "incident_resolved", _("Incident resolved")
    # queues/: one change started on many tickets at once.
    BULK_ACTION = "bulk_action", _("Bulk action started")
    # Community forum: approve, hide, lock, move, reports dismissed (community/services.py).
    FORUM_MODERATED = "forum_moderated", _("Forum moderation")
    # The author of a forum question, answer or reply edited or deleted it
    # (community.services ``topic_edit``/``post_edit``/``topic_delete``/``post_delete``).
    FORUM_AUTHOR_CHANGED = "forum_author_changed", _("Forum post edited or deleted by its author")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit events are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events are append-only.")


class AuditEvent(models.Model):
    """One security event. Who did it is a snapshot (id and e-mail at the time), not a
    foreign key: deleting an account must not touch (SET NULL, CASCADE) a single row here."""

    Kind = Kind

    id = models.BigAutoField(primary_key=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    kind = models.CharField(_("event"), max_length=32, choices=Kind.choices)
    actor_id = models.UUIDField(_("actor id"), null=True, blank=True)
    actor_label = models.CharField(_("actor"), max_length=254, blank=True)
    # What the event is about: an account's address, a token's prefix, a page's path, an
    # object changed on the administration site.
    target = models.CharField(_("target"), max_length=254, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("device"), max_length=300, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    objects: ClassVar[Any] = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            # Newest first, and each filter of the console page with the same order.
            models.Index(fields=["created_at", "id"], name="audit_created_idx"),
            models.Index(fields=["kind", "created_at"], name="audit_kind_created_idx"),
            models.Index(fields=["actor_label", "created_at"], name="audit_actor_created_idx"),
            models.Index(fields=["target", "created_at"], name="audit_target_created_idx"),
            models.Index(fields=["ip", "created_at"], name="audit_ip_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.kind} {self.actor_label or '-'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events are append-only.")
