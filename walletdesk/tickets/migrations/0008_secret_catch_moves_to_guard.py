# The secret guard's log moved to its own app (walletdesk.guard), which every app may call.
# The table stays where it is: only Django's idea of which app owns the model changes.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("tickets", "0007_fk_indexes_covered"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SecretCatch")],
            database_operations=[],
        ),
    ]
