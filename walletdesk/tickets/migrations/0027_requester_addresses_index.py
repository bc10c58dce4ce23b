"""The requester's tickets by age, now carrying the address: the look-alike check each
submission makes reads the index alone. Built before the old index goes, without locking
writes on PostgreSQL (SQLite has no INCLUDE and builds a plain index)."""

from django.db import migrations, models

from walletdesk.core.schema import AddIndexOnline, RemoveIndexOnline


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("tickets", "0026_survey_reminded_event_kind"),
    ]

    operations = [
        AddIndexOnline(
            model_name="ticket",
            index=models.Index(
                fields=["requester", "-created_at"],
                include=["address", "id"],
                name="ticket_requester_addr_idx",
            ),
        ),
        RemoveIndexOnline(model_name="ticket", name="ticket_requester_age_idx"),
    ]
