from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from walletdesk.audit.models import AuditEvent
from walletdesk.guard.models import Channel as Door
from walletdesk.guard.models import SecretCatch
from walletdesk.incidents.errors import IncidentError
from walletdesk.incidents.models import (
    Incident,
    IncidentDelivery,
    IncidentLink,
    IncidentStatus,
    IncidentUpdate,
)
from walletdesk.incidents.selectors import incident_for_ticket, incident_matching
from walletdesk.incidents.services import (
    incident_link,
    incident_open,
    incident_reply_all,
    incident_resolve,
    incident_unlink,
    incident_update_deliver,
)
from walletdesk.incidents.tests.factories import incident_make, link_make
from walletdesk.notifications.models import Channel, Kind, Notification
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Message, Status, TicketEvent
from walletdesk.tickets.tests.factories import TeamFactory, TicketFactory, category

pytestmark = pytest.mark.django_db

ASKS_FOR_PHRASE = "To speed this up, please send us your 12-word recovery phrase."


def match(ticket):
    return incident_matching(
        network=ticket.network, category_id=ticket.category_id, at=ticket.created_at
    )


# --- matching ----------------------------------------------------------------------------------


def test_a_ticket_of_the_same_network_and_category_within_the_window_matches(alice):
    incident = incident_make(network="tron", category=category("withdrawal"), window_hours=6)

    ticket = TicketFactory(requester=alice, network="tron", category=category("withdrawal"))

    assert match(ticket) == incident


def test_another_network_or_category_does_not_match(alice):
    incident_make(network="tron", category=category("withdrawal"))

    other_network = TicketFactory(requester=alice, network="ethereum")
    other_category = TicketFactory(requester=alice, network="tron", category=category("deposit"))

    assert match(other_network) is None
    assert match(other_category) is None


def test_an_incident_without_network_or_category_matches_any(alice):
    incident = incident_make(network="", category=None)

    ticket = TicketFactory(requester=alice, network="bitcoin", category=category("deposit"))

    assert match(ticket) == incident


def test_a_ticket_after_the_window_or_before_the_incident_does_not_match(alice):
    with time_machine.travel(timezone.now() - timedelta(hours=1), tick=False):
        early = TicketFactory(requester=alice, network="tron")
    incident_make(network="tron", window_hours=2)

    with time_machine.travel(timezone.now() + timedelta(hours=3), tick=False):
        late = TicketFactory(requester=alice, network="tron")
        assert match(late) is None
    assert match(early) is None


def test_a_resolved_incident_matches_nothing(alice):
    incident = incident_make(network="tron")
    Incident.objects.filter(pk=incident.pk).update(status=IncidentStatus.RESOLVED)

    assert match(TicketFactory(requester=alice, network="tron")) is None


def test_matching_reads_the_open_incidents_once_then_none(alice, django_assert_num_queries):
    incident_make(network="tron")
    ticket = TicketFactory(requester=alice, network="tron")

    with django_assert_num_queries(1):
        first = match(ticket)
    with django_assert_num_queries(0):
        again = match(ticket)

    assert first == again is not None


def test_a_new_incident_is_matched_at_once(alice):
    earlier = TicketFactory(requester=alice, network="tron")
    assert match(earlier) is None  # the (empty) open incidents are now cached

    incident = incident_make(network="tron")

    assert match(TicketFactory(requester=alice, network="tron")) == incident


@pytest.mark.parametrize(
    ("network", "category_slug", "hours_later"),
    [
        ("tron", "withdrawal", 1),
        ("tron", "deposit", 1),
        ("ethereum", "withdrawal", 1),
        ("", "withdrawal", 1),
        ("tron", "withdrawal", 30),
        ("tron", "withdrawal", -1),
    ],
)
def test_the_cached_match_and_the_query_agree(alice, network, category_slug, hours_later):
    """The rule is written twice (a query for pages, a predicate over the cached incidents for
    submissions): both give the same answer on each side of every condition."""
    from walletdesk.incidents.selectors import TicketIncident, incident_for_ticket

    incident_make(network="tron", category=category("withdrawal"), window_hours=24)
    incident_make(network="", category=None, window_hours=6, title_en="Any")
    ticket = TicketFactory(
        requester=alice,
        network=network,
        category=category(category_slug),
    )
    Ticket = type(ticket)
    Ticket.objects.filter(pk=ticket.pk).update(
        created_at=timezone.now() + timedelta(hours=hours_later)
    )
    ticket.refresh_from_db()

    found = incident_for_ticket(ticket=ticket)
    queried = found.incident if isinstance(found, TicketIncident) else None

    assert match(ticket) == queried


