"""manage.py restore --from FOLDER: a backup into this (new, empty) deployment."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from walletdesk.operations.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup into this deployment, whose database must be empty."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="source", required=True, type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_restore(options["source"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored: the database and {result.files} files "
            f"({result.already_there} already in storage)"
        )
        if result.missing:
            self.stderr.write(
                f"{len(result.missing)} files were removed while the backup was taken"
            )
