"""The counter of the live server's requests: a test's database is emptied only once every
response has been closed."""

import threading

import pytest

from walletdesk.testing.live_server import InFlightRequests


def _start(environ, start_response):  # type: ignore[no-untyped-def]
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def _fails(environ, start_response):  # type: ignore[no-untyped-def]
    raise RuntimeError("the view broke")


def test_a_request_is_in_flight_until_its_response_is_closed():
    in_flight = InFlightRequests(_start)

    response = in_flight({}, lambda *args: None)

    assert list(response) == [b"ok"]
    assert in_flight.wait_until_idle(timeout=0.05) is False
    response.close()
    assert in_flight.wait_until_idle(timeout=0.05) is True


def test_closing_twice_counts_once():
    in_flight = InFlightRequests(_start)
    first = in_flight({}, lambda *args: None)
    second = in_flight({}, lambda *args: None)

    first.close()
    first.close()

    assert in_flight.wait_until_idle(timeout=0.05) is False
    second.close()
    assert in_flight.wait_until_idle(timeout=0.05) is True


def test_an_application_that_raises_is_not_left_in_flight():
    in_flight = InFlightRequests(_fails)

    with pytest.raises(RuntimeError):
        in_flight({}, lambda *args: None)

    assert in_flight.wait_until_idle(timeout=0.05) is True


def test_the_wait_ends_when_another_thread_closes_the_last_response():
    in_flight = InFlightRequests(_start)
    response = in_flight({}, lambda *args: None)
    threading.Timer(0.05, response.close).start()

    assert in_flight.wait_until_idle(timeout=5) is True


def test_a_hold_waits_for_the_running_request_and_keeps_new_ones_waiting():
    in_flight = InFlightRequests(_start)
    running = in_flight({}, lambda *args: None)
    threading.Timer(0.05, running.close).start()

    def late_request() -> None:
        in_flight({}, lambda *args: None).close()

    with in_flight.held(timeout=5):
        assert in_flight.wait_until_idle(timeout=0) is True  # the running one has finished
        late = threading.Thread(target=late_request)
        late.start()
        late.join(timeout=0.1)
        assert late.is_alive()  # waiting for the hold to end
        assert in_flight.wait_until_idle(timeout=0) is True

    late.join(timeout=5)
    assert not late.is_alive()
    assert in_flight.wait_until_idle(timeout=0.05) is True


def test_once_closed_a_request_is_refused_without_reaching_the_application():
    reached: list[dict[str, object]] = []

    def application(environ, start_response):  # type: ignore[no-untyped-def]
        reached.append(environ)
        return _start(environ, start_response)

    in_flight = InFlightRequests(application)
    running = in_flight({}, lambda *args: None)
    threading.Timer(0.05, running.close).start()
    statuses: list[str] = []

    assert in_flight.closed_until_next_test(timeout=5) is True  # the running one has finished
    late = in_flight({}, lambda status, headers: statuses.append(status))

    assert statuses == ["503 Service Unavailable"]
    assert b"".join(late) != b"ok"
    assert len(reached) == 1
    assert in_flight.wait_until_idle(timeout=0) is True

    in_flight.open()
    answered = in_flight({}, lambda status, headers: statuses.append(status))
    assert list(answered) == [b"ok"]
    answered.close()
    assert len(reached) == 2
