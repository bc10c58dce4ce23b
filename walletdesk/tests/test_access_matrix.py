"""Every page and API endpoint that takes a ticket, file, notification or a user's own record,
tried by everyone who must not reach it: an agent of another team, the ticket's requester
(a customer, on agents' endpoints), another customer, and nobody signed in.

Each answers like a missing record (404; anonymous visitors are sent to sign in, or 401/403 on
the API), shows none of the requester's data, and changes nothing. The routes are read from the
URL configuration: a new route with a parameter fails
``test_every_route_with_a_parameter_is_in_the_matrix`` until it is given a row here (or an
exemption with its reason).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from walletdesk.accounts.models import Passkey, User
from walletdesk.accounts.tests.factories import (
    AdminFactory,
    AgentFactory,
    UserFactory,
    second_factor_enrol,
)
from walletdesk.api.tests.helpers import token_client
from walletdesk.attachments.models import Attachment
from walletdesk.attachments.storage import attachment_storage
from walletdesk.devices.services import device_token_issue
from walletdesk.inbound.models import HeldMail
from walletdesk.inbound.services import inbound_message_accept
from walletdesk.inbound.tests.mail import eml
from walletdesk.notifications.tests.factories import inapp_notification
from walletdesk.siwe.models import WalletAddress
from walletdesk.tickets.models import Category, Message, Status, TeamMembership, Ticket, TicketEvent
from walletdesk.tickets.tests.factories import MessageFactory, TeamFactory, TicketFactory

pytestmark = pytest.mark.django_db

EMAIL = "alice.matrix@example.com"
SUBJECT = "矩阵测试：提现卡住 7391"
DESCRIPTION = "Matrix description 5523: my withdrawal never arrived."
BODY = "Matrix message body 8842"
WALLET = "0x52908400098527886E0F7030069857D2E4169EE7"
FILE_NAME = "matrix-proof-3307.png"
# A new ticket mailed in another customer's name, waiting for them to confirm it on the site.
HELD_SUBJECT = "充值没有到账"
# Anything of these in an answer to someone who may not see the ticket is a leak.
LEAKS = [
    EMAIL,
    "a***@example.com",
    SUBJECT,
    DESCRIPTION,
    BODY,
    WALLET,
    "0x52…9EE7",
    FILE_NAME,
    HELD_SUBJECT,
]


@dataclass
class World:
    requester: User
    team_agent: User
    other_team_agent: User
    other_customer: User
    ticket: Ticket
    message: Message
    attachment: Attachment
    notification_id: str
    token_id: str
    address_id: str
    held_id: str
    passkey_id: str


@pytest.fixture
def world(attachment_folder) -> World:
    return _world()


def _world(lane: Category | None = None) -> World:
    """The ticket in a category of the General team, or in ``lane`` worked by its own team."""
    requester = UserFactory(email=EMAIL, display_name="Alice")
    # The ticket's team: General, or the lane's.
    team_agent = AgentFactory(display_name="Carol", teams=[lane.team] if lane else None)
    other_team_agent = AgentFactory(display_name="Oscar", teams=[TeamFactory()])
    other_customer = UserFactory(display_name="Bob")
    extra = {"category": lane} if lane else {}
    ticket = TicketFactory(
        **extra,
        requester=requester,
        subject=SUBJECT,
        description=DESCRIPTION,
        status=Status.OPEN,
        assignee=team_agent,
    )
    message = MessageFactory(ticket=ticket, body=BODY)
    key = attachment_storage().save(f"attachments/matrix/{FILE_NAME}", ContentFile(b"png"))
    attachment = Attachment.objects.create(
        ticket=ticket,
        message=message,
        uploader=requester,
        kind="png",
        display_name=FILE_NAME,
        storage_key=key,
        size=3,
        sha256="0" * 64,
    )
    WalletAddress.objects.create(
        user=requester, address=WALLET, chain_id=1, verified_at=timezone.now()
    )
    notification = inapp_notification(recipient=team_agent, ticket=ticket)
    token = device_token_issue(user=requester, name="phone")
    address = WalletAddress.objects.get(address=WALLET)
    # The held mail's sender is a customer none of the attackers is.
    UserFactory(email="alice@example.com")
    inbound_message_accept(eml("17_new_ticket_utf8.eml", signed=False))
    second_factor_enrol(requester)
    passkey = Passkey.objects.create(
        user=requester, name="Alice's key", credential_id="matrix", credential_data=b"-"
    )
    return World(
        requester=requester,
        team_agent=team_agent,
        other_team_agent=other_team_agent,
        other_customer=other_customer,
        ticket=ticket,
        message=message,
        attachment=attachment,
        notification_id=str(notification.pk),
        token_id=str(token.token.pk),
        address_id=str(address.pk),
        held_id=str(HeldMail.objects.get().pk),
        passkey_id=str(passkey.pk),
    )


# --- the matrix -----------------------------------------------------------------------------

AGENT = "agent"  # an agent of the ticket's team works it; nobody else
REQUESTER = "requester"  # the ticket's (or record's) owner, a customer
RECIPIENT = "recipient"  # the team agent's own notification
HOLDER = "holder"  # mail held for a customer who is none of the attackers
SUPERVISOR = "supervisor"  # the supervisor of the ticket's team


@dataclass(frozen=True)
class Row:
    method: str
    owner: str
    kwargs: Callable[[World], dict[str, Any]]
    data: Callable[[World], dict[str, Any]] = lambda w: {}
    api: bool = False


def _ref(w: World) -> dict[str, Any]:
    return {"reference": w.ticket.reference}


def _message(w: World) -> dict[str, Any]:
    return {"reference": w.ticket.reference, "message_id": w.message.pk}


def _file_of_ticket(w: World) -> dict[str, Any]:
    return {"reference": w.ticket.reference, "attachment_id": w.attachment.pk}


def _file(w: World) -> dict[str, Any]:
    return {"attachment_id": w.attachment.pk}


def _incident_id(w: World) -> Any:
    """An open incident to name in the URL: incidents are every agent's; the ticket is not."""
    from walletdesk.incidents.tests.factories import incident_make

    return incident_make().pk


