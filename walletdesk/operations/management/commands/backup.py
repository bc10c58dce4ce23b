"""manage.py backup --to FOLDER: the database and its evidence files at one moment."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from walletdesk.operations.backups import BackupError, backup_take


class Command(BaseCommand):
    help = "Back up the database and every evidence file it names (docs/deploy.md, Backups)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--to", required=True, type=Path, help="a new, empty folder")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_take(options["to"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"backup in {result.folder}: the database and {result.files} files")
        if result.missing:
            self.stderr.write(f"{len(result.missing)} files were removed during the backup")