def test_a_submission_is_told_its_incident_without_being_linked(alice):
    from walletdesk.submissions.drafts import TicketSubmission
    from walletdesk.submissions.services import ticket_submit
    from walletdesk.tickets.drafts import TicketDraft

    incident = incident_make(network="tron", category=category("withdrawal"))
    draft = TicketDraft(
        category=category("withdrawal"),
        subject="USDT 提现没到账",
        description="两小时前提现 100 USDT，还没到。",
        network="tron",
        asset="USDT",
        address="TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE",
        amount=Decimal("100"),
    )

    outcome = ticket_submit(TicketSubmission(channel=Door.WEB, requester=alice, draft=draft))

    assert outcome.incident == incident
    assert not IncidentLink.objects.exists()
    assert incident_for_ticket(ticket=outcome.ticket).incident == incident  # type: ignore[union-attr]


# --- opening -------------------------------------------------------------------------------


def test_a_lead_opens_an_incident_in_both_languages_and_it_is_audited(lead):
    incident = incident_open(
        author=lead,
        title_zh="TRON 拥堵",
        title_en="TRON congested",
        description_zh="提现延迟。",
        description_en="Withdrawals delayed.",
        network="tron",
        window_hours=12,
    )

    assert incident.status == IncidentStatus.OPEN
    assert incident.matches_until == incident.opened_at + timedelta(hours=12)
    assert AuditEvent.objects.filter(kind="incident_opened", target=str(incident.pk)).exists()


def test_both_languages_are_required(lead):
    with pytest.raises(IncidentError) as refused:
        incident_open(
            author=lead, title_zh="", title_en="t", description_zh="d", description_en="d"
        )

    assert refused.value.code == IncidentError.Code.INCIDENT_TEXT_MISSING
    assert not Incident.objects.exists()


def test_a_plain_agent_cannot_open_answer_or_resolve(carol, lead):
    incident = incident_make(author=lead)

    with pytest.raises(IncidentError) as opening:
        incident_open(
            author=carol, title_zh="z", title_en="e", description_zh="z", description_en="e"
        )
    with pytest.raises(IncidentError) as replying:
        incident_reply_all(incident=incident, author=carol, body_zh="z", body_en="e")
    with pytest.raises(IncidentError) as resolving:
        incident_resolve(incident=incident, author=carol, body_zh="z", body_en="e")

    codes = {opening.value.code, replying.value.code, resolving.value.code}
    assert codes == {IncidentError.Code.NOT_INCIDENT_LEAD}
    assert not IncidentUpdate.objects.exists()
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.OPEN


def test_an_administrator_leads_incidents(dave):
    incident = incident_open(
        author=dave, title_zh="z", title_en="e", description_zh="z", description_en="e"
    )

    assert incident.opened_by == dave


# --- links ----------------------------------------------------------------------------------


def test_a_ticket_links_to_one_incident_only(carol, alice, lead):
    first, second = incident_make(author=lead), incident_make(author=lead, title_en="Other")
    ticket = TicketFactory(requester=alice)

    incident_link(incident=first, ticket=ticket, agent=carol)
    with pytest.raises(IncidentError) as refused:
        incident_link(incident=second, ticket=ticket, agent=carol)

    assert refused.value.code == IncidentError.Code.ALREADY_LINKED
    assert IncidentLink.objects.get(ticket=ticket).incident == first
    assert ticket.events.filter(kind=TicketEvent.Kind.INCIDENT_LINKED).count() == 1


def test_unlinking_records_an_event_and_stops_the_suggestion(carol, alice, lead):
    incident = incident_make(author=lead, network="ethereum")
    ticket = TicketFactory(requester=alice, network="ethereum")
    assert incident_for_ticket(ticket=ticket) == incident_for_ticket(ticket=ticket)
    assert not incident_for_ticket(ticket=ticket).linked  # type: ignore[union-attr]
    incident_link(incident=incident, ticket=ticket, agent=carol, how=IncidentLink.How.SUGGESTED)
    assert incident_for_ticket(ticket=ticket).linked  # type: ignore[union-attr]

    incident_unlink(ticket=ticket, agent=carol)

    assert not IncidentLink.objects.exists()
    unlinked = ticket.events.get(kind=TicketEvent.Kind.INCIDENT_UNLINKED)
    assert unlinked.from_value == str(incident.pk)
    assert incident_for_ticket(ticket=ticket) is None


