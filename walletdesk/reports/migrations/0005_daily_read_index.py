"""The dashboard's reads answered from an index alone (see models.DailyCount), built without
locking the rollup job's writes on PostgreSQL."""

from django.db import migrations, models

from walletdesk.core.schema import AddIndexOnline


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("reports", "0004_rollup_cuts"),
    ]

    operations = [
        AddIndexOnline(
            model_name="dailycount",
            index=models.Index(
                fields=["cut", "day"],
                include=[
                    "metric",
                    "category_id",
                    "team_id",
                    "network",
                    "agent_id",
                    "channel",
                    "bucket",
                    "count",
                    "total",
                ],
                name="report_daily_read_idx",
            ),
        ),
    ]
