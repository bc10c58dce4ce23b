"""A worker or beat that exits is started again; the web server ending stops everything."""

import sys
import time

from walletdesk.core.supervision import Supervised, Supervisor

EXIT_3 = [sys.executable, "-c", "import sys; sys.exit(3)"]
SLEEPER = [sys.executable, "-c", "import time; time.sleep(30)"]


def _run_until(supervisor: Supervisor, done, timeout: float = 10.0) -> int | None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ended = supervisor.tick()
        if ended is not None or done():
            return ended
        time.sleep(0.01)
    raise AssertionError("the supervisor never got there")


def test_a_worker_that_exits_is_started_again_with_a_growing_pause() -> None:
    logged: list[str] = []
    worker = Supervised("worker", EXIT_3, restart=True)
    web = Supervised("web", SLEEPER, restart=False)
    supervisor = Supervisor([web, worker], log=logged.append, first_pause=0.05, max_pause=0.2)
    supervisor.start_all()
    try:
        ended = _run_until(supervisor, lambda: worker.restarts >= 4)
        pauses_seen = worker.pause
    finally:
        supervisor.stop_all(wait_for=5)

    assert ended is None  # the site went on serving
    assert worker.exit_codes[:4] == [3, 3, 3, 3]
    assert pauses_seen == 0.2  # 0.05, 0.1, 0.2, then held at the ceiling
    assert any("worker exited with 3; starting it again" in line for line in logged)
    assert web.process is not None
    assert web.process.returncode is not None


def test_a_process_that_ran_steadily_starts_again_after_the_first_pause() -> None:
    now = [0.0]

    class Ended:
        returncode = 1

        def poll(self) -> int:
            return 1

    worker = Supervised("worker", ["x"], restart=True)
    supervisor = Supervisor(
        [worker],
        start=lambda command: Ended(),  # type: ignore[arg-type,return-value]
        clock=lambda: now[0],
        log=lambda line: None,
        first_pause=1,
        max_pause=30,
        steady_for=60,
    )
    supervisor.start_all()
    pauses = []
    for ran_for in (0.5, 0.5, 0.5, 120, 0.5):
        now[0] += ran_for
        supervisor.tick()  # sees the exit, schedules
        pauses.append(worker.pause)
        now[0] += worker.pause
        supervisor.tick()  # starts it again

    assert pauses == [1, 2, 4, 1, 2]
    assert worker.restarts == 5


def test_the_web_server_ending_stops_everything_with_its_status() -> None:
    web = Supervised("web", EXIT_3, restart=False)
    worker = Supervised("worker", SLEEPER, restart=True)
    supervisor = Supervisor([web, worker], log=lambda line: None)
    supervisor.start_all()
    try:
        ended = _run_until(supervisor, lambda: False)
    finally:
        supervisor.stop_all(wait_for=5)

    assert ended == 3
    assert worker.process is not None
    assert worker.process.poll() is not None
