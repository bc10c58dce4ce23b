"""What a forum mail names and threads under. The database keeps the empty default
(db_default), so the release still running while this deploys, which does not know the
columns, can go on writing rows; a constant default adds the column without a rewrite."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0012_forum_reply_kind'),
    ]

    operations = [
        migrations.AddField(
            model_name='notification',
            name='thread',
            field=models.CharField(blank=True, db_default='', default='', max_length=80, verbose_name='thread'),
        ),
        migrations.AddField(
            model_name='notification',
            name='title',
            field=models.CharField(blank=True, db_default='', default='', max_length=150, verbose_name='title'),
        ),
    ]
