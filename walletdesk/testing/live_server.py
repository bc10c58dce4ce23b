"""Let the live server finish what it is answering before a test's database is emptied.

With SQLite in memory, the live server's request threads share the test's connection. A
request still running when the test ends (a page's last fetch, an upload's status) would meet
the flush that empties the tables, and SQLite refuses with "database table is locked". The
test then fails in its teardown, and pytest-django never removes the guards it put on the
other connections, so every later test that uses them fails too.

Waiting until nothing runs is not enough: a page closed as its test ended may have sent one
last poll the server has not picked up yet, which would then start during the flush. So once a
test has ended the server answers every new request 503 without reaching the application,
until the next test begins (``closed_until_next_test``, ``open``).

The same holds in the middle of a test: a test that writes while the page it opened polls
(a bulk job's progress) meets the poll's read. ``held()`` keeps new requests waiting and lets
the running ones finish, so the test writes alone; the page's fetch is only answered later.
"""

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

DRAIN_SECONDS = 15.0

Application = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class InFlightRequests:
    """A WSGI wrapper that counts requests from their start until their response is closed."""

    def __init__(self, application: Application) -> None:
        self.application = application
        self._count = 0
        self._holds = 0
        self._closed = False
        self._idle = threading.Condition()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        with self._idle:
            self._idle.wait_for(lambda: self._holds == 0, timeout=DRAIN_SECONDS)
            if self._closed:
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b"The test this request belonged to has ended."]
            self._count += 1
        try:
            response = self.application(environ, start_response)
        except BaseException:
            self._finished()
            raise
        return _Closing(response, self._finished)

    def wait_until_idle(self, timeout: float = DRAIN_SECONDS) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: self._count == 0, timeout=timeout)

    def closed_until_next_test(self, timeout: float = DRAIN_SECONDS) -> bool:
        """Refuse every request from now on and wait for the running ones to finish."""
        with self._idle:
            self._closed = True
            return self._idle.wait_for(lambda: self._count == 0, timeout=timeout)

    def open(self) -> None:
        """Answer requests again: a new test begins."""
        with self._idle:
            self._closed = False

    @contextmanager
    def held(self, timeout: float = DRAIN_SECONDS) -> Iterator[None]:
        """No request starts inside the block, and none is running when it begins."""
        with self._idle:
            self._holds += 1
            self._idle.wait_for(lambda: self._count == 0, timeout=timeout)
        try:
            yield
        finally:
            with self._idle:
                self._holds -= 1
                self._idle.notify_all()

    def _finished(self) -> None:
        with self._idle:
            self._count -= 1
            self._idle.notify_all()


class _Closing:
    """The response, handing its close to the counter once (the server always closes it)."""

    def __init__(self, response: Iterable[bytes], on_close: Callable[[], None]) -> None:
        self._response = response
        self._on_close: Callable[[], None] | None = on_close

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._response)

    def close(self) -> None:
        try:
            close = getattr(self._response, "close", None)
            if close is not None:
                close()
        finally:
            on_close, self._on_close = self._on_close, None
            if on_close is not None:
                on_close()


def count_requests(live_server: Any) -> InFlightRequests:
    """Wrap the running live server's application once; later calls return the same counter."""
    httpd = live_server.thread.httpd
    application = httpd.get_app()
    if isinstance(application, InFlightRequests):
        return application
    counter = InFlightRequests(application)
    httpd.set_app(counter)
    return counter
