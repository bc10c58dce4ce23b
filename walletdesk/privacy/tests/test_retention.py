"""The retention sweep: closed tickets past the period lose their personal data, in batches,
once; everything else is left alone."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from walletdesk.attachments.storage import attachment_storage
from walletdesk.attachments.tests.corpus import png
from walletdesk.notifications.models import Notification
from walletdesk.notifications.tests.factories import inapp_notification
from walletdesk.privacy import services
from walletdesk.privacy.models import AnonymisedTicket
from walletdesk.privacy.services import REMOVED_MARKER, months_before
from walletdesk.privacy.tasks import retention_sweep_task
from walletdesk.privacy.tests.conftest import stored_file
from walletdesk.tickets.models import Status
from walletdesk.tickets.tests.factories import MessageFactory, TicketFactory

pytestmark = pytest.mark.django_db


def _closed(user, *, days_ago: int, **fields):
    ticket = TicketFactory(
        requester=user,
        status=Status.CLOSED,
        closed_at=timezone.now() - timedelta(days=days_ago),
        address="TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf",
        **fields,
    )
    MessageFactory(ticket=ticket, body="我的手机号 13800000000")
    return ticket


@pytest.fixture
def six_months(settings):
    settings.RETENTION_CLOSED_TICKETS_MONTHS = 6


def test_off_by_default(alice):
    old = _closed(alice, days_ago=2000)

    assert retention_sweep_task() == 0

    old.refresh_from_db()
    assert old.address != ""


def test_old_closed_tickets_lose_personal_data_and_files(alice, six_months):
    old = _closed(alice, days_ago=200, network="tron")
    file = stored_file(ticket=old, uploader=alice, name="转账.png", data=png())
    inapp_notification(recipient=alice, ticket=old)

    assert services.retention_sweep() == 1

    old.refresh_from_db()
    assert (old.subject, old.description, old.address) == (REMOVED_MARKER, REMOVED_MARKER, "")
    assert (old.network, old.status) == ("tron", Status.CLOSED)
    assert old.messages.get().body == REMOVED_MARKER
    assert not attachment_storage().exists(file.storage_key)
    assert not Notification.objects.filter(ticket=old).exists()
    assert AnonymisedTicket.objects.get(ticket=old).reason == "retention"
    # The account itself is not touched by retention.
    alice.refresh_from_db()
    assert alice.is_active
    assert alice.email == "alice@example.com"


def test_recent_and_open_tickets_are_left_alone(alice, six_months):
    recent = _closed(alice, days_ago=30)
    still_open = TicketFactory(requester=alice, status=Status.OPEN, subject="还在处理")

    assert services.retention_sweep() == 0

    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert recent.address != ""
    assert still_open.subject == "还在处理"


def test_a_second_run_does_nothing_twice(alice, six_months):
    _closed(alice, days_ago=400)

    first = services.retention_sweep()
    second = services.retention_sweep()

    assert (first, second) == (1, 0)


def test_works_in_batches_up_to_the_runs_limit(alice, settings, six_months):
    settings.RETENTION_BATCHES_PER_RUN = 2
    for days in range(200, 205):
        _closed(alice, days_ago=days)

    first = services.retention_sweep(batch_size=2)
    second = services.retention_sweep(batch_size=2)

    assert (first, second) == (4, 1)
    assert AnonymisedTicket.objects.count() == 5


def test_a_ticket_whose_files_cannot_be_deleted_waits_for_the_next_run(
    alice, six_months, monkeypatch
):
    stuck = _closed(alice, days_ago=300)
    stored_file(ticket=stuck, uploader=alice, name="a.png", data=png())
    fine = _closed(alice, days_ago=250)
    real = services._storage_delete

    def down_for_files(keys):
        if keys:
            raise OSError("storage down")
        real(keys)

    monkeypatch.setattr(services, "_storage_delete", down_for_files)

    assert services.retention_sweep() == 1

    stuck.refresh_from_db()
    assert stuck.address != ""  # rolled back, tried again next run
    assert AnonymisedTicket.objects.filter(ticket=fine).exists()


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime(2026, 7, 15, 8, tzinfo=UTC), 6, datetime(2026, 1, 15, 8, tzinfo=UTC)),
        (datetime(2026, 3, 31, tzinfo=UTC), 1, datetime(2026, 2, 28, tzinfo=UTC)),
        (datetime(2026, 1, 10, tzinfo=UTC), 13, datetime(2024, 12, 10, tzinfo=UTC)),
    ],
)
def test_months_before_counts_calendar_months(moment, months, expected):
    assert months_before(moment, months) == expected
