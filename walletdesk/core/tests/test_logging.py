"""LOG_FORMAT=json writes one JSON object a line, each with the request id, for a log
collector; a misspelt format stops the start-up instead of logging in a shape nobody reads."""

import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings

LOG_TWO_LINES = """
import logging
import django
django.setup()
from walletdesk.core import requestid
token = requestid._current.set("req-json-0001")
logging.getLogger("walletdesk.probe").warning("ticket %s refused", "WD-123")
requestid._current.reset(token)
logging.getLogger("walletdesk.probe").error("outside a request")
"""


def _run(log_format: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", LOG_TWO_LINES],
        cwd=Path(settings.BASE_DIR),
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings_test",
            "LOG_FORMAT": log_format,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_json_lines_carry_the_level_logger_message_and_request_id():
    result = _run("json")

    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert [(x["level"], x["logger"], x["message"], x["request_id"]) for x in lines] == [
        ("WARNING", "walletdesk.probe", "ticket WD-123 refused", "req-json-0001"),
        ("ERROR", "walletdesk.probe", "outside a request", "-"),
    ]
    assert all(line["time"] for line in lines)


def test_text_lines_carry_the_request_id_for_a_person_reading():
    result = _run("text")

    assert "WARNING walletdesk.probe [req-json-0001] ticket WD-123 refused" in result.stderr


def test_an_unknown_format_stops_the_start_up():
    result = _run("yaml")

    assert result.returncode != 0
    assert "LOG_FORMAT must be text or json" in result.stderr
