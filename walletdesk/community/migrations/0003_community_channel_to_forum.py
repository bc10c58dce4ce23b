"""The Help Center's "community" contact channel pointed at a site that does not exist; it now
opens the forum. Only the seeded value is replaced: a link an administrator set is kept."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

SEEDED = "https://community.imwallet.example"
FORUM = "/community/"


def seed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    ContactChannel = apps.get_model("kb", "ContactChannel")
    ContactChannel.objects.filter(kind="community", value=SEEDED).update(value=FORUM)


def unseed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    ContactChannel = apps.get_model("kb", "ContactChannel")
    ContactChannel.objects.filter(kind="community", value=FORUM).update(value=SEEDED)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0002_topic_fulltext_index"),
        ("kb", "0006_article_search_title_index"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
