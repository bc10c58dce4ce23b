"""Compiling the catalogues: an up-to-date .mo is left alone, a changed .po is compiled again,
and the written catalogue is the one gettext reads."""

import gettext
import os
from pathlib import Path

import polib

from walletdesk.core.management.commands.compiletranslations import compile_catalogue


def _catalogue(folder: Path, translation: str) -> Path:
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=utf-8"}
    catalogue.append(polib.POEntry(msgid="Submit a ticket", msgstr=translation))
    po_path = folder / "django.po"
    catalogue.save(str(po_path))
    return po_path


def _read(mo_path: Path) -> str:
    with mo_path.open("rb") as handle:
        return gettext.GNUTranslations(handle).gettext("Submit a ticket")


def test_a_new_catalogue_is_compiled_and_readable(tmp_path: Path) -> None:
    po_path = _catalogue(tmp_path, "提交工单")

    assert compile_catalogue(po_path) is True
    assert _read(po_path.with_suffix(".mo")) == "提交工单"
    assert oct(po_path.with_suffix(".mo").stat().st_mode & 0o777) == oct(0o644)
    assert list(tmp_path.glob("*.partial")) == []


def test_an_up_to_date_catalogue_is_left_alone(tmp_path: Path) -> None:
    po_path = _catalogue(tmp_path, "提交工单")
    compile_catalogue(po_path)
    before = po_path.with_suffix(".mo").stat().st_mtime_ns

    assert compile_catalogue(po_path) is False
    assert po_path.with_suffix(".mo").stat().st_mtime_ns == before


def test_a_changed_catalogue_is_compiled_again(tmp_path: Path) -> None:
    po_path = _catalogue(tmp_path, "提交工单")
    compile_catalogue(po_path)
    mo_path = po_path.with_suffix(".mo")
    stale = mo_path.stat().st_mtime - 10
    os.utime(mo_path, (stale, stale))

    _catalogue(tmp_path, "提交请求")

    assert compile_catalogue(po_path) is True
    assert _read(mo_path) == "提交请求"
