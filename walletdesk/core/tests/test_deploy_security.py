"""Production settings pass Django's deployment checks and are strict about transport and
cookies; the embedded default on plain http keeps working."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LONG_KEY = "k3y-" + "x9Q2vLr8Zt" * 6  # 64 characters, not a committed secret of anything

SHOWN = [
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_SSL_REDIRECT",
    "FILE_UPLOAD_PERMISSIONS",
    "FILE_UPLOAD_DIRECTORY_PERMISSIONS",
]


def _env(tmp_path: Path, **values: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "WALLETDESK_VAR_DIR": str(tmp_path / "var"),
        **values,
    }


def _production(tmp_path: Path, **values: str) -> dict[str, str]:
    return _env(
        tmp_path,
        DEBUG="false",
        SITE_URL="https://desk.example.com",
        SECRET_KEY=LONG_KEY,
        ALLOWED_HOSTS="desk.example.com",
        **values,
    )


def _settings(env: dict[str, str]) -> dict[str, object]:
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {SHOWN!r}}}))"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return dict(json.loads(done.stdout))


def test_check_deploy_passes_under_production_settings(tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_production_is_strict_even_if_told_otherwise(tmp_path) -> None:
    shown = _settings(_production(tmp_path, SECURE_COOKIES="false"))

    assert shown["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert shown["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert shown["SESSION_COOKIE_SECURE"] is True
    assert shown["CSRF_COOKIE_SECURE"] is True
    assert shown["SECURE_HSTS_SECONDS"] == 60 * 60 * 24 * 365
    assert shown["SECURE_SSL_REDIRECT"] is True
    assert shown["FILE_UPLOAD_PERMISSIONS"] == 0o640
    assert shown["FILE_UPLOAD_DIRECTORY_PERMISSIONS"] == 0o750


def test_the_embedded_default_on_plain_http_keeps_cookies_a_browser_sends(tmp_path) -> None:
    shown = _settings(_env(tmp_path, DEBUG="true"))

    assert shown["SESSION_COOKIE_NAME"] == "sessionid"
    assert shown["CSRF_COOKIE_NAME"] == "csrftoken"
    assert shown["SESSION_COOKIE_SECURE"] is False
    assert shown["SECURE_HSTS_SECONDS"] == 0
    assert shown["SECURE_SSL_REDIRECT"] is False
