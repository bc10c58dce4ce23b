import pytest

from walletdesk.api.tests.helpers import token_client
from walletdesk.notifications.models import (
    Channel,
    Kind,
    Notification,
    NotificationPreference,
    State,
)
from walletdesk.notifications.tests.factories import forum_notification, inapp_notification
from walletdesk.tickets.models import TicketEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_note(alice, alice_ticket) -> Notification:
    return inapp_notification(recipient=alice, ticket=alice_ticket)


def test_bob_cannot_see_alice_ticket(bob, alice_ticket) -> None:
    response = token_client(bob).get(f"/api/v1/tickets/{alice_ticket.reference}")

    assert response.status_code == 404


def test_list_shows_my_notifications_newest_first(alice, alice_note) -> None:
    newer = inapp_notification(recipient=alice, kind=Kind.RESOLVED)

    response = token_client(alice).get("/api/v1/notifications")

    assert response.status_code == 200
    body = response.json()
    assert [row["id"] for row in body["results"]] == [str(newer.pk), str(alice_note.pk)]
    first = body["results"][1]
    assert first["kind"] == "agent_replied"
    assert first["ticket_reference"] == alice_note.ticket.reference
    assert first["unread"] is True
    assert first["read_at"] is None
    assert body["next_cursor"] is None


def test_list_leaves_out_email_rows(alice, alice_ticket) -> None:
    event = TicketEvent.objects.create(ticket=alice_ticket, kind=TicketEvent.Kind.AGENT_REPLIED)
    Notification.objects.create(
        recipient=alice,
        kind=Kind.AGENT_REPLIED,
        channel=Channel.EMAIL,
        ticket=alice_ticket,
        event=event,
        state=State.SENT,
    )

    response = token_client(alice).get("/api/v1/notifications")

    assert response.json()["results"] == []


def test_bob_cannot_see_alices_notifications(bob, alice_note) -> None:
    mine = inapp_notification(recipient=bob)

    response = token_client(bob).get("/api/v1/notifications")

    assert [row["id"] for row in response.json()["results"]] == [str(mine.pk)]


def test_bob_cannot_mark_alices_notification_read(bob, alice_note) -> None:
    response = token_client(bob).post(f"/api/v1/notifications/{alice_note.pk}/read")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    alice_note.refresh_from_db()
    assert alice_note.read_at is None


def test_bob_marking_all_read_leaves_alices_unread(bob, alice_note) -> None:
    mine = inapp_notification(recipient=bob)

    response = token_client(bob).post("/api/v1/notifications/read-all")

    assert response.status_code == 200
    assert response.json() == {"marked": 1}
    alice_note.refresh_from_db()
    mine.refresh_from_db()
    assert alice_note.read_at is None
    assert mine.read_at is not None


def test_mark_one_read_twice_keeps_the_first_time(alice, alice_note) -> None:
    client = token_client(alice)

    first = client.post(f"/api/v1/notifications/{alice_note.pk}/read")
    alice_note.refresh_from_db()
    read_at = alice_note.read_at
    second = client.post(f"/api/v1/notifications/{alice_note.pk}/read")

    assert first.status_code == 200
    assert first.json()["unread"] is False
    assert second.status_code == 200
    alice_note.refresh_from_db()
    assert alice_note.read_at == read_at is not None


def test_unknown_notification_is_404(alice) -> None:
    response = token_client(alice).post(
        "/api/v1/notifications/00000000-0000-0000-0000-000000000001/read"
    )

    assert response.status_code == 404


def test_anonymous_gets_401(client) -> None:
    response = client.get("/api/v1/notifications")

    assert response.status_code in (401, 403)
    assert "code" in response.json()


def test_list_pages_by_cursor(alice) -> None:
    for _ in range(25):
        inapp_notification(recipient=alice)
    client = token_client(alice)

    first = client.get("/api/v1/notifications").json()
    second = client.get("/api/v1/notifications", {"cursor": first["next_cursor"]}).json()

    assert len(first["results"]) == 20
    assert len(second["results"]) == 5
    assert second["next_cursor"] is None
    assert len({row["id"] for row in first["results"] + second["results"]}) == 25


@pytest.mark.parametrize("rows", [2, 30])
def test_list_query_count_does_not_grow(alice, rows, django_assert_num_queries) -> None:
    for _ in range(rows):
        inapp_notification(recipient=alice)
    client = token_client(alice)
    client.get("/api/v1/notifications")  # warm caches that are not per request

    # token lookup (its touch is skipped within the minute), one page with tickets joined
    with django_assert_num_queries(2):
        response = client.get("/api/v1/notifications")

    assert response.status_code == 200
    assert len(response.json()["results"]) == min(rows, 20)


