"""The production profile's SMTP server: accepts every message and writes its Message-ID to a
file, a line each, so a run can count what was delivered and what was delivered twice."""

import argparse
import signal
import threading
from email import message_from_bytes
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller


class CountingSink:
    def __init__(self, received: Path) -> None:
        self.received = received
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message_id = message_from_bytes(envelope.content).get("Message-ID", "-")
        with self.lock, self.received.open("a") as out:
            out.write(f"{message_id}\n")
        return "250 OK"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--received", type=Path, required=True)
    args = parser.parse_args()
    controller = Controller(CountingSink(args.received), hostname="127.0.0.1", port=args.port)
    controller.start()
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    stopped.wait()
    controller.stop()


if __name__ == "__main__":
    main()
