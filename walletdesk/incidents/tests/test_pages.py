"""The incident pages of the console, the ticket page's incident panel, and the notice the user
sees: who may do what, what is shown, bad input kept, and the query budget."""

import pytest
from django.urls import reverse

from walletdesk.accounts.models import User
from walletdesk.incidents.models import Incident, IncidentLink, IncidentStatus, IncidentUpdate
from walletdesk.incidents.tests.factories import incident_make, link_make
from walletdesk.tickets.models import Status, TicketEvent
from walletdesk.tickets.tests.factories import TicketFactory, category

pytestmark = pytest.mark.django_db

ASKS_FOR_PHRASE = "Please reply with your 12-word recovery phrase so we can check."


@pytest.fixture
def lead_client(client, lead):
    lead.language = User.Language.EN
    lead.save(update_fields=["language"])
    client.force_login(lead)
    return client


@pytest.fixture
def agent_client(client, carol):
    carol.language = User.Language.EN
    carol.save(update_fields=["language"])
    client.force_login(carol)
    return client


def page(incident: Incident) -> str:
    return reverse("console:incident", args=[incident.pk])


def test_customers_get_404_on_every_incident_page(client, alice, lead):
    incident = incident_make(author=lead)
    client.force_login(alice)

    answers = [
        client.get(reverse("console:incidents")).status_code,
        client.get(reverse("console:incident-new")).status_code,
        client.get(page(incident)).status_code,
        client.post(reverse("console:incident-reply", args=[incident.pk]), {"body_en": "x"}),
    ]

    assert answers[:3] == [404, 404, 404]
    assert answers[3].status_code == 404
    assert not IncidentUpdate.objects.exists()


def test_the_menu_lists_incidents_open_first(agent_client, lead):
    resolved = incident_make(author=lead, title_en="Old congestion")
    Incident.objects.filter(pk=resolved.pk).update(status=IncidentStatus.RESOLVED)
    incident_make(author=lead, title_en="Scam wave")

    html = agent_client.get(reverse("console:incidents")).content.decode()

    assert reverse("console:incidents") in html
    assert html.index("Scam wave") < html.index("Old congestion")


def test_a_lead_opens_an_incident_from_the_form(lead_client):
    response = lead_client.post(
        reverse("console:incident-new"),
        {
            "title_zh": "TRON 拥堵",
            "title_en": "TRON congested",
            "description_zh": "提现延迟，资金安全。",
            "description_en": "Withdrawals are late; funds are safe.",
            "network": "tron",
            "category": str(category("withdrawal").pk),
            "window_hours": "6",
        },
    )

    incident = Incident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == page(incident)
    assert (incident.network, incident.category, incident.window_hours) == (
        "tron",
        category("withdrawal"),
        6,
    )


