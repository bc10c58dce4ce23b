"""A backup restored into a new deployment (its own database and file storage, another
process) holds every ticket and every evidence file, byte for byte; the restore refuses a
deployment that already has data. Runs on SQLite and, in the PostgreSQL run, with pg_dump."""

import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from walletdesk.attachments.models import Attachment
from walletdesk.attachments.storage import attachment_storage
from walletdesk.operations.backups import BackupError, backup_take
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db(transaction=True)

PROOF = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


@pytest.fixture
def local_files(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files-here")},
        },
    }


def _evidence(ticket, name: str, data: bytes, *, removed: bool = False) -> Attachment:  # type: ignore[no-untyped-def]
    key = f"{ticket.pk}/{name}"
    if not removed:
        attachment_storage().save(key, ContentFile(data))
    return Attachment.objects.create(
        ticket=ticket,
        kind="image",
        display_name=name,
        storage_key=key,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        removed_at=timezone.now() if removed else None,
    )


@pytest.fixture
def new_deployment(tmp_path):
    """Settings of another deployment: an empty database of its own and its own file folder."""
    var_dir = tmp_path / "elsewhere"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "WALLETDESK_VAR_DIR": str(var_dir),
    }
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{var_dir / 'restored.sqlite3'}"
        yield env, var_dir
        return
    name = f"walletdesk_restore_{uuid.uuid4().hex[:8]}"
    params = connection.settings_dict
    admin = f"postgres://{params['USER']}@{params['HOST']}:{params['PORT']}/postgres"
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = f"postgres://{params['USER']}@{params['HOST']}:{params['PORT']}/{name}"
    try:
        yield env, var_dir
    finally:
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _restore(env: dict[str, str], folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "restore", "--from", str(folder)],
        cwd=Path(django_settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _restored_rows(env: dict[str, str]) -> list[tuple[str, str]]:
    query = (
        "SELECT t.reference, a.storage_key FROM tickets_ticket t "
        "JOIN attachments_attachment a ON a.ticket_id = t.id ORDER BY a.storage_key"
    )
    url = env["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return [tuple(row) for row in db.execute(query).fetchall()]
    with psycopg.connect(url) as db:
        return [tuple(row) for row in db.execute(query).fetchall()]


def test_a_restored_backup_holds_every_ticket_and_file_byte_for_byte(
    local_files, new_deployment, tmp_path, alice
):
    env, var_dir = new_deployment
    ticket = TicketFactory(requester=alice)
    kept = _evidence(ticket, "proof.png", PROOF)
    gone = _evidence(ticket, "erased.png", b"removed before the backup", removed=True)

    result = backup_take(tmp_path / "backup")
    restored = _restore(env, tmp_path / "backup")

    assert (result.files, result.missing) == (1, [])
    assert restored.returncode == 0, restored.stderr
    assert "1 files" in restored.stdout
    assert _restored_rows(env) == sorted(
        [(ticket.reference, kept.storage_key), (ticket.reference, gone.storage_key)]
    )
    assert (var_dir / "attachments" / kept.storage_key).read_bytes() == PROOF
    assert not (var_dir / "attachments" / gone.storage_key).exists()


def test_a_deployment_that_has_data_is_refused(local_files, new_deployment, tmp_path, alice):
    env, _var_dir = new_deployment
    _evidence(TicketFactory(requester=alice), "proof.png", PROOF)
    backup_take(tmp_path / "backup")
    first = _restore(env, tmp_path / "backup")

    again = _restore(env, tmp_path / "backup")

    assert first.returncode == 0, first.stderr
    assert again.returncode != 0
    assert "restore into a new deployment" in again.stderr
    assert "Traceback" not in again.stderr


def test_a_damaged_copy_is_refused_not_restored(local_files, new_deployment, tmp_path, alice):
    env, var_dir = new_deployment
    kept = _evidence(TicketFactory(requester=alice), "proof.png", PROOF)
    backup_take(tmp_path / "backup")
    (tmp_path / "backup" / "files" / kept.sha256).write_bytes(b"bit rot")

    restored = _restore(env, tmp_path / "backup")

    assert restored.returncode != 0
    assert "damaged" in restored.stderr
    assert not (var_dir / "attachments" / kept.storage_key).exists()


def test_a_folder_holding_a_backup_is_not_written_over(local_files, tmp_path):
    backup_take(tmp_path / "backup")

    with pytest.raises(BackupError, match="already holds a backup"):
        backup_take(tmp_path / "backup")
