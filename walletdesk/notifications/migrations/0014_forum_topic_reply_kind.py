"""A reply under an answer to one's forum question is a kind of notification too. Choices
only: no change to the table."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0013_notification_title_thread'),
    ]

    operations = [
        migrations.AlterField(
            model_name='notification',
            name='kind',
            field=models.CharField(choices=[('agent_replied', 'Support replied'), ('info_requested', 'Support needs more information'), ('status_changed', 'Ticket reopened'), ('rejected', 'Ticket rejected'), ('resolved', 'Ticket resolved'), ('closed', 'Ticket closed'), ('reminder', 'Reminder: support is waiting for your answer'), ('redacted', 'A wallet secret was removed from your ticket'), ('attachment_refused', 'A file you sent was refused'), ('customer_replied', 'Customer replied'), ('assigned', 'Ticket assigned to you'), ('received', 'Ticket received'), ('sla_warning', 'A service target is about to be missed'), ('survey_reminder', 'How did we do? Rate your resolved ticket'), ('forum_answer', 'Someone answered your question'), ('forum_accepted', 'Your answer was accepted'), ('forum_reply', 'Someone replied to your answer'), ('forum_topic_reply', 'Someone replied in your question')], max_length=32, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='notificationpreference',
            name='kind',
            field=models.CharField(choices=[('agent_replied', 'Support replied'), ('info_requested', 'Support needs more information'), ('status_changed', 'Ticket reopened'), ('rejected', 'Ticket rejected'), ('resolved', 'Ticket resolved'), ('closed', 'Ticket closed'), ('reminder', 'Reminder: support is waiting for your answer'), ('redacted', 'A wallet secret was removed from your ticket'), ('attachment_refused', 'A file you sent was refused'), ('customer_replied', 'Customer replied'), ('assigned', 'Ticket assigned to you'), ('received', 'Ticket received'), ('sla_warning', 'A service target is about to be missed'), ('survey_reminder', 'How did we do? Rate your resolved ticket'), ('forum_answer', 'Someone answered your question'), ('forum_accepted', 'Your answer was accepted'), ('forum_reply', 'Someone replied to your answer'), ('forum_topic_reply', 'Someone replied in your question')], max_length=32, verbose_name='kind'),
        ),
    ]
