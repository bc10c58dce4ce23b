"""A backup is the database and every evidence file it names, taken at one moment; a restore
puts both back into an empty deployment and checks each file against its recorded digest.

    manage.py backup --to /backups/2026-12-05
    manage.py restore --from /backups/2026-12-05     (with the new deployment's settings)

The files to keep are read from the same snapshot the database dump is taken from: on
PostgreSQL one REPEATABLE READ transaction exports its snapshot and pg_dump runs on it; on
SQLite the online backup API copies the file and the list is read from the copy. So the backup
holds exactly the files its database names: none missing because it was stored after the dump
began, none extra. A file that is removed (erasure, retention) between the snapshot and its
copy is listed as missing, and the restore says so.

A backup folder:

    database.dump | database.sqlite3    pg_dump's custom format, or the SQLite file
    files/<sha256>                      each evidence file, named by its digest
    manifest.json                       when, the database's kind, each file's key, size, digest
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from walletdesk.attachments.models import Attachment
from walletdesk.attachments.storage import attachment_storage

MANIFEST = "manifest.json"
FORMAT = 1


class BackupError(Exception):
    pass


@dataclass
class BackupResult:
    folder: Path
    files: int = 0
    missing: list[str] = field(default_factory=list)


@dataclass
class RestoreResult:
    files: int = 0
    already_there: int = 0
    missing: list[str] = field(default_factory=list)


FileRow = tuple[str, int, str]  # storage key, size, sha256


def _pg_environment(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """pg_dump/pg_restore connection arguments for a database, the password in the environment."""
    arguments = ["--dbname", str(settings_dict["NAME"])]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            arguments += [option, str(settings_dict[key])]
    environment = {**os.environ}
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return arguments, environment


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian: postgresql-client)")
    return path


def _kept_files(rows: Iterable[tuple[str, int, str]]) -> list[FileRow]:
    return [(key, int(size), digest) for key, size, digest in rows]


def _dump_postgresql(folder: Path) -> list[FileRow]:
    arguments, environment = _pg_environment(connection.settings_dict)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
        files = _kept_files(
            Attachment.objects.filter(removed_at__isnull=True)
            .order_by("storage_key")
            .values_list("storage_key", "size", "sha256")
        )
        dumped = subprocess.run(  # noqa: S603 - pg_dump with our own settings' arguments
            [
                _tool("pg_dump"),
                *arguments,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={folder / 'database.dump'}",
            ],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
    if dumped.returncode != 0:
        raise BackupError(f"pg_dump failed: {dumped.stderr.strip()[-500:]}")
    return files


def _dump_sqlite(folder: Path) -> list[FileRow]:
    connection.ensure_connection()
    target_path = folder / "database.sqlite3"
    target = sqlite3.connect(target_path)
    try:
        connection.connection.backup(target)
        rows = target.execute(
            "SELECT storage_key, size, sha256 FROM attachments_attachment "
            "WHERE removed_at IS NULL ORDER BY storage_key"
        ).fetchall()
    finally:
        target.close()
    return _kept_files(rows)


def backup_take(folder: Path) -> BackupResult:
    """Write a backup of this deployment into ``folder`` (which must not hold one already)."""
    if (folder / MANIFEST).exists():
        raise BackupError(f"{folder} already holds a backup")
    (folder / "files").mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor == "postgresql":
        files = _dump_postgresql(folder)
    elif vendor == "sqlite":
        files = _dump_sqlite(folder)
    else:
        raise BackupError(f"no backup for a {vendor} database")
    result = BackupResult(folder=folder)
    storage = attachment_storage()
    kept: list[dict[str, object]] = []
    for key, size, digest in files:
        try:
            with storage.open(key, "rb") as source:
                data = source.read()
        except (FileNotFoundError, OSError):
            result.missing.append(key)
            continue
        if hashlib.sha256(data).hexdigest() != digest:
            raise BackupError(f"{key} does not match its recorded digest")
        (folder / "files" / digest).write_bytes(data)
        kept.append({"key": key, "size": size, "sha256": digest})
        result.files += 1
    manifest = {
        "format": FORMAT,
        "taken_at": timezone.now().isoformat(),
        "database": vendor,
        "files": kept,
        "missing": result.missing,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return result


def _read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{folder} holds no backup ({MANIFEST} is missing)") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder}: a backup of another format ({manifest.get('format')})")
    return manifest


def _database_empty() -> bool:
    return not connection.introspection.table_names()


def _restore_postgresql(folder: Path) -> None:
    arguments, environment = _pg_environment(connection.settings_dict)
    connection.close()  # pg_restore needs no session of ours open on the database
    restored = subprocess.run(  # noqa: S603 - pg_restore with our own settings' arguments
        [
            _tool("pg_restore"),
            *arguments,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            str(folder / "database.dump"),
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if restored.returncode != 0:
        raise BackupError(f"pg_restore failed: {restored.stderr.strip()[-500:]}")


def _restore_sqlite(folder: Path) -> None:
    target = Path(str(connection.settings_dict["NAME"]))
    connection.close()
    # Checked empty (no table at all); opening it may have left an empty file and its
    # write-ahead log beside it, which would be read over the copy.
    for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(folder / "database.sqlite3", target)


def backup_restore(folder: Path) -> RestoreResult:
    """Put the backup in ``folder`` into this deployment, whose database must be empty."""
    manifest = _read_manifest(folder)
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"a {manifest['database']} backup cannot go into a {connection.vendor} database"
        )
    if not _database_empty():
        raise BackupError("the database is not empty: restore into a new deployment")
    if connection.vendor == "postgresql":
        _restore_postgresql(folder)
    else:
        _restore_sqlite(folder)
    result = RestoreResult(missing=list(manifest.get("missing", [])))
    storage = attachment_storage()
    for entry in manifest["files"]:
        data = (folder / "files" / entry["sha256"]).read_bytes()
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise BackupError(f"{entry['key']}: the backup's copy is damaged")
        if storage.exists(entry["key"]):
            result.already_there += 1
            continue
        saved = storage.save(entry["key"], ContentFile(data))
        if saved != entry["key"]:
            raise BackupError(f"{entry['key']} was stored as {saved}")
        result.files += 1
    return result
