"""Administrators look at exports and anonymised tickets; nobody edits them there."""

import pytest
from django.urls import reverse

from walletdesk.privacy import services
from walletdesk.privacy.models import AnonymisedTicket, DataExport

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, dave):
    client.force_login(dave)
    return client


def test_exports_are_listed_read_only_without_their_file(admin_client, alice):
    export = services.data_export_request(user=alice)
    services.data_export_build(export_id=export.pk)
    export.refresh_from_db()

    listed = admin_client.get(reverse("admin:privacy_dataexport_changelist"))
    shown = admin_client.get(reverse("admin:privacy_dataexport_change", args=[export.pk]))
    add = admin_client.get(reverse("admin:privacy_dataexport_add"))
    delete = admin_client.post(
        reverse("admin:privacy_dataexport_delete", args=[export.pk]), {"post": "yes"}
    )

    assert (listed.status_code, shown.status_code) == (200, 200)
    assert "Alice" in listed.content.decode()
    assert export.storage_key not in shown.content.decode()
    assert (add.status_code, delete.status_code) == (403, 403)
    assert DataExport.objects.filter(pk=export.pk).exists()


def test_anonymised_tickets_are_listed_read_only(admin_client, alice, alice_ticket):
    services.user_erase(user=alice, password="correct horse battery", code="", ip="")

    listed = admin_client.get(reverse("admin:privacy_anonymisedticket_changelist"))
    add = admin_client.get(reverse("admin:privacy_anonymisedticket_add"))

    assert listed.status_code == 200
    assert alice_ticket.reference in listed.content.decode()
    assert add.status_code == 403
    assert AnonymisedTicket.objects.count() == 1
