"""Teams start as one: a General team serves every category that has none, every agent and
administrator already working the console joins it, and each ticket takes its category's team.

Nobody loses sight of a ticket on upgrade; administrators then split the work into teams in the
admin site. Re-running only fills in what is missing (categories without a team, tickets
without one, agents not yet members).
"""

from django.db import migrations

GENERAL = {"slug": "general", "name_zh": "综合组", "name_en": "General"}
BATCH = 1000


def seed(apps, schema_editor):
    Team = apps.get_model("tickets", "Team")
    TeamMembership = apps.get_model("tickets", "TeamMembership")
    Category = apps.get_model("tickets", "Category")
    Ticket = apps.get_model("tickets", "Ticket")
    User = apps.get_model("accounts", "User")

    values = dict(GENERAL)
    general, _ = Team.objects.get_or_create(slug=values.pop("slug"), defaults=values)
    Category.objects.filter(team__isnull=True).update(team=general)
    for user_id in User.objects.filter(role__in=["agent", "admin"]).values_list("pk", flat=True):
        TeamMembership.objects.get_or_create(user_id=user_id, team=general)

    for category_id, team_id in Category.objects.values_list("pk", "team_id"):
        while True:
            batch = list(
                Ticket.objects.filter(category_id=category_id, team__isnull=True).values_list(
                    "pk", flat=True
                )[:BATCH]
            )
            if not batch:
                break
            Ticket.objects.filter(pk__in=batch).update(team_id=team_id)


class Migration(migrations.Migration):
    dependencies = [("tickets", "0013_teams"), ("accounts", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
