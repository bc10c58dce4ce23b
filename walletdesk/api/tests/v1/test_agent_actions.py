"""The agent API reaches what the console does, with the same services and the same refusals;
a list of the console's ticket actions fails when the console gains one the API lacks."""

from typing import Any

import pytest
from django.urls import get_resolver

from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.api.tests.helpers import token_client
from walletdesk.macros.models import Macro
from walletdesk.queues.models import BulkJob
from walletdesk.tickets.models import Priority, Status, Tag, Ticket, TicketEvent, TicketTag
from walletdesk.tickets.tests.factories import TeamFactory, TicketFactory

pytestmark = pytest.mark.django_db

# Console route name -> the agent API route that does the same (None: says why not).
PARITY = {
    "console:start": "api:v1-agent-ticket-start",
    "console:assign": "api:v1-agent-ticket-assign",
    "console:reply": "api:v1-agent-ticket-reply",
    "console:request-info": "api:v1-agent-ticket-request-info",
    "console:resolve": "api:v1-agent-ticket-resolve",
    "console:close": "api:v1-agent-ticket-close",
    "console:reopen": "api:v1-agent-ticket-reopen",
    "console:reject": "api:v1-agent-ticket-reject",
    "console:priority": "api:v1-agent-ticket-priority",
    "console:category": "api:v1-agent-ticket-category",
    "console:tag": "api:v1-agent-ticket-tags",
    "console:macros": "api:v1-agent-ticket-macro-apply",
    "console:merge": "api:v1-agent-ticket-merge",
    "console:redact": "api:v1-agent-ticket-redact",
    "console:message-redact": "api:v1-agent-message-redact",
    "console:attachment-remove": "api:v1-agent-attachment-remove",
    "console:reveal": "api:v1-agent-ticket-reveal",
    "console:availability": "api:v1-agent-availability",
    "console:view-save": "api:v1-agent-views",
    "console:bulk-start": "api:v1-agent-bulk",
    "console:bulk-progress": "api:v1-agent-bulk-job",
    "console:ticket-incident": "api:v1-agent-incident-links",
    "console:answers": "api:v1-agent-ticket-answers",
    # Page furniture, not actions: the page itself, its lazy on-chain block, its heartbeat.
    "console:detail": "api:v1-agent-ticket",
    "console:onchain": None,
    "console:presence": None,
}


def _names(prefix: str) -> set[str]:
    resolver = get_resolver()
    return {
        f"{prefix}:{name}"
        for name in resolver.namespace_dict[prefix][1].reverse_dict
        if isinstance(name, str)
    }


def _console_ticket_routes() -> set[str]:
    """The console's routes under tickets/<reference>/ (the ticket page and its actions)."""
    found = set()
    for name, entries in get_resolver().namespace_dict["console"][1].reverse_dict.items():
        if isinstance(name, str) and any("tickets/" in str(e[0][0][0]) for e in [entries]):
            found.add(f"console:{name}")
    return found


def test_every_console_ticket_action_has_its_api_endpoint() -> None:
    missing = sorted(_console_ticket_routes() - set(PARITY))
    assert missing == [], (
        f"the console gained actions the API lacks (add them to PARITY): {missing}"
    )
    assert {v for v in PARITY.values() if v} <= _names("api")


@pytest.fixture
def lead(carol: Any) -> Any:
    return carol


def test_take_prioritise_and_resolve_as_the_console_does(carol: Any, alice_ticket: Ticket) -> None:
    client = token_client(carol)
    ref = alice_ticket.reference

    taken = client.post(f"/api/v1/agent/tickets/{ref}/start", format="json")
    raised = client.post(
        f"/api/v1/agent/tickets/{ref}/priority", {"priority": Priority.URGENT}, format="json"
    )
    resolved = client.post(
        f"/api/v1/agent/tickets/{ref}/resolve", {"body": "已处理"}, format="json"
    )
    again = client.post(f"/api/v1/agent/tickets/{ref}/resolve", format="json")

    assert (taken.status_code, raised.status_code, resolved.status_code) == (200, 200, 200)
    assert resolved.json()["status"] == Status.RESOLVED
    assert again.status_code == 409
    assert again.json()["code"] == "transition_not_allowed"
    kinds = set(alice_ticket.events.values_list("kind", flat=True))
    assert {TicketEvent.Kind.ASSIGNED, TicketEvent.Kind.PRIORITY_CHANGED} <= kinds


