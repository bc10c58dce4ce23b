# SecretCatch moves here from tickets with its table (tickets_secretcatch) as it is: this
# migration only tells Django the model is now the guard's.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("tickets", "0008_secret_catch_moves_to_guard"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="SecretCatch",
                    fields=[
                        ("id", models.BigAutoField(primary_key=True, serialize=False)),
                        (
                            "channel",
                            models.CharField(
                                choices=[("web", "Web"), ("api", "API"), ("email", "E-mail")],
                                max_length=16,
                            ),
                        ),
                        ("fields", models.JSONField(default=list)),
                        ("kinds", models.JSONField(default=list)),
                        ("was_masked", models.BooleanField(default=False)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "ticket",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="secret_catches",
                                to="tickets.ticket",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "secret catch",
                        "verbose_name_plural": "secret catches",
                        "db_table": "tickets_secretcatch",
                        "ordering": ["created_at", "id"],
                        "indexes": [
                            models.Index(fields=["created_at"], name="secretcatch_created_idx")
                        ],
                    },
                ),
            ],
        ),
    ]