# Form data a careless view would act on: a refusal must come from the access rule, not from
# a form error.
_REPLY = lambda w: {"body": "leak test reply"}  # noqa: E731
_ASSIGN = lambda w: {"assignee": str(w.other_team_agent.pk)}  # noqa: E731

ROWS: dict[str, Row] = {
    # Console
    "console:detail": Row("get", AGENT, _ref),
    "console:onchain": Row("get", AGENT, _ref),
    "console:answers": Row("get", AGENT, _ref),
    "console:start": Row("post", AGENT, _ref, lambda w: {"status": Status.OPEN}),
    "console:assign": Row("post", AGENT, _ref, _ASSIGN),
    "console:reply": Row("post", AGENT, _ref, _REPLY),
    # The heartbeat names who else is on a ticket: another team's agent must learn nothing.
    "console:presence": Row("post", AGENT, _ref, lambda w: {"typing": "1"}),
    "console:macros": Row("get", AGENT, _ref),
    "console:request-info": Row("post", AGENT, _ref, _REPLY),
    "console:resolve": Row("post", AGENT, _ref, _REPLY),
    "console:close": Row("post", AGENT, _ref, lambda w: {"reason": "done"}),
    "console:tag": Row("post", AGENT, _ref, lambda w: {"tag": "no-such-tag"}),
    "console:merge": Row("post", AGENT, _ref, lambda w: {"into": w.ticket.reference}),
    "console:reject": Row(
        "post", AGENT, _ref, lambda w: {"reason": "out_of_scope", "message": "No."}
    ),
    "console:reopen": Row("post", AGENT, _ref, lambda w: {"reason": "again"}),
    "console:priority": Row("post", AGENT, _ref, lambda w: {"priority": 4}),
    "console:category": Row("post", AGENT, _ref, lambda w: {"category": "deposit"}),
    "console:redact": Row("post", AGENT, _ref, lambda w: {"mode": "removed"}),
    "console:reveal": Row("post", AGENT, _ref, lambda w: {"what": "email"}),
    "console:message-redact": Row("post", AGENT, _message, lambda w: {"mode": "removed"}),
    "console:attachment-remove": Row("post", AGENT, _file_of_ticket),
    "console:ticket-incident": Row("post", AGENT, _ref, lambda w: {"unlink": "1"}),
    # Agent API
    "api:v1-agent-ticket": Row("get", AGENT, _ref, api=True),
    "api:v1-agent-ticket-answers": Row("get", AGENT, _ref, api=True),
    "api:v1-agent-ticket-reveal": Row(
        "post", AGENT, _ref, lambda w: {"what": "wallet_addresses"}, api=True
    ),
    "api:v1-agent-ticket-reply": Row("post", AGENT, _ref, _REPLY, api=True),
    # The console's other actions, through the API (api/v1/agent_actions.py).
    "api:v1-agent-ticket-start": Row("post", AGENT, _ref, api=True),
    "api:v1-agent-ticket-assign": Row("post", AGENT, _ref, _ASSIGN, api=True),
    "api:v1-agent-ticket-resolve": Row("post", AGENT, _ref, _REPLY, api=True),
    "api:v1-agent-ticket-close": Row("post", AGENT, _ref, lambda w: {"reason": "x"}, api=True),
    "api:v1-agent-ticket-reopen": Row("post", AGENT, _ref, lambda w: {"reason": "x"}, api=True),
    "api:v1-agent-ticket-priority": Row("post", AGENT, _ref, lambda w: {"priority": 4}, api=True),
    "api:v1-agent-ticket-category": Row(
        "post", AGENT, _ref, lambda w: {"category": "deposit"}, api=True
    ),
    "api:v1-agent-ticket-tags": Row("post", AGENT, _ref, lambda w: {"tag": "x"}, api=True),
    "api:v1-agent-ticket-tags-remove": Row("post", AGENT, _ref, lambda w: {"tag": "x"}, api=True),
    "api:v1-agent-ticket-merge": Row(
        "post", AGENT, _ref, lambda w: {"into": w.ticket.reference}, api=True
    ),
    "api:v1-agent-ticket-macro-apply": Row(
        "post",
        AGENT,
        lambda w: {
            "reference": w.ticket.reference,
            "macro_id": "00000000-0000-0000-0000-000000000001",
        },
        api=True,
    ),
    "api:v1-agent-ticket-request-info": Row("post", AGENT, _ref, _REPLY, api=True),
    "api:v1-agent-ticket-reject": Row(
        "post", AGENT, _ref, lambda w: {"reason": "out_of_scope", "message": "No."}, api=True
    ),
    "api:v1-agent-ticket-redact": Row("post", AGENT, _ref, lambda w: {"mode": "removed"}, api=True),
    "api:v1-agent-message-redact": Row(
        "post", AGENT, _message, lambda w: {"mode": "removed"}, api=True
    ),
    "api:v1-agent-attachment-remove": Row("post", AGENT, _file_of_ticket, api=True),
    "api:v1-agent-incident-links": Row(
        "post",
        AGENT,
        lambda w: {"incident_id": _incident_id(w)},
        lambda w: {"reference": w.ticket.reference},
        api=True,
    ),
    "api:v1-agent-incident-unlink": Row(
        "delete",
        AGENT,
        lambda w: {"incident_id": _incident_id(w), "reference": w.ticket.reference},
        api=True,
    ),
    # The requester's API
    "api:v1-ticket": Row("get", REQUESTER, _ref, api=True),
    "api:v1-ticket-reply": Row("post", REQUESTER, _ref, _REPLY, api=True),
    "api:v1-ticket-resolve": Row("post", REQUESTER, _ref, api=True),
    "api:v1-ticket-rate": Row("post", REQUESTER, _ref, lambda w: {"score": 5}, api=True),
    "api:v1-ticket-resubmit": Row("post", REQUESTER, _ref, _REPLY, api=True),
    "api:v1-attachment-download": Row("get", REQUESTER, _file, api=True),
    "api:v1-auth-token-revoke": Row(
        "delete", REQUESTER, lambda w: {"token_id": w.token_id}, api=True
    ),
    "api:v1-me-address-delete": Row(
        "delete", REQUESTER, lambda w: {"address_id": w.address_id}, api=True
    ),
    "api:v1-notification-read": Row(
        "post", RECIPIENT, lambda w: {"notification_id": w.notification_id}, api=True
    ),
    # Portal
    "portal:detail": Row("get", REQUESTER, _ref),
    "portal:submitted": Row("get", REQUESTER, _ref),
    "portal:reply": Row("post", REQUESTER, _ref, _REPLY),
    "portal:resolve": Row("post", REQUESTER, _ref),
    "portal:rate": Row("post", REQUESTER, _ref, lambda w: {"score": 5}),
    "portal:resubmit": Row("get", REQUESTER, _ref),
    # Files and notifications
    "attachments:download": Row("get", REQUESTER, _file),
    "attachments:view": Row("get", REQUESTER, _file),
    "notifications:open": Row("post", RECIPIENT, lambda w: {"notification_id": w.notification_id}),
    "portal:held": Row(
        "post", HOLDER, lambda w: {"held_id": w.held_id}, lambda w: {"decision": "decline"}
    ),
    # Supervisors' team pages
    "console:team": Row("get", SUPERVISOR, lambda w: {"slug": w.ticket.team.slug}),
    "console:team-reassign": Row(
        "post",
        SUPERVISOR,
        lambda w: {"slug": w.ticket.team.slug},
        lambda w: {"reference": w.ticket.reference, "assignee": str(w.other_team_agent.pk)},
    ),
    "console:team-reassign-bulk": Row(
        "post",
        SUPERVISOR,
        lambda w: {"slug": w.ticket.team.slug},
        lambda w: {"references": [w.ticket.reference], "assignee": str(w.other_team_agent.pk)},
    ),
    # A user's passkeys (the attackers' password is the same as the owner's)
    "accounts:two-factor-passkey-rename": Row(
        "post",
        REQUESTER,
        lambda w: {"passkey_id": w.passkey_id},
        lambda w: {f"rename-{w.passkey_id}-name": "Stolen"},
    ),
    "accounts:two-factor-passkey-remove": Row(
        "post",
        REQUESTER,
        lambda w: {"passkey_id": w.passkey_id},
        lambda w: {f"remove-{w.passkey_id}-password": "correct horse battery"},
    ),
}