def test_an_agent_of_another_team_cannot_link(alice, lead):
    from walletdesk.accounts.tests.factories import AgentFactory

    outsider = AgentFactory(teams=[TeamFactory()])
    incident = incident_make(author=lead)
    ticket = TicketFactory(requester=alice)

    with pytest.raises(TicketError) as refused:
        incident_link(incident=incident, ticket=ticket, agent=outsider)

    assert refused.value.code == TicketError.Code.NOT_IN_TEAM
    assert not IncidentLink.objects.exists()


def test_a_resolved_incident_takes_no_new_links(carol, alice, lead):
    incident = incident_make(author=lead)
    Incident.objects.filter(pk=incident.pk).update(status=IncidentStatus.RESOLVED)
    incident.refresh_from_db()

    with pytest.raises(IncidentError) as refused:
        incident_link(incident=incident, ticket=TicketFactory(requester=alice), agent=carol)

    assert refused.value.code == IncidentError.Code.INCIDENT_RESOLVED


# --- reply to all ---------------------------------------------------------------------------


def _linked(incident, *requesters, status=Status.OPEN):
    tickets = [TicketFactory(requester=r, status=status) for r in requesters]
    for ticket in tickets:
        link_make(incident, ticket)
    return tickets


def test_reply_to_all_reaches_each_ticket_once_in_its_language_even_when_rerun(
    lead, alice, bob, django_capture_on_commit_callbacks
):
    incident = incident_make(author=lead)
    zh_ticket, en_ticket, new_ticket = _linked(incident, alice, bob, alice)
    new_ticket.status = Status.NEW
    new_ticket.save(update_fields=["status"])

    with django_capture_on_commit_callbacks() as queued:
        update = incident_reply_all(
            incident=incident,
            author=lead,
            body_zh="正在处理，资金安全。",
            body_en="On it; funds are safe.",
        )
    assert len(queued) == 1  # the delivery task, once the update is stored
    assert update.targets == 3
    assert incident_update_deliver(update_id=update.pk, batch_size=2) is True
    assert incident_update_deliver(update_id=update.pk, batch_size=2) is False
    # A worker that died after posting and before finishing runs the whole update again.
    IncidentUpdate.objects.filter(pk=update.pk).update(finished_at=None)
    assert incident_update_deliver(update_id=update.pk) is False
    incident_update_deliver(update_id=update.pk)

    assert list(zh_ticket.messages.values_list("body", flat=True)) == ["正在处理，资金安全。"]
    assert list(en_ticket.messages.values_list("body", flat=True)) == ["On it; funds are safe."]
    assert IncidentDelivery.objects.filter(update=update, refused="").count() == 3
    for ticket in (zh_ticket, en_ticket, new_ticket):
        replied = ticket.events.filter(kind=TicketEvent.Kind.AGENT_REPLIED)
        assert replied.count() == 1
        inapp = Notification.objects.filter(ticket=ticket, channel=Channel.INAPP)
        assert list(inapp.values_list("kind", flat=True)) == [Kind.AGENT_REPLIED]
    new_ticket.refresh_from_db()
    assert new_ticket.status == Status.OPEN  # the status machine's first reply
    assert AuditEvent.objects.filter(kind="incident_replied", target=str(incident.pk)).exists()


def test_one_language_is_used_for_both(lead, alice, bob):
    incident = incident_make(author=lead)
    zh_ticket, en_ticket = _linked(incident, alice, bob)

    update = incident_reply_all(incident=incident, author=lead, body_zh="", body_en="Fixed soon.")
    incident_update_deliver(update_id=update.pk)

    assert zh_ticket.messages.get().body == "Fixed soon."
    assert en_ticket.messages.get().body == "Fixed soon."


def test_a_closed_linked_ticket_gets_no_reply_and_is_listed(lead, alice):
    incident = incident_make(author=lead)
    (closed,) = _linked(incident, alice, status=Status.CLOSED)

    update = incident_reply_all(incident=incident, author=lead, body_zh="好", body_en="ok")
    incident_update_deliver(update_id=update.pk)

    assert not closed.messages.exists()
    assert IncidentDelivery.objects.get(update=update, ticket=closed).refused


