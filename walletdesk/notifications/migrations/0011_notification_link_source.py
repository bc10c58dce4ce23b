"""Where a ticket-less notification leads and what it is about. The database keeps the empty
default (db_default), so the release still running while this deploys, which does not know
the columns, can go on writing rows; a constant default adds the column without a rewrite."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0010_notification_without_ticket'),
    ]

    operations = [
        migrations.AddField(
            model_name='notification',
            name='link',
            field=models.CharField(blank=True, db_default='', default='', max_length=200, verbose_name='link'),
        ),
        migrations.AddField(
            model_name='notification',
            name='source',
            field=models.CharField(blank=True, db_default='', default='', max_length=80, verbose_name='what it is about'),
        ),
    ]
