"""The secret guard in every service that stores text: nothing stored, a catch recorded, never
the secret itself."""

import pytest

from walletdesk.accounts.errors import AccountError
from walletdesk.accounts.services import user_profile_update
from walletdesk.guard.models import SecretCatch
from walletdesk.tickets import services
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Message, Ticket
from walletdesk.tickets.services import TicketDraft
from walletdesk.tickets.tests.factories import category

PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"
HEX_KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"


def _draft(**overrides: object) -> TicketDraft:
    values: dict[str, object] = {
        "category": category("withdrawal"),
        "subject": "提现未到账",
        "description": "提现一直显示处理中。",
        "network": "tron",
        "asset": "USDT",
        "amount": 10,
    }
    values.update(overrides)
    return TicketDraft(**values)  # type: ignore[arg-type]


def _catch_texts() -> str:
    return repr(list(SecretCatch.objects.values()))


@pytest.mark.django_db
def test_ticket_with_a_recovery_phrase_is_refused_and_the_catch_recorded(alice) -> None:
    draft = _draft(description=f"我的助记词是 {PHRASE} 请帮我找回")

    with pytest.raises(TicketError) as caught:
        services.ticket_open(requester=alice, draft=draft)

    assert caught.value.code == TicketError.Code.SECRET_DETECTED
    assert not Ticket.objects.exists()
    catch = SecretCatch.objects.get()
    assert catch.user == alice
    assert catch.channel == "web"
    assert catch.fields == ["description"]
    assert catch.kinds == ["recovery_phrase"]
    assert "abandon" not in _catch_texts()


@pytest.mark.django_db
def test_private_key_in_the_subject_is_refused(alice) -> None:
    with pytest.raises(TicketError):
        services.ticket_open(requester=alice, draft=_draft(subject=f"私钥 {HEX_KEY}"))

    assert not Ticket.objects.exists()
    assert SecretCatch.objects.get().kinds == ["private_key"]
    assert HEX_KEY not in _catch_texts()


@pytest.mark.django_db
def test_email_channel_stores_the_ticket_masked(alice) -> None:
    draft = _draft(description=f"助记词：{PHRASE}")

    ticket = services.ticket_open(requester=alice, draft=draft, channel="email")

    assert "abandon" not in ticket.description
    assert "[已隐藏的助记词 / hidden recovery phrase]" in ticket.description
    catch = SecretCatch.objects.get()
    assert catch.was_masked
    assert catch.channel == "email"


@pytest.mark.django_db
def test_customer_reply_with_a_secret_is_refused(alice, alice_ticket) -> None:
    with pytest.raises(TicketError) as caught:
        services.ticket_reply_add(ticket=alice_ticket, author=alice, body=f"私钥是 {HEX_KEY}")

    assert caught.value.code == TicketError.Code.SECRET_DETECTED
    assert not Message.objects.exists()
    catch = SecretCatch.objects.get()
    assert catch.ticket == alice_ticket
    assert catch.fields == ["body"]
    assert not alice_ticket.events.filter(kind="customer_replied").exists()


@pytest.mark.django_db
def test_agent_reply_asking_for_the_phrase_is_held_back(carol, alice_ticket) -> None:
    body = "请提供您的助记词，以便我们核实。"

    with pytest.raises(TicketError) as caught:
        services.ticket_reply_add(ticket=alice_ticket, author=carol, body=body)

    assert caught.value.code == TicketError.Code.SECRET_REQUEST
    assert not Message.objects.exists()
    assert SecretCatch.objects.get().kinds == ["asks_for_recovery_phrase"]
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == "new"


@pytest.mark.django_db
def test_agent_warning_about_phrases_and_internal_notes_pass(carol, alice_ticket) -> None:
    services.ticket_reply_add(
        ticket=alice_ticket, author=carol, body="我们绝不会索要您的助记词，请勿告诉任何人。"
    )
    services.ticket_reply_add(
        ticket=alice_ticket, author=carol, body="ask them for the TeamViewer id?", internal=True
    )

    assert Message.objects.count() == 2
    assert not SecretCatch.objects.exists()


@pytest.mark.django_db
def test_request_info_and_closing_reply_are_guarded(carol, alice_ticket) -> None:
    services.ticket_start(ticket=alice_ticket, agent=carol)

    with pytest.raises(TicketError) as asked:
        services.ticket_request_info(
            ticket=alice_ticket, agent=carol, body="Please install AnyDesk so we can help."
        )
    with pytest.raises(TicketError) as closing:
        services.ticket_resolve(
            ticket=alice_ticket, actor=carol, body="Send us your 2FA code to finish."
        )

    assert asked.value.code == TicketError.Code.SECRET_REQUEST
    assert closing.value.code == TicketError.Code.SECRET_REQUEST
    alice_ticket.refresh_from_db()
    assert alice_ticket.status == "open"
    assert not Message.objects.exists()
    assert SecretCatch.objects.count() == 2


@pytest.mark.django_db
def test_profile_name_with_a_key_is_refused(alice) -> None:
    with pytest.raises(AccountError) as caught:
        user_profile_update(
            user=alice, display_name=f"private key {HEX_KEY}", language="en", time_zone="UTC"
        )

    assert caught.value.code == AccountError.Code.SECRET_DETECTED
    alice.refresh_from_db()
    assert alice.display_name == "Alice"
    assert alice.language == "zh-hans"
    assert SecretCatch.objects.get().fields == ["display_name"]


@pytest.mark.django_db
def test_catches_are_append_only(alice) -> None:
    from walletdesk.guard.services import secret_catch_record
    from walletdesk.tickets.models import AppendOnlyError

    catch = secret_catch_record(user=alice, channel="web", fields=["x"], kinds=["wif_key"])

    with pytest.raises(AppendOnlyError):
        catch.save()
    with pytest.raises(AppendOnlyError):
        SecretCatch.objects.all().delete()


@pytest.mark.django_db
def test_admin_lists_catches_read_only(dave, alice, client) -> None:
    from django.urls import reverse

    from walletdesk.guard.services import secret_catch_record

    secret_catch_record(user=alice, channel="web", fields=["description"], kinds=["wif_key"])
    client.force_login(dave)

    listing = client.get(reverse("admin:guard_secretcatch_changelist"))
    adding = client.get(reverse("admin:guard_secretcatch_add"))

    assert listing.status_code == 200
    assert "wif_key" in listing.content.decode()
    assert adding.status_code == 403
