"""The satisfaction survey: signed links good for one ticket, reasons from the list, a
comment read by the secret guard like every other text a user writes."""

from typing import Any

import pytest
from django.core import signing
from hypothesis import given, settings
from hypothesis import strategies as st

from walletdesk.guard.models import SecretCatch
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Status, Ticket, TicketEvent
from walletdesk.tickets.satisfaction import (
    REASON_CODES,
    SURVEY_SALT,
    reasons_clean,
    survey_ticket,
    survey_token,
)
from walletdesk.tickets.services import ticket_rate
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db
PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"


@pytest.fixture
def resolved(alice: Any) -> Ticket:
    return TicketFactory(requester=alice, status=Status.RESOLVED)


def test_a_link_names_its_ticket(resolved: Ticket) -> None:
    assert survey_ticket(survey_token(resolved)) == resolved


def test_an_altered_or_foreign_link_is_refused(resolved: Ticket, alice: Any) -> None:
    other = TicketFactory(requester=alice, status=Status.RESOLVED)
    token = survey_token(resolved)
    forged_payload = signing.dumps({"t": str(other.pk)}, salt="another.purpose")
    unsigned = token.rsplit(":", 2)[0] + ":AAAAAA:BBBBBBBB"

    for bad in (token[:-2] + "xx", forged_payload, unsigned, "", "not-a-token"):
        with pytest.raises(TicketError) as refused:
            survey_ticket(bad)
        assert refused.value.code == TicketError.Code.SURVEY_LINK_INVALID


def test_an_expired_link_is_refused(resolved: Ticket, settings: Any) -> None:
    token = survey_token(resolved)
    settings.SURVEY_LINK_VALID_FOR = -1

    with pytest.raises(TicketError) as refused:
        survey_ticket(token)
    assert refused.value.code == TicketError.Code.SURVEY_LINK_INVALID


def test_a_link_to_a_ticket_that_is_gone_is_refused(resolved: Ticket) -> None:
    token = survey_token(resolved)
    Ticket.objects.filter(pk=resolved.pk).delete()

    with pytest.raises(TicketError):
        survey_ticket(token)


@settings(max_examples=50, deadline=None)
@given(
    payload=st.one_of(st.text(max_size=40), st.integers(), st.dictionaries(st.text(), st.text()))
)
def test_no_payload_signed_for_the_survey_but_not_a_ticket_id_gets_through(payload: Any) -> None:
    token = signing.dumps(payload, salt=SURVEY_SALT)
    with pytest.raises(TicketError):
        survey_ticket(token)


def test_rating_keeps_the_reasons_in_the_surveys_order(resolved: Ticket, alice: Any) -> None:
    rated = ticket_rate(
        ticket=resolved, customer=alice, score=2, reasons=["slow", "not_solved"], comment=" 太慢 "
    )

    assert rated.rating == 2
    assert rated.rating_reasons == ["not_solved", "slow"]
    assert rated.rating_comment == "太慢"
    assert resolved.events.filter(kind=TicketEvent.Kind.RATED, to_value="2").count() == 1


def test_an_unknown_reason_is_refused(resolved: Ticket, alice: Any) -> None:
    with pytest.raises(TicketError) as refused:
        ticket_rate(ticket=resolved, customer=alice, score=4, reasons=["solved", "bribe"])

    assert refused.value.code == TicketError.Code.INVALID_RATING
    resolved.refresh_from_db()
    assert resolved.rating is None


def test_a_secret_in_the_comment_is_refused_and_nothing_is_stored(
    resolved: Ticket, alice: Any
) -> None:
    with pytest.raises(TicketError) as refused:
        ticket_rate(ticket=resolved, customer=alice, score=5, comment=f"谢谢！我的助记词 {PHRASE}")

    assert refused.value.code == TicketError.Code.SECRET_DETECTED
    resolved.refresh_from_db()
    assert resolved.rating is None
    assert resolved.rating_comment == ""
    assert SecretCatch.objects.filter(user=alice, fields=["comment"]).count() == 1


def test_a_ticket_is_rated_once(resolved: Ticket, alice: Any) -> None:
    ticket_rate(ticket=resolved, customer=alice, score=5)

    with pytest.raises(TicketError) as refused:
        ticket_rate(ticket=resolved, customer=alice, score=1)
    assert refused.value.code == TicketError.Code.NOT_RATABLE
    resolved.refresh_from_db()
    assert resolved.rating == 5


def test_someone_else_cannot_rate(resolved: Ticket, bob: Any) -> None:
    with pytest.raises(TicketError) as refused:
        ticket_rate(ticket=resolved, customer=bob, score=1)
    assert refused.value.code == TicketError.Code.NOT_REQUESTER


@given(codes=st.lists(st.sampled_from(sorted(REASON_CODES)), max_size=10))
def test_reasons_come_back_each_once_in_order(codes: list[str]) -> None:
    cleaned = reasons_clean(codes)
    assert set(cleaned) == set(codes)
    assert len(cleaned) == len(set(codes))
