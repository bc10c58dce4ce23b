"""Compile every .po catalogue of the project to .mo without needing GNU gettext installed."""

import os
import tempfile
from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def compile_catalogue(po_path: Path) -> bool:
    """Write the catalogue's .mo unless it is already newer than its .po; True if written.

    The file is written beside its place and moved over it in one step, so a test run or a
    server reading the catalogues while another run compiles them never reads half a file.
    """
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return False
    descriptor, partial = tempfile.mkstemp(dir=po_path.parent, suffix=".mo.partial")
    os.close(descriptor)
    try:
        polib.pofile(str(po_path)).save_as_mofile(partial)
        os.chmod(partial, 0o644)
        os.replace(partial, mo_path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return True


class Command(BaseCommand):
    help = "Compile the project's translation catalogues (.po -> .mo) that are out of date."

    def handle(self, *args: Any, **options: Any) -> None:
        base = Path(settings.BASE_DIR)
        roots = [base / "locale", base / "walletdesk"]
        count = written = 0
        for root in roots:
            for po_path in sorted(root.rglob("LC_MESSAGES/*.po")):
                count += 1
                written += compile_catalogue(po_path)
        self.stdout.write(
            f"compiled {written} of {count} catalogues ({count - written} up to date)"
        )
