"""Compile every .po catalogue of the project to .mo without needing GNU gettext installed."""

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the project's translation catalogues (.po -> .mo)."

    def handle(self, *args: Any, **options: Any) -> None:
        base = Path(settings.BASE_DIR)
        roots = [base / "locale", base / "walletdesk"]
        count = 0
        for root in roots:
            for po_path in sorted(root.rglob("LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                count += 1
        self.stdout.write(f"compiled {count} catalogues")
