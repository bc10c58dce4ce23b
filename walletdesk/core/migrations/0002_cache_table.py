"""The table of Django's database cache, where the settings use one (the embedded default).

Cache entries (sign-in locks, cached catalogues) must be the same for every web worker and
the background worker; a cache in each process's memory is not. With Redis configured there
is no database cache and this does nothing.
"""

from django.core.management import call_command
from django.db import migrations


def create(apps, schema_editor):
    # Creates only the tables that do not exist yet: safe to run again.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_rate_counter"),
    ]

    operations = [
        migrations.RunPython(create, migrations.RunPython.noop),
    ]
