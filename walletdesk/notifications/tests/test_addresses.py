from django.test import override_settings

from walletdesk.notifications.addresses import (
    reply_token_parse,
    ticket_reply_address,
)


def test_reply_address_round_trips_to_the_reference(alice_ticket):
    address = ticket_reply_address(alice_ticket)

    assert reply_token_parse(address) == alice_ticket.reference


def test_parser_accepts_a_display_name_and_changed_case(alice_ticket):
    address = ticket_reply_address(alice_ticket)

    assert reply_token_parse(f"IM 钱包 <{address.upper()}>") == alice_ticket.reference


def test_forged_signature_is_refused(alice_ticket):
    address = ticket_reply_address(alice_ticket)
    local, _at, domain = address.partition("@")
    forged = local[:-1] + ("0" if local[-1] != "0" else "1") + "@" + domain

    assert reply_token_parse(forged) is None


def test_address_for_another_reference_is_refused(alice_ticket):
    address = ticket_reply_address(alice_ticket)
    other = "wd-222222" if alice_ticket.reference != "WD-222222" else "wd-333333"
    local, _at, domain = address.partition("@")
    tampered = f"reply+{other}.{local.rpartition('.')[2]}@{domain}"

    assert reply_token_parse(tampered) is None


def test_signature_depends_on_the_secret_key(alice_ticket):
    address = ticket_reply_address(alice_ticket)

    with override_settings(SECRET_KEY="another-key-" * 5):
        assert reply_token_parse(address) is None


def test_garbage_parses_to_none():
    for value in ["", "support@example.com", "reply+@x", "reply+wd-abc.def@x", "not an address"]:
        assert reply_token_parse(value) is None


@override_settings(NOTIFICATIONS_REPLY_DOMAIN="Mail.Example.COM")
def test_reply_domain_is_configurable(alice_ticket):
    assert ticket_reply_address(alice_ticket).endswith("@mail.example.com")
