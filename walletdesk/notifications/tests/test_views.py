"""The notification pages: the list, opening one (mark read), mark all read, preferences."""

import pytest
from django.urls import reverse

from walletdesk.notifications.models import Channel, Kind, Notification, NotificationPreference
from walletdesk.notifications.tests.factories import inapp_notification
from walletdesk.tickets.services import ticket_reply_add


@pytest.fixture
def alice_note(alice, alice_ticket) -> Notification:
    return inapp_notification(recipient=alice, ticket=alice_ticket)


def test_bob_cannot_see_alices_ticket(client, bob, alice_ticket):
    client.force_login(bob)

    response = client.get(reverse("portal:detail", args=[alice_ticket.reference]))

    assert response.status_code == 404


def test_bob_cannot_see_alices_notifications_in_his_list(client, bob, alice_note):
    client.force_login(bob)

    response = client.get(reverse("notifications:list"))

    assert response.status_code == 200
    assert list(response.context["items"]) == []
    assert alice_note.ticket.reference not in response.content.decode()


def test_bob_cannot_open_alices_notification(client, bob, alice_note):
    client.force_login(bob)

    response = client.post(reverse("notifications:open", args=[alice_note.pk]))

    assert response.status_code == 404
    alice_note.refresh_from_db()
    assert alice_note.read_at is None


def test_bob_marking_all_read_leaves_alices_unread(client, bob, alice_note):
    mine = inapp_notification(recipient=bob)
    client.force_login(bob)

    response = client.post(reverse("notifications:read-all"))

    assert response.status_code == 302
    alice_note.refresh_from_db()
    mine.refresh_from_db()
    assert alice_note.read_at is None
    assert mine.read_at is not None


def test_bob_saving_preferences_leaves_alices_alone(client, bob, alice):
    client.force_login(bob)

    client.post(reverse("notifications:preferences"), {})

    assert not NotificationPreference.objects.filter(user=alice).exists()
    assert NotificationPreference.objects.filter(user=bob, enabled=False).exists()


def test_list_shows_the_users_notifications_with_the_unread_count(client, alice, alice_note):
    client.force_login(alice)

    response = client.get(reverse("notifications:list"))

    assert response.status_code == 200
    assert [n.pk for n in response.context["items"]] == [alice_note.pk]
    page = response.content.decode()
    assert alice_note.ticket.reference in page
    assert "data-bell-count" in page


def test_agent_reply_appears_in_the_customers_list(client, alice, carol, alice_ticket):
    ticket_reply_add(ticket=alice_ticket, author=carol, body="请提供交易哈希")
    client.force_login(alice)

    response = client.get(reverse("notifications:list"))

    (item,) = response.context["items"]
    assert item.kind == Kind.AGENT_REPLIED
    assert item.channel == Channel.INAPP
    assert item.ticket_id == alice_ticket.pk


def test_list_requires_sign_in(client):
    response = client.get(reverse("notifications:list"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_opening_marks_read_and_goes_to_the_ticket(client, alice, alice_note):
    client.force_login(alice)

    response = client.post(reverse("notifications:open", args=[alice_note.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:detail", args=[alice_note.ticket.reference])
    alice_note.refresh_from_db()
    assert alice_note.read_at is not None


def test_agent_opening_goes_to_the_console(client, carol, alice_ticket):
    note = inapp_notification(recipient=carol, ticket=alice_ticket, kind=Kind.CUSTOMER_REPLIED)
    client.force_login(carol)

    response = client.post(reverse("notifications:open", args=[note.pk]))

    assert response["Location"] == reverse("console:detail", args=[alice_ticket.reference])
    note.refresh_from_db()
    assert note.read_at is not None


def test_opening_needs_post(client, alice, alice_note):
    client.force_login(alice)

    response = client.get(reverse("notifications:open", args=[alice_note.pk]))

    assert response.status_code == 405
    alice_note.refresh_from_db()
    assert alice_note.read_at is None


def test_opening_an_unknown_notification_is_404(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("notifications:open", args=["00000000-0000-0000-0000-000000000000"])
    )

    assert response.status_code == 404


def test_mark_all_read_clears_the_bell(client, alice):
    for _ in range(3):
        inapp_notification(recipient=alice)
    client.force_login(alice)

    response = client.post(reverse("notifications:read-all"), follow=True)

    assert response.status_code == 200
    assert not Notification.objects.filter(recipient=alice).unread_inapp().exists()
    assert "data-bell-count" not in response.content.decode()


def test_preferences_page_lists_customer_kinds_and_channels(client, alice):
    client.force_login(alice)

    response = client.get(reverse("notifications:preferences"))

    assert response.status_code == 200
    names = {name for _, cells in response.context["rows"] for _, name, _ in cells}
    assert "agent_replied:email" in names
    assert "agent_replied:webhook" in names
    assert not any(name.startswith("customer_replied:") for name in names)
    page = response.content.decode()
    assert 'name="agent_replied:email" checked' in page


def test_preferences_post_turns_unticked_channels_off(client, alice, carol, alice_ticket):
    client.force_login(alice)
    ticked = {"agent_replied:inapp": "on"}

    response = client.post(reverse("notifications:preferences"), ticked)

    assert response.status_code == 302
    off = set(
        NotificationPreference.objects.filter(user=alice, enabled=False).values_list(
            "kind", "channel"
        )
    )
    assert (Kind.AGENT_REPLIED, Channel.EMAIL) in off
    assert (Kind.AGENT_REPLIED, Channel.INAPP) not in off
    # The choice is honoured by the next reply: in-app only.
    ticket_reply_add(ticket=alice_ticket, author=carol, body="你好")
    channels = set(Notification.objects.filter(recipient=alice).values_list("channel", flat=True))
    assert channels == {Channel.INAPP}


def test_agent_preferences_offer_agent_kinds_only(client, carol):
    client.force_login(carol)

    response = client.get(reverse("notifications:preferences"))

    kinds = [kind for kind, _ in response.context["rows"]]
    assert kinds == [Kind.CUSTOMER_REPLIED, Kind.ASSIGNED, Kind.SLA_WARNING]


@pytest.mark.parametrize("size", [2, 30])
def test_list_query_budget_does_not_grow_with_rows(client, alice, size, django_assert_num_queries):
    for _ in range(size):
        inapp_notification(recipient=alice)
    client.force_login(alice)

    # session, user, the list (tickets joined), the bell's COUNT, the footer's contact
    # channels (a cached catalogue, emptied before every test)
    with django_assert_num_queries(5):
        response = client.get(reverse("notifications:list"))

    assert len(response.context["items"]) == size
