"""A web worker loads the search segmenter and the OCR engine as it starts, so no user's
first search or first screenshot waits for them."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings

PROBE = """
import config.wsgi
from walletdesk.guard import pictures
from walletdesk.kb.search import segmenter
print(segmenter._tokenizer is not None, pictures._engine is not None)
"""


def _probe(**env: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", PROBE],
        cwd=Path(settings.BASE_DIR),
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings_test",
            "DEBUG": "1",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_the_worker_loads_segmenter_and_ocr_engine_before_its_first_request() -> None:
    assert _probe() == "True True"


def test_warm_up_can_be_turned_off() -> None:
    assert _probe(WALLETDESK_WARM_UP="0") == "False False"


def test_under_preload_the_master_leaves_the_ocr_engine_to_each_worker() -> None:
    """Its thread pools do not survive a fork; config/gunicorn.py loads it after the fork."""
    assert _probe(WALLETDESK_PRELOADED="1") == "True False"