def test_preferences_list_every_offered_switch_on_by_default(alice) -> None:
    response = token_client(alice).get("/api/v1/me/notification-preferences")

    assert response.status_code == 200
    rows = response.json()["preferences"]
    pairs = {(row["kind"], row["channel"]) for row in rows}
    assert ("agent_replied", "email") in pairs
    assert ("agent_replied", "webhook") in pairs
    assert ("assigned", "inapp") not in pairs  # an agent's kind, not offered to customers
    assert all(row["enabled"] for row in rows)
    assert all(row["kind_label"] and row["channel_label"] for row in rows)


def test_preferences_put_turns_one_off_and_leaves_bob_alone(alice, bob) -> None:
    client = token_client(alice)
    payload = {"preferences": [{"kind": "agent_replied", "channel": "email", "enabled": False}]}

    response = client.put("/api/v1/me/notification-preferences", payload, format="json")

    assert response.status_code == 200
    row = next(
        r
        for r in response.json()["preferences"]
        if (r["kind"], r["channel"]) == ("agent_replied", "email")
    )
    assert row["enabled"] is False
    assert NotificationPreference.objects.get(user=alice).enabled is False
    assert not NotificationPreference.objects.filter(user=bob).exists()
    bob_rows = token_client(bob).get("/api/v1/me/notification-preferences").json()
    assert all(r["enabled"] for r in bob_rows["preferences"])


def test_preferences_put_refuses_a_kind_not_offered_and_changes_nothing(alice) -> None:
    payload = {
        "preferences": [
            {"kind": "agent_replied", "channel": "email", "enabled": False},
            {"kind": "assigned", "channel": "inapp", "enabled": False},
        ]
    }

    response = token_client(alice).put(
        "/api/v1/me/notification-preferences", payload, format="json"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"]["preferences"]["1"][0]["code"] == "preference_not_offered"
    assert not NotificationPreference.objects.filter(user=alice).exists()


def test_preferences_put_refuses_unknown_values(alice) -> None:
    payload = {"preferences": [{"kind": "nonsense", "channel": "email", "enabled": "maybe"}]}

    response = token_client(alice).put(
        "/api/v1/me/notification-preferences", payload, format="json"
    )

    assert response.status_code == 400
    assert not NotificationPreference.objects.filter(user=alice).exists()


def test_schema_describes_the_notification_endpoints(client) -> None:
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    paths = response.json()["paths"]
    assert "get" in paths["/api/v1/notifications"]
    assert "post" in paths["/api/v1/notifications/{notification_id}/read"]
    assert "post" in paths["/api/v1/notifications/read-all"]
    assert {"get", "put"} <= set(paths["/api/v1/me/notification-preferences"])


def test_a_forum_notification_is_listed_with_its_link_and_no_ticket(alice) -> None:
    note = forum_notification(recipient=alice, link="/community/t/abc/")

    response = token_client(alice).get("/api/v1/notifications")

    assert response.status_code == 200
    (row,) = response.json()["results"]
    assert row["id"] == str(note.pk)
    assert row["kind"] == "forum_answer"
    assert row["link"] == "/community/t/abc/"
    assert row["ticket_reference"] == ""
    assert row["ticket_subject"] == ""


def test_preferences_offer_forum_kinds_in_the_app_and_by_mail_not_by_push(alice) -> None:
    client = token_client(alice)
    by_push = {"preferences": [{"kind": "forum_answer", "channel": "webhook", "enabled": False}]}
    by_mail = {"preferences": [{"kind": "forum_answer", "channel": "email", "enabled": False}]}

    listed = client.get("/api/v1/me/notification-preferences").json()["preferences"]
    refused = client.put("/api/v1/me/notification-preferences", by_push, format="json")
    saved = client.put("/api/v1/me/notification-preferences", by_mail, format="json")

    pairs = {(row["kind"], row["channel"]) for row in listed}
    assert ("forum_answer", "inapp") in pairs
    assert ("forum_answer", "email") in pairs
    assert ("forum_answer", "webhook") not in pairs
    assert refused.status_code == 400
    assert saved.status_code == 200
    assert list(
        NotificationPreference.objects.filter(user=alice).values_list("kind", "channel", "enabled")
    ) == [("forum_answer", "email", False)]