# Routes with a parameter that names no ticket, file, notification or user's record, and why.
EXEMPT = {
    "accounts:verify": "a signed, expiring token is the authorisation",
    "accounts:password-reset-confirm": "a signed, expiring token is the authorisation",
    "notifications:unsubscribe": "a signed token is the authorisation (RFC 8058 one-click)",
    "portal:data-download": (
        "a signed, expiring token and its signed-in owner; another account is told so (403), "
        "tested in portal/tests/test_views_data_rights.py"
    ),
    "portal:create": "a category of the public catalogue",
    # A bulk job and a saved view are an agent's own; another agent (or anyone else) gets
    # 404 (queues/selectors.py, console/tests/views/test_bulk.py). The tickets a job lists
    # were chosen through the creator's own visibility.
    "console:bulk-job": "the creating agent's own job; anyone else 404",
    "api:v1-agent-bulk-job": "the creating agent's own job; anyone else 404",
    "console:bulk-progress": "the creating agent's own job; anyone else 404",
    "console:view-delete": "the agent's own view (shared ones: owner or administrator)",
    "portal:survey": (
        "a signed, expiring token naming one ticket is the authorisation (the resolution "
        "e-mail's survey link); it shows the reference and subject only, tested in "
        "portal/tests/test_views_survey.py and tickets/tests/test_satisfaction.py"
    ),
    # The community forum is public and holds no ticket: a held or hidden post answers 404
    # to everyone but its writer and staff, an action on it is decided by the forum's services
    # (asker or staff), the moderation pages 404 to customers; all in community/tests/.
    "community:portal-topic": "the public forum; held posts 404 but to writer and staff",
    "community:portal-topic-answer": "the public forum; posting checked by its services",
    "community:portal-topic-accept": "the public forum; the asker or staff only",
    "community:portal-topic-vote": "the public forum; a verified account, not one's own post",
    "community:portal-topic-report": "the public forum; a verified account",
    "community:portal-topic-promote": "the public forum; staff only",
    "community:portal-topic-ticket": "the asker's own question; anyone else 404",
    "community:moderation-act": "staff only; customers get 404",
    "console:community-act": (
        "the forum's moderation, any agent's (no team); customers get 404 "
        "(console/tests/views/test_community.py)"
    ),
    # Editing and deleting one's own post: anyone else, staff included, gets 404
    # (community/tests/test_edit_delete.py::test_someone_elses_edit_and_delete_pages_are_404).
    "community:portal-topic-edit": "the author's own question; anyone else 404",
    "community:portal-topic-delete": "the author's own question; anyone else 404",
    "community:portal-post-edit": "the author's own answer or reply; anyone else 404",
    "community:portal-post-delete": "the author's own answer or reply; anyone else 404",
    # The forum's API: the same selectors and services as its pages, so the same answers
    # (api/tests/v1/test_community.py: held posts, someone else's edit and delete, accepting).
    "api:v1-community-topic": "the public forum; held posts 404 but to writer and staff",
    "api:v1-community-answers": "the public forum; posting checked by its services",
    "api:v1-community-replies": "the public forum; posting checked by its services",
    "api:v1-community-post": "the author's own answer or reply to edit or delete; others 404",
    "api:v1-community-post-vote": "the public forum; a verified account, not one's own post",
    "api:v1-community-post-accept": "the public forum; the asker or staff only",
    "api:v1-community-reports": "the public forum; a verified account",
    "api:v1-community-moderation-act": "staff only; customers get 404",
    "api:v1-community-topic-promote": (
        "staff only; customers get 404 (api/tests/v1/test_community_promote_and_ticket.py)"
    ),
    "kb:portal-topic": "the public Help Center",
    "kb:portal-article": "the public Help Center",
    "kb:portal-article-vote": "the public Help Center",
    "api:v1-help-article": "the public Help Center",
    "api:v1-help-deflections": "the public Help Center",
    "api:not-found": "the API's catch-all 404",
    # An incident holds no requester's data and every agent may read it; customers get 404
    # and only leads may answer or resolve (incidents/tests/test_pages.py, api/tests/v1/
    # test_incidents.py). Its linked tickets are listed by the reader's own visibility.
    "console:incident": "an incident is every agent's; customers get 404",
    "console:report-export": "the parameter is the file format; reports/tests test who reads",
    "console:export": "an export is its owner's alone (views/test_exports.py)",
    "console:export-download": "an export is its owner's alone (views/test_exports.py)",
    "console:incident-reply": "an incident is every agent's; only leads may answer",
    "console:incident-resolve": "an incident is every agent's; only leads may resolve",
    "api:v1-agent-incident": "an incident is every agent's; customers get 404",
    "api:v1-agent-incident-reply": "an incident is every agent's; only leads may answer",
    "api:v1-agent-incident-resolve": "an incident is every agent's; only leads may resolve",
}