def test_reply_to_all_asking_for_a_recovery_phrase_is_held_back(lead, alice):
    incident = incident_make(author=lead)
    _linked(incident, alice)

    with pytest.raises(TicketError) as refused:
        incident_reply_all(incident=incident, author=lead, body_zh="", body_en=ASKS_FOR_PHRASE)

    assert refused.value.code == TicketError.Code.SECRET_REQUEST
    assert not IncidentUpdate.objects.exists()
    assert not Message.objects.exists()
    assert SecretCatch.objects.filter(user=lead).exists()


def test_an_empty_reply_is_refused(lead):
    incident = incident_make(author=lead)

    with pytest.raises(IncidentError) as refused:
        incident_reply_all(incident=incident, author=lead, body_zh=" ", body_en="")

    assert refused.value.code == IncidentError.Code.UPDATE_MISSING


# --- resolve --------------------------------------------------------------------------------


def test_resolving_resolves_what_the_status_machine_allows_and_lists_the_rest(lead, alice, bob):
    incident = incident_make(author=lead)
    (open_ticket,) = _linked(incident, alice)
    (waiting,) = _linked(incident, bob, status=Status.WAITING_ON_CUSTOMER)
    (closed,) = _linked(incident, alice, status=Status.CLOSED)

    update = incident_resolve(
        incident=incident, author=lead, body_zh="已恢复。", body_en="Back to normal."
    )
    incident_update_deliver(update_id=update.pk)

    incident.refresh_from_db()
    assert incident.status == IncidentStatus.RESOLVED
    assert incident.resolved_at is not None
    for ticket in (open_ticket, waiting, closed):
        ticket.refresh_from_db()
    assert open_ticket.status == waiting.status == Status.RESOLVED
    assert open_ticket.messages.get().body == "已恢复。"
    assert waiting.messages.get().body == "Back to normal."
    assert closed.status == Status.CLOSED
    refusal = IncidentDelivery.objects.get(update=update, ticket=closed).refused
    assert "closed" in refusal.lower() or "关闭" in refusal
    assert list(
        Notification.objects.filter(ticket=waiting, channel=Channel.INAPP).values_list(
            "kind", flat=True
        )
    ) == [Kind.RESOLVED]
    assert AuditEvent.objects.filter(kind="incident_resolved", target=str(incident.pk)).exists()


def test_an_incident_is_resolved_once(lead):
    incident = incident_make(author=lead)
    incident_resolve(incident=incident, author=lead, body_zh="好", body_en="ok")

    with pytest.raises(IncidentError) as refused:
        incident_resolve(incident=incident, author=lead, body_zh="好", body_en="ok")

    assert refused.value.code == IncidentError.Code.INCIDENT_RESOLVED
    assert IncidentUpdate.objects.count() == 1


def test_a_ticket_linked_after_an_update_does_not_get_it(lead, alice):
    incident = incident_make(author=lead)
    update = incident_reply_all(incident=incident, author=lead, body_zh="好", body_en="ok")
    (later,) = _linked(incident, alice)

    incident_update_deliver(update_id=update.pk)

    assert not later.messages.exists()


def test_a_stalled_delivery_is_found_by_the_sweep_and_a_progressing_one_is_not(lead, alice):
    from walletdesk.incidents.services import incident_updates_stalled

    incident = incident_make(author=lead)
    _linked(incident, alice, alice, alice)
    update = incident_reply_all(incident=incident, author=lead, body_zh="好", body_en="ok")
    later = timezone.now() + timedelta(minutes=6)

    assert incident_updates_stalled() == []
    assert incident_updates_stalled(now=later) == [update.pk]
    with time_machine.travel(later, tick=False):
        incident_update_deliver(update_id=update.pk, batch_size=1)  # progress: a heartbeat
    assert incident_updates_stalled(now=later + timedelta(minutes=1)) == []
    incident_update_deliver(update_id=update.pk)
    assert incident_updates_stalled(now=later + timedelta(hours=1)) == []  # finished


def test_the_sweep_runs_on_the_beat(settings):
    from walletdesk.incidents.tasks import incident_updates_sweep_task

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert incident_updates_sweep_task.name in scheduled
