"""Records made by listening: every entry Django's administration site logs (add, change,
delete) becomes an ADMIN_CHANGE event. Connected once, from AuditConfig.ready."""

import json
from typing import Any

from django.contrib import admin
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.db.models.signals import post_save
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from walletdesk.audit.models import Kind
from walletdesk.audit.services import record

_ACTIONS = {ADDITION: "addition", CHANGE: "change", DELETION: "deletion"}
# A bulk deletion lists at most this many of the deleted objects (and always the count).
_BULK_LISTED = 50


def _change_message(raw: str) -> Any:
    try:
        return json.loads(raw) if raw else []
    except ValueError:
        return raw


def log_entry_saved(
    sender: type[LogEntry], instance: LogEntry, created: bool, **kwargs: Any
) -> None:
    """One ADMIN_CHANGE per entry the administration site writes (one object each)."""
    if not created:
        return
    content_type = (
        ContentType.objects.get_for_id(instance.content_type_id)
        if instance.content_type_id
        else None
    )
    record(
        Kind.ADMIN_CHANGE,
        target=instance.object_repr,
        action=_ACTIONS.get(instance.action_flag, str(instance.action_flag)),
        model=f"{content_type.app_label}.{content_type.model}" if content_type else "",
        object_id=instance.object_id or "",
        changes=_change_message(instance.change_message),
    )


@admin.action(permissions=["delete"], description=_("Delete selected %(verbose_name_plural)s"))
def delete_selected(
    modeladmin: admin.ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Any]
) -> TemplateResponse | None:
    """Django's "delete selected" action, recorded. The site logs a deletion of several
    objects in one bulk insert, which sends no post_save: those are recorded here, as one
    event for the whole deletion (a single object goes through log_entry_saved)."""
    confirmed = bool(request.POST.get("post"))
    # Evaluated here, the action reuses the same rows: no second query.
    objects: list[Model] = list(queryset) if confirmed else []
    response = django_delete_selected(modeladmin, request, queryset)
    if confirmed and response is None and len(objects) > 1:
        opts = modeladmin.model._meta
        record(
            Kind.ADMIN_CHANGE,
            target=str(opts.verbose_name_plural),
            action="deletion",
            model=f"{opts.app_label}.{opts.model_name}",
            count=len(objects),
            objects=[{"id": str(o.pk), "repr": str(o)[:200]} for o in objects[:_BULK_LISTED]],
        )
    return response


def connect() -> None:
    post_save.connect(log_entry_saved, sender=LogEntry, dispatch_uid="audit-admin-log-entry")
    # Replaces the site-wide action of the same name for every model admin.
    admin.site.add_action(delete_selected, "delete_selected")
