"""A mail server or an object store that accepts a connection and never answers costs a
bounded wait, not a worker: production settings give both clients a timeout."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
# botocore's own defaults (60 s to read, five attempts) would run far past this.
BOUNDED = 20


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A loopback port whose connections are accepted by the kernel and never answered."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()


def _run(
    tmp_path: Path, code: str, **values: str
) -> tuple[subprocess.CompletedProcess[str], float]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    env = {
        **keep,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'timeouts.sqlite3'}",
        "WALLETDESK_VAR_DIR": str(tmp_path / "var"),
        **values,
    }
    started = time.monotonic()
    done = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=BOUNDED * 3,
    )
    return done, time.monotonic() - started


def test_an_object_store_that_never_answers_fails_the_upload_within_the_timeout(
    tmp_path, silent_server
):
    code = (
        "from django.core.files.base import ContentFile\n"
        "from walletdesk.attachments.storage import attachment_storage\n"
        "try:\n"
        "    attachment_storage().save('probe.txt', ContentFile(b'x'))\n"
        "except Exception as exc:\n"
        "    print('failed', type(exc).__name__)\n"
        "else:\n"
        "    print('saved')\n"
    )
    done, took = _run(
        tmp_path,
        code,
        ATTACHMENTS_STORAGE="s3",
        AWS_ACCESS_KEY_ID="probe",
        AWS_SECRET_ACCESS_KEY="probe-secret",
        AWS_S3_ENDPOINT_URL=f"http://127.0.0.1:{silent_server}",
        AWS_S3_REGION_NAME="us-east-1",
        AWS_S3_READ_TIMEOUT="2",
        AWS_S3_MAX_ATTEMPTS="2",
    )

    assert done.stdout.startswith("failed"), done.stdout + done.stderr
    assert took < BOUNDED


def test_a_mail_server_that_never_answers_fails_the_send_within_the_timeout(
    tmp_path, silent_server
):
    code = (
        "from django.core.mail import send_mail\n"
        "try:\n"
        "    send_mail('probe', 'probe', 'desk@example.com', ['user@example.com'])\n"
        "except Exception as exc:\n"
        "    print('failed', type(exc).__name__)\n"
        "else:\n"
        "    print('sent')\n"
    )
    done, took = _run(
        tmp_path,
        code,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_PORT=str(silent_server),
        EMAIL_TIMEOUT="2",
    )

    assert done.stdout.startswith("failed"), done.stdout + done.stderr
    assert took < BOUNDED
