"""Attachment storage for tests: a folder of the test's own, and a storage that fails on cue
(loaded as a pytest plugin from the root conftest)."""

from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest
from django.core.files.storage import Storage
from pytest_django.fixtures import Settings

from walletdesk.attachments.storage import attachment_storage


class FailingStorage:
    """The real attachment storage, except that every write from the ``fail_on``-th on fails
    the way a full disk or an unreachable object store does. Everything else is the real one's."""

    def __init__(self, real: Storage, fail_on: int) -> None:
        self.real = real
        self.fail_on = fail_on
        self.writes = 0

    def save(self, name: str, content: IO[Any]) -> str:
        self.writes += 1
        if self.writes >= self.fail_on:
            raise OSError(28, "No space left on device")
        return self.real.save(name, content)

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


@pytest.fixture
def attachment_folder(settings: Settings, tmp_path: Path) -> Path:
    """Attachments of this test go to a folder of its own (returned), never into var/."""
    location = tmp_path / "attachments"
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location)},
        },
    }
    settings.ATTACHMENTS_SIGNED_URLS = False
    settings.CLAMAV_ENABLED = False
    return location


@pytest.fixture
def failing_storage(
    monkeypatch: pytest.MonkeyPatch, attachment_folder: Path
) -> Callable[[int], FailingStorage]:
    """``failing_storage(fail_on=2)``: the second file write of a submission fails (the first
    one lands, and must be taken back)."""

    def install(fail_on: int = 2) -> FailingStorage:
        failing = FailingStorage(attachment_storage(), fail_on)
        monkeypatch.setattr("walletdesk.attachments.services.attachment_storage", lambda: failing)
        return failing

    return install


def stored_files(location: Path) -> list[Path]:
    """Every file under ``location`` (none if it was never created)."""
    return [p for p in location.rglob("*") if p.is_file()] if location.exists() else []
