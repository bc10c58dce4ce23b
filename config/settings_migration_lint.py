"""`make lint-migrations`: the test settings plus django-migration-linter's command.

New migrations must be safe on a live table of a million tickets while the previous release
still runs beside the new one: no column the old code cannot fill, no long lock. Indexes on
existing tables are built with AddIndexConcurrently (docs/deploy.md, "Migrations").
"""

from config.settings_test import *  # noqa: F403
from config.settings_test import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "django_migration_linter"]
MIGRATION_LINTER_OPTIONS = {
    # Only the apps of this project: Django's own migrations are not ours to change.
    "exclude_apps": ["admin", "auth", "contenttypes", "sessions"],
    "sql_analyser": "postgresql",
    "no_cache": True,
}
