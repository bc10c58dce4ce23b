"""Saved replies: what may be saved, how they are filled in, what sending one changes."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from walletdesk.accounts.tests.factories import AdminFactory, AgentFactory
from walletdesk.guard.models import SecretCatch
from walletdesk.macros.errors import MacroError
from walletdesk.macros.models import Macro
from walletdesk.macros.selectors import macro_get_for_agent, macro_list_for_agent
from walletdesk.macros.services import (
    PLACEHOLDERS,
    macro_after_reply,
    macro_check,
    macro_render,
    macro_save,
)
from walletdesk.tickets.models import Priority, Status
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

TX = "0x" + "ab" * 32
ASKS = MacroError.Code.ASKS_FOR_SECRET
PHRASE = (
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
)


def _macro(**fields) -> Macro:
    values = {
        "title_zh": "充值延迟",
        "title_en": "Deposit delayed",
        "body_zh": "{{ name }}，您好：工单 {{ reference }} 已收到。",
        "body_en": "Hi {{ name }}, we have ticket {{ reference }}.",
    }
    values.update(fields)
    return Macro(**values)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"title_zh": "", "title_en": " "}, MacroError.Code.TITLE_MISSING),
        ({"body_zh": "", "body_en": "  "}, MacroError.Code.REPLY_MISSING),
        ({"body_en": "Hi {{ nmae }}"}, MacroError.Code.UNKNOWN_PLACEHOLDER),
        ({"body_zh": f"示例：{PHRASE}"}, MacroError.Code.CONTAINS_SECRET),
        (
            {"body_en": "Please send us your recovery phrase to verify."},
            MacroError.Code.ASKS_FOR_SECRET,
        ),
        ({"body_zh": "请提供您的助记词以便核实。"}, MacroError.Code.ASKS_FOR_SECRET),
        (
            {"body_en": "Install AnyDesk so we can look at your wallet."},
            MacroError.Code.ASKS_FOR_SECRET,
        ),
        ({"body_zh": "请把谷歌验证码发给我们。"}, MacroError.Code.ASKS_FOR_SECRET),
    ],
)
def test_a_macro_that_cannot_go_out_is_refused(fields, code) -> None:
    agent = AgentFactory()

    with pytest.raises(MacroError) as refused:
        macro_save(macro=_macro(owner=agent, **fields), author=agent)

    assert refused.value.code == code
    assert not Macro.objects.exists()


def test_a_request_for_a_secret_is_recorded_against_its_author() -> None:
    agent = AgentFactory()

    with pytest.raises(MacroError):
        macro_save(macro=_macro(owner=agent, body_en="Send your seed phrase."), author=agent)

    catch = SecretCatch.objects.get()
    assert catch.user_id == agent.pk
    assert catch.kinds
    assert all(kind.startswith("asks_for_") for kind in catch.kinds)


def test_the_unknown_placeholder_is_named_with_the_known_ones() -> None:
    with pytest.raises(MacroError) as refused:
        macro_check(macro=_macro(body_en="{{ explorer }} {{ name }}"), author=None)

    assert "{{ explorer }}" in refused.value.message
    assert "{{ explorer_link }}" in refused.value.message


def test_agents_save_their_own_and_only_admins_shared_ones() -> None:
    agent, other, admin = AgentFactory(), AgentFactory(), AdminFactory()

    mine = macro_save(macro=_macro(owner=agent), author=agent)
    shared = macro_save(macro=_macro(owner=None, title_en="Shared"), author=admin)
    for macro in (_macro(owner=None), _macro(owner=other)):
        with pytest.raises(MacroError) as refused:
            macro_save(macro=macro, author=agent)
        assert refused.value.code == MacroError.Code.NOT_YOURS

    assert {m.pk for m in macro_list_for_agent(user=agent)} == {mine.pk, shared.pk}
    assert {m.pk for m in macro_list_for_agent(user=other)} == {shared.pk}
    with pytest.raises(MacroError):
        macro_get_for_agent(user=other, macro_id=mine.pk)
    with pytest.raises(MacroError):
        macro_get_for_agent(user=other, macro_id="not-an-id")


def test_filled_in_for_the_ticket_in_the_requesters_language(alice) -> None:
    alice.display_name = "小王"
    alice.save()
    ticket = TicketFactory(requester=alice, network="ethereum", tx_hash=TX)
    macro = _macro(
        body_zh="{{ name }}您好，{{ reference }} 在 {{ network }} 上：{{ explorer_link }}，"
        "预计 {{ expected_date }} 前回复。",
        body_en="Hi {{ name }}",
    )

    text = macro_render(macro=macro, ticket=ticket)

    assert text.startswith("小王您好，" + ticket.reference + " 在 以太坊")
    assert TX in text
    assert "{{" not in text
    alice.language = "en"
    alice.save()
    assert macro_render(macro=macro, ticket=ticket) == "Hi 小王"


def test_an_empty_language_falls_back_to_the_other(alice) -> None:
    alice.language = "en"
    alice.save()
    ticket = TicketFactory(requester=alice, tx_hash="")
    macro = _macro(body_en="", body_zh="链接：{{ explorer_link }}。")

    assert macro_render(macro=macro, ticket=ticket) == "链接：。"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="{}"), max_size=200))
def test_text_without_placeholders_is_sent_exactly_as_written(body) -> None:
    ticket = TicketFactory.build(reference="WD-ABCDEF", tx_hash="", network="")
    ticket.requester = AgentFactory.build()
    macro = Macro(title_en="t", body_en=body, body_zh=body)

    assert macro_render(macro=macro, ticket=ticket) == body


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(PLACEHOLDERS), st.sampled_from(["", ".__class__", "!r", "[0]", ":>9"]))
def test_a_placeholder_never_runs_anything(name, suffix) -> None:
    ticket = TicketFactory.build(reference="WD-ABCDEF", tx_hash="", network="")
    ticket.requester = AgentFactory.build(display_name="N")
    body = "{{ " + name + suffix + " }}"
    macro = Macro(title_en="t", body_en=body, body_zh=body)

    text = macro_render(macro=macro, ticket=ticket)

    # Only the plain word is a placeholder; anything else stays text, never evaluated.
    assert ("class" in text) == (suffix == ".__class__")
    assert text == body if suffix else "{{" not in text


def test_sending_makes_its_changes_and_counts_the_use(alice) -> None:
    agent = AgentFactory()
    ticket = TicketFactory(requester=alice, status=Status.OPEN, assignee=agent)
    macro = macro_save(
        macro=_macro(owner=agent, set_priority=Priority.HIGH, resolve=True), author=agent
    )

    assert macro_after_reply(macro=macro, ticket=ticket, agent=agent) == []

    ticket.refresh_from_db()
    macro.refresh_from_db()
    assert (ticket.priority, ticket.status) == (Priority.HIGH, Status.RESOLVED)
    assert macro.uses == 1
    assert macro.last_used_at is not None


def test_sending_adds_its_tag_once(alice) -> None:
    from walletdesk.tickets.models import Tag, TicketTag

    agent = AgentFactory()
    tag = Tag.objects.create(slug="congestion", name_zh="链上拥堵", name_en="Congestion")
    ticket = TicketFactory(requester=alice, status=Status.OPEN, assignee=agent)
    macro = macro_save(macro=_macro(owner=agent, add_tag=tag), author=agent)

    assert macro_after_reply(macro=macro, ticket=ticket, agent=agent) == []
    assert macro_after_reply(macro=macro, ticket=ticket, agent=agent) == []

    assert TicketTag.objects.filter(ticket=ticket, tag=tag).count() == 1
    tag.is_active = False
    tag.save()
    other = TicketFactory(requester=alice, status=Status.OPEN, assignee=agent)
    refused = macro_after_reply(macro=macro, ticket=other, agent=agent)
    assert len(refused) == 1  # a retired tag is told, not added


def test_a_refused_change_is_told_and_the_rest_still_made(alice) -> None:
    agent = AgentFactory()
    ticket = TicketFactory(requester=alice, status=Status.CLOSED)
    macro = macro_save(
        macro=_macro(owner=agent, set_priority=Priority.URGENT, resolve=True), author=agent
    )

    refused = macro_after_reply(macro=macro, ticket=ticket, agent=agent)

    ticket.refresh_from_db()
    assert ticket.priority == Priority.URGENT
    assert ticket.status == Status.CLOSED
    assert len(refused) == 1
