"""A notification may be about no ticket (the forum's): its ticket and event may be empty.
Dropping NOT NULL changes the catalogue only (no rewrite, no scan), and the running release
keeps writing both columns as before."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0009_forum_kinds'),
        ('tickets', '0027_requester_addresses_index'),
    ]

    operations = [
        migrations.AlterField(
            model_name='notification',
            name='ticket',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='tickets.ticket'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='event',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='tickets.ticketevent'),
        ),
    ]
