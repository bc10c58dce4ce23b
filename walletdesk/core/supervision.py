"""Keep background processes running: a worker or beat that exits is started again.

``manage.py serve`` runs the web server, a Celery worker and beat together. A worker can exit
on its own (a broker restart under load made kombu raise while it restored unacknowledged
messages): nobody would start it again and the e-mails would wait for a person. Here a
``restart`` process is started again after a pause that doubles while it keeps failing
(1 s, 2 s, 4 s ... at most ``max_pause``) and starts from 1 s again once it has run for
``steady_for`` seconds; a process that is not ``restart`` (the web server, which supervises
its own workers) ending ends them all.
"""

import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass
class Supervised:
    name: str
    command: Sequence[str]
    restart: bool
    process: "subprocess.Popen[bytes] | None" = None
    started_at: float = 0.0
    restarts: int = 0
    # When an exited process may be started again; None while it runs.
    due_at: float | None = None
    pause: float = 0.0
    exit_codes: list[int] = field(default_factory=list)


Starter = Callable[[Sequence[str]], "subprocess.Popen[bytes]"]


def _popen(command: Sequence[str]) -> "subprocess.Popen[bytes]":
    return subprocess.Popen(command)  # noqa: S603 - fixed commands from our own venv


class Supervisor:
    def __init__(
        self,
        processes: Sequence[Supervised],
        *,
        start: Starter = _popen,
        clock: Callable[[], float] = time.monotonic,
        log: Callable[[str], object] = print,
        first_pause: float = 1.0,
        max_pause: float = 30.0,
        steady_for: float = 60.0,
    ) -> None:
        self.processes = list(processes)
        self._start = start
        self._clock = clock
        self._log = log
        self.first_pause = first_pause
        self.max_pause = max_pause
        self.steady_for = steady_for

    def start_all(self) -> None:
        for supervised in self.processes:
            self._launch(supervised)

    def _launch(self, supervised: Supervised) -> None:
        supervised.process = self._start(supervised.command)
        supervised.started_at = self._clock()
        supervised.due_at = None

    def tick(self) -> int | None:
        """Look at every process once. Returns an exit status when everything must stop (a
        process that is not restarted ended), else None."""
        now = self._clock()
        for supervised in self.processes:
            process = supervised.process
            if supervised.due_at is not None:
                if now >= supervised.due_at:
                    supervised.restarts += 1
                    self._log(f"{supervised.name}: starting again (restart {supervised.restarts})")
                    self._launch(supervised)
                continue
            if process is None or process.poll() is None:
                continue
            code = process.returncode
            supervised.exit_codes.append(code)
            if not supervised.restart:
                self._log(f"{supervised.name} exited with {code}; stopping")
                return code or 1
            ran_for = now - supervised.started_at
            if ran_for >= self.steady_for or supervised.pause == 0.0:
                supervised.pause = self.first_pause
            else:
                supervised.pause = min(self.max_pause, supervised.pause * 2)
            supervised.due_at = now + supervised.pause
            self._log(
                f"{supervised.name} exited with {code}; starting it again in "
                f"{supervised.pause:.0f} s"
            )
        return None

    def running(self) -> list["subprocess.Popen[bytes]"]:
        return [
            s.process for s in self.processes if s.process is not None and s.process.poll() is None
        ]

    def stop_all(self, *, wait_for: float = 15.0) -> None:
        for process in self.running():
            process.terminate()
        for supervised in self.processes:
            if supervised.process is None:
                continue
            try:
                supervised.process.wait(timeout=wait_for)
            except subprocess.TimeoutExpired:
                supervised.process.kill()