def test_a_refusal_speaks_the_callers_language(carol: Any, alice_ticket: Ticket) -> None:
    client = token_client(carol)
    client.post(f"/api/v1/agent/tickets/{alice_ticket.reference}/close", format="json")

    answer = client.post(
        f"/api/v1/agent/tickets/{alice_ticket.reference}/close",
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert answer.status_code == 409
    assert "无法" in answer.json()["message"] or "不能" in answer.json()["message"]


def test_tags_category_and_reopen(carol: Any, alice_ticket: Ticket) -> None:
    Tag.objects.create(slug="scam-wave", name_zh="诈骗潮", name_en="Scam wave")
    client = token_client(carol)
    ref = alice_ticket.reference

    catalogue = client.get("/api/v1/agent/tags").json()
    added = client.post(f"/api/v1/agent/tickets/{ref}/tags", {"tag": "scam-wave"}, format="json")
    unknown = client.post(f"/api/v1/agent/tickets/{ref}/tags", {"tag": "nope"}, format="json")
    removed = client.post(
        f"/api/v1/agent/tickets/{ref}/tags/remove", {"tag": "scam-wave"}, format="json"
    )
    moved = client.post(
        f"/api/v1/agent/tickets/{ref}/category", {"category": "deposit"}, format="json"
    )
    bad_category = client.post(
        f"/api/v1/agent/tickets/{ref}/category", {"category": "nope"}, format="json"
    )
    client.post(f"/api/v1/agent/tickets/{ref}/close", format="json")
    reopened = client.post(f"/api/v1/agent/tickets/{ref}/reopen", {"reason": "more"}, format="json")

    assert [t["slug"] for t in catalogue] == ["scam-wave"]
    assert [t["slug"] for t in added.json()] == ["scam-wave"]
    assert unknown.status_code == 400
    assert removed.json() == []
    assert not TicketTag.objects.filter(ticket=alice_ticket).exists()
    assert moved.status_code == 200
    assert bad_category.status_code == 400
    assert reopened.status_code == 200
    assert reopened.json()["status"] == Status.OPEN


def test_a_plain_member_cannot_take_a_colleagues_ticket(alice: Any) -> None:
    team = TeamFactory()
    owner = AgentFactory(teams=[team])
    member = AgentFactory(teams=[team])
    ticket = TicketFactory(requester=alice, team=team, assignee=owner, status=Status.OPEN)

    answer = token_client(member).post(
        f"/api/v1/agent/tickets/{ticket.reference}/assign",
        {"assignee": str(member.pk)},
        format="json",
    )

    assert answer.status_code == 403
    assert answer.json()["code"] == "not_supervisor"
    ticket.refresh_from_db()
    assert ticket.assignee == owner


def test_a_saved_reply_is_sent_once_per_key_with_its_changes(
    carol: Any, alice_ticket: Ticket
) -> None:
    macro = Macro.objects.create(
        title_zh="已到账",
        title_en="Arrived",
        body_zh="您好，{{ reference }} 已处理。",
        body_en="Hello, {{ reference }} is done.",
        set_priority=Priority.LOW,
    )
    client = token_client(carol)
    url = f"/api/v1/agent/tickets/{alice_ticket.reference}/macros/{macro.pk}/apply"

    preview = client.post(url, {"send": False}, format="json")
    sent = client.post(url, {}, format="json", HTTP_IDEMPOTENCY_KEY="m1")
    replayed = client.post(url, {}, format="json", HTTP_IDEMPOTENCY_KEY="m1")

    assert alice_ticket.reference in preview.json()["body"]
    assert preview.json()["message"] is None
    assert sent.status_code == 201
    assert replayed["Idempotent-Replayed"] == "true"
    assert alice_ticket.messages.count() == 1
    alice_ticket.refresh_from_db()
    assert alice_ticket.priority == Priority.LOW


def test_merge_within_one_requester_and_never_across(carol: Any, alice: Any, bob: Any) -> None:
    first = TicketFactory(requester=alice, status=Status.OPEN)
    second = TicketFactory(requester=alice, status=Status.OPEN)
    bobs = TicketFactory(requester=bob, status=Status.OPEN)
    client = token_client(carol)

    across = client.post(
        f"/api/v1/agent/tickets/{second.reference}/merge", {"into": bobs.reference}, format="json"
    )
    merged = client.post(
        f"/api/v1/agent/tickets/{second.reference}/merge",
        {"into": first.reference},
        format="json",
        HTTP_IDEMPOTENCY_KEY="g1",
    )

    assert across.status_code == 400
    assert across.json()["code"] == "merge_other_requester"
    assert merged.status_code == 200
    assert merged.json()["reference"] == first.reference
    second.refresh_from_db()
    assert second.merged_into_id == first.pk


def test_availability_views_and_bulk(carol: Any) -> None:
    tickets = [TicketFactory(status=Status.OPEN) for _ in range(3)]
    client = token_client(carol)

    away = client.post("/api/v1/agent/availability", {"away": True}, format="json").json()
    back = client.post("/api/v1/agent/availability", {"away": False}, format="json").json()
    saved = client.post(
        "/api/v1/agent/views",
        {"name": "Urgent", "query": "priority=4", "shared": True},
        format="json",
    )
    listed = client.get("/api/v1/agent/views").json()
    started = client.post(
        "/api/v1/agent/bulk",
        {"action": "close", "tickets": [t.reference for t in tickets], "reason": "wave"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="b1",
    )
    job = client.get(f"/api/v1/agent/bulk/{started.json()['id']}").json()
    bad = client.post(
        "/api/v1/agent/bulk",
        {"action": "priority", "tickets": [tickets[0].reference]},
        format="json",
    )

    assert (away["away"], back["away"]) == (True, False)
    assert saved.status_code == 201
    assert [v["name"] for v in listed] == ["Urgent"]
    assert started.status_code == 202
    assert (job["state"], job["done"], job["refused"]) == (BulkJob.State.FINISHED, 3, 0)
    assert bad.status_code == 400
    assert bad.json()["code"] == "bad_parameter"
    assert all(Ticket.objects.get(pk=t.pk).status == Status.CLOSED for t in tickets)


def test_customers_learn_nothing(alice: Any, alice_ticket: Ticket) -> None:
    client = token_client(alice)
    for path in ("start", "resolve", "close", "tags", "merge"):
        answer = client.post(
            f"/api/v1/agent/tickets/{alice_ticket.reference}/{path}", {}, format="json"
        )
        assert answer.status_code == 404, path
    assert client.get("/api/v1/agent/macros").status_code == 404


def test_an_agent_reply_retried_with_its_key_is_sent_once(carol: Any, alice_ticket: Ticket) -> None:
    client = token_client(carol)
    url = f"/api/v1/agent/tickets/{alice_ticket.reference}/replies"

    first = client.post(url, {"body": "正在核查"}, format="json", HTTP_IDEMPOTENCY_KEY="r1")
    retry = client.post(url, {"body": "正在核查"}, format="json", HTTP_IDEMPOTENCY_KEY="r1")
    other = client.post(url, {"body": "别的内容"}, format="json", HTTP_IDEMPOTENCY_KEY="r1")

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json()["id"] == first.json()["id"]
    assert other.status_code == 422
    assert alice_ticket.messages.count() == 1
