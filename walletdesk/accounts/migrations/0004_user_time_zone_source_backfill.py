"""Accounts whose zone is not the site default chose it themselves: the browser's zone must
never replace it. Batched and safe to run again."""

from django.db import migrations

SITE_DEFAULT = "Asia/Shanghai"
BATCH = 1000


def mark_chosen(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    while True:
        ids = list(
            User.objects.filter(time_zone_source="default")
            .exclude(time_zone=SITE_DEFAULT)
            .values_list("pk", flat=True)[:BATCH]
        )
        if not ids:
            return
        User.objects.filter(pk__in=ids).update(time_zone_source="user")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_user_time_zone_source")]

    operations = [migrations.RunPython(mark_chosen, migrations.RunPython.noop)]
