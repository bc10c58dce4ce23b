"""record(): one INSERT in the caller's transaction, filled from the request being served."""

import pytest
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from walletdesk.audit.context import request_enter, request_leave
from walletdesk.audit.models import AuditEvent, Kind
from walletdesk.audit.services import record

pytestmark = pytest.mark.django_db


def test_record_takes_address_device_and_user_from_the_request(alice):
    request = RequestFactory().get("/", REMOTE_ADDR="2001:db8::1", HTTP_USER_AGENT="x" * 500)
    request.user = alice

    event = record(Kind.EXPORT, request=request, target="tickets.csv", rows=12)

    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor_id, stored.actor_label) == (alice.pk, "alice@example.com")
    assert stored.ip == "2001:db8::1"
    assert stored.user_agent == "x" * 300
    assert (stored.target, stored.detail) == ("tickets.csv", {"rows": 12})


def test_record_falls_back_to_the_request_being_served(alice):
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1")
    request.user = alice
    token = request_enter(request)
    try:
        event = record(Kind.REVEAL, target="WD-7K3Q9M")
    finally:
        request_leave(token)

    assert (event.actor_id, event.ip) == (alice.pk, "192.0.2.1")


def test_record_without_a_request_has_no_actor_address_or_device(alice):
    event = record(Kind.SIGN_IN_FAILED, target="someone@example.com")

    assert (event.actor_id, event.actor_label, event.ip, event.user_agent) == (None, "", None, "")


def test_an_address_that_is_not_one_is_left_empty(alice):
    request = RequestFactory().get("/", REMOTE_ADDR="not-an-ip")

    event = record(Kind.SIGN_OUT, actor=alice, request=request)

    assert event.ip is None


def test_the_record_rolls_back_with_the_callers_change(alice):
    def change_that_fails() -> None:
        with transaction.atomic():
            record(Kind.EXPORT, actor=alice, target="tickets.csv")
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        change_that_fails()

    assert not AuditEvent.objects.filter(kind=Kind.EXPORT).exists()


def test_a_record_that_cannot_be_stored_fails_the_callers_change(alice, monkeypatch):
    def refuse(*args, **kwargs):
        raise IntegrityError("disk full")

    monkeypatch.setattr(AuditEvent, "save", refuse)

    def change_with_its_record() -> None:
        with transaction.atomic():
            alice.display_name = "changed"
            alice.save(update_fields=["display_name"])
            record(Kind.ROLE_CHANGED, target=alice.email)

    with pytest.raises(IntegrityError):
        change_with_its_record()

    alice.refresh_from_db()
    assert alice.display_name == "Alice"


def test_one_record_is_one_insert(alice, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = alice

    with django_assert_num_queries(1):
        record(Kind.SIGN_IN_SUCCEEDED, request=request)