OTHER_TEAM_AGENT = "other_team_agent"
CUSTOMER = "requester"
OTHER_CUSTOMER = "other_customer"
ANONYMOUS = "anonymous"


def _routes(
    patterns: list[Any], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(
                pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace
            )
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            yield (f"{namespace}:{pattern.name}" if namespace else str(pattern.name)), route


def _parametrised_routes() -> dict[str, str]:
    return {
        name: route
        for name, route in _routes(get_resolver().url_patterns)
        # The admin site is staff-only by Django's own permission checks.
        if ("<" in route or "(?P<" in route) and not name.startswith("admin:")
    }


def test_every_route_with_a_parameter_is_in_the_matrix() -> None:
    routes = _parametrised_routes()

    missing = sorted(set(routes) - set(ROWS) - set(EXEMPT))
    stale = sorted((set(ROWS) | set(EXEMPT)) - set(routes))

    assert missing == [], f"add these routes to ROWS (or EXEMPT, with the reason): {missing}"
    assert stale == [], f"these rows name no route any more: {stale}"


def _attackers(owner: str) -> list[str]:
    # The requester may use their own records; on an agent's endpoint they are one more
    # customer who must learn nothing.
    everyone = [OTHER_TEAM_AGENT, CUSTOMER, OTHER_CUSTOMER, ANONYMOUS]
    return [a for a in everyone if not (owner == REQUESTER and a == CUSTOMER)]


CASES = [
    pytest.param(name, attacker, id=f"{name}-{attacker}")
    for name, row in ROWS.items()
    for attacker in _attackers(row.owner)
]


def _person(world: World, attacker: str) -> User | None:
    return {
        OTHER_TEAM_AGENT: world.other_team_agent,
        CUSTOMER: world.requester,
        OTHER_CUSTOMER: world.other_customer,
        ANONYMOUS: None,
    }[attacker]


def _client(person: User | None, api: bool) -> Client | APIClient:
    if api:
        return token_client(person) if person is not None else APIClient()
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def _body(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _state(world: World) -> tuple[Any, ...]:
    ticket = Ticket.objects.get(pk=world.ticket.pk)
    return (
        ticket.status,
        ticket.assignee_id,
        ticket.priority,
        ticket.category_id,
        ticket.team_id,
        ticket.description,
        ticket.rating,
        Message.objects.filter(ticket=ticket).count(),
        TicketEvent.objects.filter(ticket=ticket).count(),
        Attachment.objects.get(pk=world.attachment.pk).is_removed,
        WalletAddress.objects.filter(pk=world.address_id).exists(),
        HeldMail.objects.get(pk=world.held_id).state,
        list(Passkey.objects.filter(pk=world.passkey_id).values_list("name", flat=True)),
    )


@pytest.mark.parametrize(("name", "attacker"), CASES)
def test_nobody_else_reaches_it(world, name, attacker) -> None:
    row = ROWS[name]
    url = reverse(name, kwargs=row.kwargs(world))
    person = _person(world, attacker)
    client = _client(person, row.api)
    before = _state(world)

    kwargs: dict[str, Any] = {"format": "json"} if row.api and row.method != "get" else {}
    response = getattr(client, row.method)(url, row.data(world), **kwargs)

    body = _body(response)
    if person is None:
        assert response.status_code in (302, 401, 403), response.status_code
        if response.status_code == 302:
            assert reverse("accounts:login") in response["Location"]
    else:
        assert response.status_code == 404, (response.status_code, body[:300])
    assert [leak for leak in LEAKS if leak in body] == []
    assert _state(world) == before


# --- the same endpoints do answer the people they are for (the matrix is not vacuous) ------

# Parts of the ticket page fetched on their own, which show none of the ticket's own text: the
# on-chain block and the answers at hand (articles and other tickets).
BLOCKS_WITHOUT_TICKET_TEXT = ("console:onchain", "console:answers", "api:v1-agent-ticket-answers")


@pytest.mark.parametrize(
    "name", [n for n, r in ROWS.items() if r.owner == AGENT and r.method == "get"]
)
def test_the_tickets_team_agent_reaches_it(world, name) -> None:
    row = ROWS[name]
    client = _client(world.team_agent, row.api)

    response = client.get(reverse(name, kwargs=row.kwargs(world)))

    assert response.status_code == 200
    if name not in BLOCKS_WITHOUT_TICKET_TEXT:
        assert SUBJECT in _body(response)


@pytest.mark.parametrize("name", ["attachments:download", "api:v1-attachment-download"])
def test_the_tickets_team_agent_downloads_its_files(world, name) -> None:
    row = ROWS[name]
    client = _client(world.team_agent, row.api)

    response = client.get(reverse(name, kwargs=row.kwargs(world)))

    assert response.status_code == 200
    assert _body(response) == "png"


# --- lists and search never show another team's ticket ---------------------------------------


@pytest.mark.parametrize(
    ("url", "api"),
    [
        (reverse("console:queue"), False),
        (reverse("console:queue") + "?status=open&status=new&status=resolved", False),
        (reverse("console:queue") + "?q={reference}", False),
        (reverse("console:queue") + "?q=" + EMAIL, False),
        ("/api/v1/agent/queue", True),
        ("/api/v1/agent/queue?q={reference}", True),
        (reverse("notifications:list"), False),
        ("/api/v1/notifications", True),
    ],
)
def test_another_teams_agent_finds_it_in_no_list(world, url, api) -> None:
    # The other team's agent is told of the ticket too (say it was theirs before a move).
    inapp_notification(recipient=world.other_team_agent, ticket=world.ticket)
    client = _client(world.other_team_agent, api)

    url = url.format(reference=world.ticket.reference)
    typed = url.partition("?q=")[2]

    response = client.get(url)

    # What the agent typed comes back in the search box; nothing else of the ticket may.
    body = _body(response).replace(typed, "") if typed else _body(response)
    assert response.status_code == 200
    assert world.ticket.reference not in body
    assert [leak for leak in LEAKS if leak in body] == []


# --- the security-incident lane: its team alone, administrators outside it included ----------

OTHER_TEAM_SUPERVISOR = "other_team_supervisor"
OUTSIDE_ADMIN = "outside_admin"
LANE_ATTACKERS = [OTHER_TEAM_AGENT, OTHER_TEAM_SUPERVISOR, OUTSIDE_ADMIN, OTHER_CUSTOMER, ANONYMOUS]


@pytest.fixture
def lane_world(attachment_folder) -> World:
    return _world(Category.objects.get(slug="compromised"))


def _lane_person(world: World, attacker: str) -> User | None:
    if attacker == OTHER_TEAM_SUPERVISOR:
        # The supervisor of the team every other ticket goes to.
        supervisor = AgentFactory(display_name="Gina")
        TeamMembership.objects.filter(user=supervisor).update(role=TeamMembership.Role.SUPERVISOR)
        return supervisor
    if attacker == OUTSIDE_ADMIN:
        return AdminFactory(display_name="Dora")
    return _person(world, attacker)


LANE_CASES = [
    pytest.param(name, attacker, id=f"{name}-{attacker}")
    for name, row in ROWS.items()
    for attacker in LANE_ATTACKERS + ([CUSTOMER] if row.owner != REQUESTER else [])
]


@pytest.mark.parametrize(("name", "attacker"), LANE_CASES)
def test_nobody_outside_the_security_team_reaches_a_lane_ticket(lane_world, name, attacker) -> None:
    world = lane_world
    assert world.ticket.team is not None
    assert world.ticket.team.is_restricted
    row = ROWS[name]
    url = reverse(name, kwargs=row.kwargs(world))
    person = _lane_person(world, attacker)
    client = _client(person, row.api)
    before = _state(world)

    kwargs: dict[str, Any] = {"format": "json"} if row.api and row.method != "get" else {}
    response = getattr(client, row.method)(url, row.data(world), **kwargs)

    body = _body(response)
    if person is None:
        assert response.status_code in (302, 401, 403), response.status_code
    elif name == "console:team" and attacker == OUTSIDE_ADMIN:
        # An administrator sees how many tickets the lane holds, never what they say.
        assert response.status_code == 200
        assert world.ticket.reference not in body
    else:
        assert response.status_code == 404, (response.status_code, body[:300])
    assert [leak for leak in LEAKS if leak in body] == []
    assert _state(world) == before


@pytest.mark.parametrize(
    "name", [n for n, r in ROWS.items() if r.owner == AGENT and r.method == "get"]
)
def test_the_security_team_reaches_its_lane_ticket(lane_world, name) -> None:
    row = ROWS[name]
    client = _client(lane_world.team_agent, row.api)

    response = client.get(reverse(name, kwargs=row.kwargs(lane_world)))

    assert response.status_code == 200
    if name not in BLOCKS_WITHOUT_TICKET_TEXT:
        assert SUBJECT in _body(response)


@pytest.mark.parametrize(
    ("url", "api"),
    [
        (reverse("console:queue"), False),
        (reverse("console:queue") + "?q={reference}", False),
        (reverse("console:queue") + "?q=" + EMAIL, False),
        ("/api/v1/agent/queue", True),
        ("/api/v1/agent/queue?q={reference}", True),
        (reverse("notifications:list"), False),
        ("/api/v1/notifications", True),
    ],
)
@pytest.mark.parametrize("attacker", [OTHER_TEAM_AGENT, OTHER_TEAM_SUPERVISOR, OUTSIDE_ADMIN])
def test_a_lane_ticket_is_in_no_list_outside_the_team(lane_world, url, api, attacker) -> None:
    person = _lane_person(lane_world, attacker)
    assert person is not None
    # Told of the ticket (say it was routed to them before its category changed).
    inapp_notification(recipient=person, ticket=lane_world.ticket)
    client = _client(person, api)
    url = url.format(reference=lane_world.ticket.reference)
    typed = url.partition("?q=")[2]

    response = client.get(url)

    body = _body(response).replace(typed, "") if typed else _body(response)
    assert response.status_code == 200
    assert lane_world.ticket.reference not in body
    assert [leak for leak in LEAKS if leak in body] == []