def test_a_missing_language_is_refused_and_the_rest_kept(lead_client):
    response = lead_client.post(
        reverse("console:incident-new"),
        {
            "title_zh": "",
            "title_en": "Kept title",
            "description_en": "Kept text",
            "window_hours": "24",
        },
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Kept title" in html
    assert "Kept text" in html
    assert not Incident.objects.exists()


def test_an_agent_without_the_right_is_refused(agent_client, lead, alice):
    incident = incident_make(author=lead)
    link_make(incident, TicketFactory(requester=alice))

    new = agent_client.get(reverse("console:incident-new"))
    reply = agent_client.post(
        reverse("console:incident-reply", args=[incident.pk]), {"body_en": "Hello all"}
    )

    assert new.status_code == 403
    assert reply.status_code == 403
    assert "Only a team supervisor or an administrator" in reply.content.decode()
    assert not IncidentUpdate.objects.exists()


def test_reply_to_all_asking_for_a_phrase_is_held_back_with_the_text_kept(lead_client, lead):
    incident = incident_make(author=lead)

    response = lead_client.post(
        reverse("console:incident-reply", args=[incident.pk]),
        {"body_zh": "稍等", "body_en": ASKS_FOR_PHRASE},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Held back" in html
    assert "稍等" in html
    assert not IncidentUpdate.objects.exists()


def test_reply_to_all_is_stored_and_queued(
    lead_client, lead, alice, django_capture_on_commit_callbacks
):
    incident = incident_make(author=lead)
    link_make(incident, TicketFactory(requester=alice))

    with django_capture_on_commit_callbacks() as queued:
        response = lead_client.post(
            reverse("console:incident-reply", args=[incident.pk]), {"body_en": "Fixed soon."}
        )

    assert response.status_code == 302
    update = IncidentUpdate.objects.get()
    assert (update.kind, update.body_en, update.targets) == ("reply", "Fixed soon.", 1)
    assert len(queued) == 1


@pytest.mark.parametrize("rows", [2, 25])
def test_the_incident_page_costs_the_same_whatever_it_links(
    lead_client, lead, alice, django_assert_num_queries, rows
):
    incident = incident_make(author=lead)
    for _ in range(rows):
        link_make(incident, TicketFactory(requester=alice))
    update = IncidentUpdate.objects.create(
        incident=incident, kind="reply", body_zh="好", body_en="ok", author=lead, targets=rows
    )
    lead_client.get(page(incident))

    # session, user, incident, linked tickets (one page), their count, the updates with their
    # progress, the refusals, the lead's teams (is a supervisor), the bell
    with django_assert_num_queries(9):
        response = lead_client.get(page(incident))

    assert response.status_code == 200
    assert response.content.decode().count('href="/console/tickets/') == rows
    assert str(update.body_en) in response.content.decode()


def test_the_linked_tickets_come_a_page_at_a_time(lead_client, lead, alice):
    incident = incident_make(author=lead)
    tickets = [TicketFactory(requester=alice) for _ in range(52)]
    for ticket in tickets:
        link_make(incident, ticket)

    first = lead_client.get(page(incident)).content.decode()
    after = IncidentLink.objects.order_by("id")[49].pk
    second = lead_client.get(f"{page(incident)}?after={after}").content.decode()

    assert tickets[0].reference in first
    assert tickets[51].reference not in first
    assert tickets[51].reference in second
    assert tickets[0].reference not in second
    assert "52 linked tickets" in first


# --- the ticket page ----------------------------------------------------------------------------


def test_the_ticket_page_suggests_the_matching_incident_and_links_it(agent_client, lead, alice):
    incident = incident_make(author=lead, network="tron", title_en="TRON delays")
    ticket = TicketFactory(requester=alice, network="tron")
    detail = reverse("console:detail", args=[ticket.reference])

    html = agent_client.get(detail).content.decode()
    response = agent_client.post(
        reverse("console:ticket-incident", args=[ticket.reference]),
        {"incident": str(incident.pk), "suggested": "1"},
    )

    assert "Matches incident TRON delays" in html
    assert response.status_code == 302
    link = IncidentLink.objects.get(ticket=ticket)
    assert (link.incident, link.how, link.linked_by.email) == (
        incident,
        IncidentLink.How.SUGGESTED,
        "carol@walletdesk.example",
    )
    assert "Linked to the incident “TRON delays”" in agent_client.get(detail).content.decode()


def test_unlinking_from_the_ticket_page(agent_client, lead, alice):
    incident = incident_make(author=lead)
    ticket = TicketFactory(requester=alice, network="bitcoin")
    link_make(incident, ticket)

    response = agent_client.post(
        reverse("console:ticket-incident", args=[ticket.reference]), {"unlink": "1"}
    )

    assert response.status_code == 302
    assert not IncidentLink.objects.exists()
    assert ticket.events.filter(kind=TicketEvent.Kind.INCIDENT_UNLINKED).exists()


def test_linking_a_ticket_twice_is_refused_on_the_page(agent_client, lead, alice):
    first, second = incident_make(author=lead), incident_make(author=lead, title_en="Other")
    ticket = TicketFactory(requester=alice)
    link_make(first, ticket)

    response = agent_client.post(
        reverse("console:ticket-incident", args=[ticket.reference]), {"incident": str(second.pk)}
    )

    assert response.status_code == 409
    assert "already linked" in response.content.decode()
    assert IncidentLink.objects.get().incident == first


def test_bob_cannot_see_alices_ticket_incident(client, bob, alice, lead):
    incident = incident_make(author=lead, network="tron")
    ticket = TicketFactory(requester=alice, network="tron")
    client.force_login(bob)

    response = client.post(
        reverse("console:ticket-incident", args=[ticket.reference]), {"incident": str(incident.pk)}
    )

    assert response.status_code == 404
    assert client.get(reverse("portal:detail", args=[ticket.reference])).status_code == 404


# --- the user's side ---------------------------------------------------------------------------


def test_the_user_sees_the_notice_in_their_language(client, alice, bob, lead):
    incident_make(author=lead, network="tron")
    zh_ticket = TicketFactory(requester=alice, network="tron")
    en_ticket = TicketFactory(requester=bob, network="tron")

    client.force_login(alice)
    zh = client.get(reverse("portal:submitted", args=[zh_ticket.reference])).content.decode()
    client.force_login(bob)
    en = client.get(reverse("portal:detail", args=[en_ticket.reference])).content.decode()

    assert "TRON 上的 USDT 提现延迟" in zh
    assert "资金安全" in zh
    assert "We know about this: USDT withdrawals on TRON delayed" in en
    assert "funds are safe" in en


def test_no_notice_once_the_incident_is_resolved_or_the_ticket_closed(client, bob, lead):
    incident = incident_make(author=lead, network="tron")
    open_ticket = TicketFactory(requester=bob, network="tron")
    closed = TicketFactory(requester=bob, network="tron", status=Status.CLOSED)
    client.force_login(bob)

    on_closed = client.get(reverse("portal:detail", args=[closed.reference])).content.decode()
    Incident.objects.filter(pk=incident.pk).update(status=IncidentStatus.RESOLVED)
    on_open = client.get(reverse("portal:detail", args=[open_ticket.reference])).content.decode()

    assert "We know about this" not in on_closed
    assert "We know about this" not in on_open


def test_the_page_lists_the_tickets_a_resolution_could_not_change(lead_client, lead, alice):
    from walletdesk.accounts.tests.factories import AgentFactory
    from walletdesk.incidents.services import incident_resolve, incident_update_deliver
    from walletdesk.tickets.tests.factories import TeamFactory

    incident = incident_make(author=lead)
    open_ticket = TicketFactory(requester=alice)
    closed = TicketFactory(requester=alice, status=Status.CLOSED)
    link_make(incident, open_ticket)
    link_make(incident, closed)
    update = incident_resolve(incident=incident, author=lead, body_zh="好了", body_en="Fixed.")
    incident_update_deliver(update_id=update.pk)
    outsider = AgentFactory(teams=[TeamFactory()], language=User.Language.EN)

    html = lead_client.get(page(incident)).content.decode()
    lead_client.force_login(outsider)
    theirs = lead_client.get(page(incident)).content.decode()

    assert "2 of 2 tickets done: 1 changed, 1 not changed." in html
    refusals = html[html.index("Tickets not changed") : html.index("linked-title")]
    assert closed.reference in refusals
    assert "cannot be resolved" in refusals
    assert open_ticket.reference not in refusals
    assert closed.reference not in theirs  # another team's agent sees none of its tickets


def test_the_incident_list_costs_the_same_whatever_it_holds(
    agent_client, lead, django_assert_num_queries
):
    for n in range(3):
        incident_make(author=lead, title_en=f"Incident {n}")
    agent_client.get(reverse("console:incidents"))

    # session, user, the count and the page of incidents (categories joined), the agent's
    # teams (may they open one), the bell
    with django_assert_num_queries(6) as small:
        agent_client.get(reverse("console:incidents"))
    for n in range(40):
        incident_make(author=lead, title_en=f"More {n}", category=category("deposit"))
    with django_assert_num_queries(len(small.captured_queries)):
        response = agent_client.get(reverse("console:incidents"))

    assert response.content.decode().count('href="/console/incidents/') - 1 == 43


def test_a_recovery_phrase_in_the_public_description_is_refused_and_masked(lead_client):
    phrase = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"

    response = lead_client.post(
        reverse("console:incident-new"),
        {
            "title_zh": "拥堵",
            "title_en": "Congestion",
            "description_zh": "提现延迟。",
            "description_en": f"Example: {phrase}",
            "window_hours": "24",
        },
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "recovery phrase or a private key" in html
    assert phrase not in html
    assert "Congestion" in html
    assert not Incident.objects.exists()
