"""A finished ticket explains itself on the portal; a resubmission continues the case."""

from decimal import Decimal

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from walletdesk.attachments.models import Attachment
from walletdesk.attachments.selectors import attachment_get_for_user
from walletdesk.tickets import services
from walletdesk.tickets.models import Status
from walletdesk.tickets.reminders import tickets_waiting_close
from walletdesk.tickets.tests.factories import MessageFactory, TicketFactory, reason

pytestmark = pytest.mark.django_db


def _file(ticket, uploader, name="record.png", message=None):
    return Attachment.objects.create(
        ticket=ticket,
        message=message,
        uploader=uploader,
        kind="png",
        display_name=name,
        storage_key=f"attachments/aa/{name}",
        size=1,
        sha256="0" * 64,
    )


def _rejected(alice, carol, **extra):
    original = TicketFactory(requester=alice, **extra)
    return services.ticket_reject(
        ticket=original, agent=carol, reason=reason("incomplete_information"), message="请补充哈希"
    )


def test_closed_for_no_answer_says_why_and_offers_a_reply_without_a_rating(client, alice, carol):
    ticket = TicketFactory(requester=alice, status=Status.OPEN)
    services.ticket_request_info(ticket=ticket, agent=carol, body="请提供交易哈希")
    tickets_waiting_close(now=timezone.now() + timezone.timedelta(days=60))
    client.force_login(alice)

    html = client.get(reverse("portal:detail", args=[ticket.reference])).content.decode()

    assert "因未收到您的回复，工单已关闭" in html
    assert "在下方回复，工单将重新打开" in html
    assert 'id="reply"' in html
    # Support asked a question, so an agent worked it: rating is offered.
    assert 'id="rate"' in html


def test_closed_unanswered_ticket_asks_for_no_rating(client, alice, carol):
    ticket = services.ticket_close(ticket=TicketFactory(requester=alice), actor=carol)
    client.force_login(alice)

    html = client.get(reverse("portal:detail", args=[ticket.reference])).content.decode()

    assert "已由客服关闭" in html
    assert 'id="rate"' not in html


def test_resolved_and_closed_ticket_says_when_in_english(client, alice, carol):
    ticket = TicketFactory(requester=alice, status=Status.OPEN)
    services.ticket_reply_add(ticket=ticket, author=carol, body="done")
    services.ticket_resolve(ticket=ticket, actor=carol)
    services.ticket_close(ticket=ticket, actor=carol)
    alice.language = "en"
    alice.save(update_fields=["language"])
    client.force_login(alice)

    html = client.get(reverse("portal:detail", args=[ticket.reference])).content.decode()

    assert "Resolved on" in html
    assert "Reply below and the ticket reopens" in html


def test_a_new_ticket_after_a_closed_one_names_it(client, alice):
    earlier = TicketFactory(requester=alice, status=Status.CLOSED)
    client.force_login(alice)

    html = client.get(
        reverse("portal:create", args=["withdrawal"]) + f"?follows={earlier.reference}"
    ).content.decode()

    assert f"接续工单 {earlier.reference}" in html


def test_resubmission_form_prefills_the_amount_as_written(client, alice, carol):
    original = _rejected(alice, carol, amount=Decimal("1250"))
    client.force_login(alice)

    html = client.get(reverse("portal:resubmit", args=[original.reference])).content.decode()

    assert 'value="1250"' in html
    assert "1250.0" not in html


def test_resubmission_shows_the_earlier_thread_and_files(client, alice, carol, bob):
    original = _rejected(alice, carol, description="原来的描述")
    MessageFactory(ticket=original, author=carol, author_role="agent", body="公开的回复")
    MessageFactory(
        ticket=original, author=carol, author_role="agent", body="内部备注", is_internal=True
    )
    old_file = _file(original, alice, "old.png")
    new = services.ticket_open(
        requester=alice,
        draft=services.TicketDraft.from_ticket(original),
        resubmission_of=original,
    )
    client.force_login(alice)

    html = client.get(reverse("portal:detail", args=[new.reference])).content.decode()

    assert f"此前：{original.reference}" in html
    assert "原来的描述" in html
    assert "公开的回复" in html
    assert "内部备注" not in html
    assert reverse("attachments:download", args=[old_file.pk]) in html
    # Served to the same people as before: its requester, never another customer.
    assert attachment_get_for_user(user=alice, attachment_id=old_file.pk) == old_file
    with pytest.raises(Http404):
        attachment_get_for_user(user=bob, attachment_id=old_file.pk)


def test_resubmission_page_runs_a_fixed_number_of_queries(
    client, alice, carol, django_assert_num_queries
):
    original = _rejected(alice, carol)
    new = services.ticket_open(
        requester=alice,
        draft=services.TicketDraft.from_ticket(original),
        resubmission_of=original,
    )
    client.force_login(alice)
    url = reverse("portal:detail", args=[new.reference])
    client.get(url)
    MessageFactory.create_batch(2, ticket=original)

    # session, user, ticket, thread, earlier thread, files, mark seen, the bell's unread count,
    # and the incident notice (one, linked or matched)
    with django_assert_num_queries(9) as small:
        client.get(url)
    MessageFactory.create_batch(20, ticket=original)
    MessageFactory.create_batch(20, ticket=new)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)


def test_console_shows_the_earlier_thread_with_internal_notes(client, alice, carol):
    original = _rejected(alice, carol)
    MessageFactory(
        ticket=original, author=carol, author_role="agent", body="内部备注", is_internal=True
    )
    old_file = _file(original, alice, "old.png")
    new = services.ticket_open(
        requester=alice,
        draft=services.TicketDraft.from_ticket(original),
        resubmission_of=original,
    )
    client.force_login(carol)

    html = client.get(reverse("console:detail", args=[new.reference])).content.decode()

    assert f"此前：{original.reference}" in html
    assert "内部备注" in html
    assert reverse("attachments:download", args=[old_file.pk]) in html
