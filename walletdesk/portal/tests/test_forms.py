"""The ticket form: a category's fields are built once and shared, and sharing changes nothing."""

import pytest
from django.utils import translation

from walletdesk.networks.models import Network
from walletdesk.portal.forms import TicketForm
from walletdesk.tickets.tests.factories import category

pytestmark = pytest.mark.django_db

ETH_HASH = "0x" + "ab" * 32


def test_forms_of_one_category_share_their_fields_and_another_category_has_its_own():
    withdrawal, account = category("withdrawal"), category("account")

    first, second = TicketForm(category=withdrawal), TicketForm(category=withdrawal)
    other = TicketForm(category=account)

    assert first.fields["subject"] is second.fields["subject"]
    assert "tx_hash" in first.fields
    assert "tx_hash" not in other.fields
    assert first.fields is not second.fields  # each form may reorder or drop its own


def test_a_bound_form_with_errors_leaves_the_shared_fields_as_they_were():
    withdrawal = category("withdrawal")
    shared = TicketForm(category=withdrawal).fields
    before = {name: (f.required, dict(f.widget.attrs), f.help_text) for name, f in shared.items()}

    refused = TicketForm(
        {"subject": "", "network": "ethereum", "tx_hash": "0x1234"}, category=withdrawal
    )
    assert not refused.is_valid()
    refused.add_error("description", "marked")
    str(refused)  # rendered with its errors

    after = {
        name: (f.required, dict(f.widget.attrs), f.help_text)
        for name, f in TicketForm(category=withdrawal).fields.items()
    }
    assert after == before
    assert "subject" in refused.errors
    assert "tx_hash" in refused.errors


def test_a_value_cleaning_rewrites_is_written_to_the_form_s_own_copy_once():
    withdrawal = category("withdrawal")
    data = {
        "subject": "提现未到账",
        "description": "提现未到账，请帮忙查询。",
        "network": "ethereum",
        "tx_hash": f"  {ETH_HASH.upper().replace('0X', '0x')}  ",
        "address": " 0x52908400098527886E0F7030069857D2E4169EE7 ",
    }

    form = TicketForm(data, category=withdrawal)
    form.is_valid()

    assert form.data is not data
    assert data["address"].startswith(" ")  # the request's own data is untouched
    assert form.data["address"] == "0x52908400098527886E0F7030069857D2E4169EE7"
    assert form.data["tx_hash"].strip() == form.data["tx_hash"]


def test_the_fields_follow_the_language_and_the_network_catalogue():
    withdrawal = category("withdrawal")
    with translation.override("en"):
        english = TicketForm(category=withdrawal)
        english_label = english.fields["subject"].label
    with translation.override("zh-hans"):
        chinese = TicketForm(category=withdrawal)
        chinese_label = chinese.fields["subject"].label
    assert english_label == "Subject"
    assert chinese_label != english_label

    Network.objects.filter(slug="ethereum").update(name_en="Ethereum mainnet")
    from walletdesk.core.catalogues import Catalogue

    Catalogue.forget_all()
    with translation.override("en"):
        renamed = TicketForm(category=withdrawal)
    assert ("ethereum", "Ethereum mainnet") in list(renamed.fields["network"].choices)
