import datetime

from django.db import migrations


def seed(apps, schema_editor):
    Calendar = apps.get_model("calendars", "Calendar")
    WorkingHours = apps.get_model("calendars", "WorkingHours")
    if Calendar.objects.filter(is_default=True).exists():
        return
    china = Calendar.objects.create(
        name_zh="中国大陆工作日",
        name_en="Mainland China working days",
        time_zone="Asia/Shanghai",
        official_days="cn",
        is_default=True,
    )
    WorkingHours.objects.bulk_create(
        WorkingHours(
            calendar=china,
            weekday=weekday,
            opens_at=datetime.time(9, 0),
            closes_at=datetime.time(18, 0),
        )
        for weekday in range(5)
    )


def unseed(apps, schema_editor):
    apps.get_model("calendars", "Calendar").objects.filter(
        is_default=True, official_days="cn"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("calendars", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
