"""Each request has an id: answered back, in its log lines, and carried into the tasks it
queues, so one user's report leads to every line about it."""

import logging
from types import SimpleNamespace

import pytest
from django.http import HttpResponse

from walletdesk.core import requestid
from walletdesk.core.requestid import (
    NONE,
    RequestIdFilter,
    RequestIdMiddleware,
    celery_before_publish,
    celery_task_postrun,
    celery_task_prerun,
    request_id_current,
)


@pytest.mark.django_db
def test_an_answer_carries_a_new_id_when_none_came(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]

    assert len(first) == 32
    assert first != second


@pytest.mark.django_db
def test_the_balancers_id_is_kept(client):
    answer = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a9c21-0001")

    assert answer["X-Request-ID"] == "lb-7f3a9c21-0001"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "forged",
    ["short", "x" * 65, "id with spaces", "id\nINFO forged line", "<script>", "id;drop"],
)
def test_an_id_that_could_forge_or_flood_log_lines_is_replaced(client, forged):
    answer = client.get("/healthz", HTTP_X_REQUEST_ID=forged)

    assert answer["X-Request-ID"] != forged
    assert len(answer["X-Request-ID"]) == 32


def test_log_lines_of_a_request_carry_its_id_and_lines_after_it_do_not(rf):
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep()
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("walletdesk.test.requestid")
    logger.addHandler(handler)

    def view(request):  # type: ignore[no-untyped-def]
        logger.warning("inside the view")
        return HttpResponse("ok")

    try:
        answer = RequestIdMiddleware(view)(rf.get("/", HTTP_X_REQUEST_ID="req-0000-1111"))
        logger.warning("after the request")
    finally:
        logger.removeHandler(handler)

    assert answer["X-Request-ID"] == "req-0000-1111"
    assert [(r.getMessage(), r.request_id) for r in records] == [
        ("inside the view", "req-0000-1111"),
        ("after the request", NONE),
    ]


def test_the_filter_stamps_the_current_id_on_every_record():
    token = requestid._current.set("req-abcdef12")
    try:
        record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello", None, None)
        RequestIdFilter().filter(record)
    finally:
        requestid._current.reset(token)

    assert record.request_id == "req-abcdef12"


def test_a_task_queued_in_a_request_runs_under_the_requests_id():
    headers: dict[str, object] = {}
    token = requestid._current.set("req-abcdef12")
    try:
        celery_before_publish(headers=headers)
    finally:
        requestid._current.reset(token)

    # The worker: the header becomes an attribute of the task's request.
    task = SimpleNamespace(request=SimpleNamespace(request_id=headers["request_id"]))
    celery_task_prerun(task=task)
    during = request_id_current()
    celery_task_postrun(task=task)

    assert during == "req-abcdef12"
    assert request_id_current() == NONE


def test_a_task_queued_outside_a_request_has_no_id():
    headers: dict[str, object] = {}
    celery_before_publish(headers=headers)
    celery_task_prerun(task=SimpleNamespace(request=SimpleNamespace()))

    assert "request_id" not in headers
    assert request_id_current() == NONE
