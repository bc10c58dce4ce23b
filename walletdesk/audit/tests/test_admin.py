"""The administration site: every change there is recorded; the trail itself is read only."""

import pytest
from django.urls import reverse

from walletdesk.audit.models import AuditEvent, Kind
from walletdesk.audit.tests.factories import AuditEventFactory
from walletdesk.tickets.models import RejectionReason

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, dave):
    client.force_login(dave)
    return client


def _changes() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(kind=Kind.ADMIN_CHANGE).order_by("id"))


def test_the_trail_is_listed_and_shown_but_cannot_be_added_changed_or_deleted(admin_client):
    event = AuditEventFactory(actor_label="alice@example.com", target="alice@example.com")

    listed = admin_client.get(reverse("admin:audit_auditevent_changelist"))
    shown = admin_client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    add = admin_client.get(reverse("admin:audit_auditevent_add"))
    change = admin_client.post(
        reverse("admin:audit_auditevent_change", args=[event.pk]), {"target": "mallory"}
    )
    delete = admin_client.post(
        reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}
    )

    assert (listed.status_code, shown.status_code) == (200, 200)
    assert "alice@example.com" in listed.content.decode()
    assert 'name="_save"' not in shown.content.decode()
    assert (add.status_code, change.status_code, delete.status_code) == (403, 403, 403)
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.target == "alice@example.com"


def test_deleting_a_reason_in_the_administration_site_is_recorded(admin_client, dave):
    reason = RejectionReason.objects.order_by("code").first()
    assert reason is not None

    response = admin_client.post(
        reverse("admin:tickets_rejectionreason_delete", args=[reason.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    (event,) = _changes()
    assert (event.actor_id, event.target) == (dave.pk, str(reason))
    assert event.detail["action"] == "deletion"
    assert event.detail["model"] == "tickets.rejectionreason"
    assert event.detail["object_id"] == str(reason.pk)


def test_a_bulk_deletion_is_one_event_listing_what_went(admin_client, dave):
    reasons = list(RejectionReason.objects.order_by("code")[:2])
    unused = list(reasons)

    response = admin_client.post(
        reverse("admin:tickets_rejectionreason_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [str(r.pk) for r in unused],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert not RejectionReason.objects.filter(pk__in=[r.pk for r in unused]).exists()
    (event,) = _changes()
    assert event.actor_id == dave.pk
    assert event.detail["action"] == "deletion"
    assert event.detail["count"] == 2
    assert {o["id"] for o in event.detail["objects"]} == {str(r.pk) for r in unused}


def test_the_confirmation_page_of_a_bulk_deletion_records_nothing(admin_client):
    reasons = list(RejectionReason.objects.order_by("code")[:2])

    response = admin_client.post(
        reverse("admin:tickets_rejectionreason_changelist"),
        {"action": "delete_selected", "_selected_action": [str(r.pk) for r in reasons]},
    )

    assert response.status_code == 200
    assert _changes() == []
