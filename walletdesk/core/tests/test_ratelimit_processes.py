"""Rate limits hold across processes in the embedded default (no Redis, SQLite in var/).

`make run` serves with two web workers beside a background worker: a count each process keeps
for itself lets every process allow the whole limit. These tests start real processes on the
embedded settings, as `make run` does, and hammer one limit from both at once.
"""

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.conf import settings

from walletdesk.accounts.limits import SIGN_IN_FAILURES_PER_ACCOUNT

# One window that no test run straddles (the next boundary is in 2033).
WINDOW_FOR = 10**9
LIMIT = 10
HITS_PER_PROCESS = 40


def _embedded_env(var_dir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DATABASE_URL", "RATE_LIMITS_ENABLED")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        WALLETDESK_VAR_DIR=str(var_dir),
        SECRET_KEY="test-only-not-secret",
        DEBUG="1",
    )
    return env


def _run(script: str, env: dict[str, str]) -> subprocess.Popen[str]:
    preamble = "import django\ndjango.setup()\n"
    return subprocess.Popen(  # noqa: S603 - our own interpreter running our own script
        [sys.executable, "-c", preamble + textwrap.dedent(script)],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _output(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A fresh var/ folder migrated the way `make run` does it (once: migrating takes a while)."""
    env = _embedded_env(tmp_path_factory.mktemp("var"))
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert migrate.returncode == 0, migrate.stderr
    return env


def _hammer(name: str, var_dir: str) -> str:
    # Each process says it is ready, then waits for the other: the hits overlap.
    return f"""
        import pathlib, time
        from walletdesk.core.ratelimit import Limit, hit
        probe = Limit("probe", count={LIMIT}, window_for={WINDOW_FOR})
        hit(Limit("warm-up", count=1, window_for=60), "{name}")
        folder = pathlib.Path({var_dir!r})
        (folder / "ready-{name}").touch()
        while len(list(folder.glob("ready-*"))) < 2:
            time.sleep(0.005)
        print(sum(hit(probe, "alice@example.com").allowed for _ in range({HITS_PER_PROCESS})))
    """


def test_two_processes_together_never_pass_the_limit(embedded: dict[str, str]) -> None:
    var_dir = embedded["WALLETDESK_VAR_DIR"]
    processes = [_run(_hammer(name, var_dir), embedded) for name in ("a", "b")]

    allowed = [int(_output(process)) for process in processes]

    assert sum(allowed) == LIMIT


def _outside_a_window_boundary(window_for: int, margin: int = 60) -> None:
    # The sign-in limits use real fixed windows: attempts on both sides of a boundary count in
    # two windows. What is tested here is the crossing of processes, not the boundary, so the
    # test starts where the whole exchange fits inside one window.
    left = window_for - time.time() % window_for
    if left < margin:
        time.sleep(left + 1)


def test_a_sign_in_lock_set_by_one_process_holds_in_another(embedded: dict[str, str]) -> None:
    # Five wrong passwords in one worker lock the address; the other worker must refuse even
    # the right password while the lock lasts.
    _outside_a_window_boundary(SIGN_IN_FAILURES_PER_ACCOUNT.window_for)
    lock = _run(
        """
        from walletdesk.accounts.errors import AccountError
        from walletdesk.accounts.models import User
        from walletdesk.accounts.services import user_sign_in_check
        User.objects.create_user(email="alice@example.com", password="correct horse battery")
        codes = []
        for _ in range(6):
            try:
                user_sign_in_check(email="alice@example.com", password="wrong", ip="198.51.100.7")
            except AccountError as error:
                codes.append(error.code.value)
        print(codes[-1])
        """,
        embedded,
    )
    assert _output(lock) == "rate_limited"

    other = _run(
        """
        from walletdesk.accounts.errors import AccountError
        from walletdesk.accounts.services import user_sign_in_check
        try:
            user_sign_in_check(
                email="alice@example.com", password="correct horse battery", ip="198.51.100.8"
            )
            print("signed_in")
        except AccountError as error:
            print(error.code.value)
        """,
        embedded,
    )

    assert _output(other) == "rate_limited"
