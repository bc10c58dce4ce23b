"""An author's published and hidden texts, each in an index of their own: the trust record
(community/trust.py) counts them without reading the rows. Built without locking writes on
PostgreSQL."""

from django.db import migrations, models

from walletdesk.core.schema import AddIndexOnline


def _indexes(model_name: str, table: str) -> list[AddIndexOnline]:
    return [
        AddIndexOnline(
            model_name=model_name,
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True), ("visibility", "visible")),
                fields=["author"],
                name=f"{table}_author_pub",
            ),
        ),
        AddIndexOnline(
            model_name=model_name,
            index=models.Index(
                condition=models.Q(("visibility", "hidden")),
                fields=["author"],
                name=f"{table}_author_hidden",
            ),
        ),
    ]


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("community", "0004_author_edit_delete"),
    ]

    operations = [*_indexes("post", "community_post"), *_indexes("topic", "community_topic")]
