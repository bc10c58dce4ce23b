"""The one shape of a masked requester detail (core/masking.py), and its template filter."""

import pytest
from django.template import Context, Template

from walletdesk.core.masking import mask, mask_address, mask_email


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("alice@example.com", "a***@example.com"),
        ("a@example.com", "a***@example.com"),
        ("王小明@例子.中国", "王***@例子.中国"),
        ("@example.com", "***@example.com"),
        ("no-at-sign", "n***"),
    ],
)
def test_an_email_keeps_its_first_character_and_domain(value, shown):
    assert mask_email(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("0x52908400098527886E0F7030069857D2E4169EE7", "0x52…9EE7"),
        ("TJRabPrwbZy45sbavfcjinPJC18kjpRTv8", "TJRa…RTv8"),
        ("0x1234", "…"),
        ("0x123456", "…"),
    ],
)
def test_an_address_keeps_only_its_head_and_tail(value, shown):
    assert mask_address(value) == shown


def test_mask_dispatches_by_kind_and_keeps_empty_values_empty():
    assert mask("alice@example.com", "email") == "a***@example.com"
    assert mask("0x52908400098527886E0F7030069857D2E4169EE7", "address") == "0x52…9EE7"
    assert mask("", "email") == ""
    assert mask(None, "address") == ""


def test_the_template_filter_masks_and_escapes():
    template = Template('{% load masking %}{{ e|masked:"email" }} {{ a|masked:"address" }}')

    html = template.render(
        Context({"e": "<b>@example.com", "a": "0x52908400098527886E0F7030069857D2E4169EE7"})
    )

    assert html == "&lt;***@example.com 0x52…9EE7"
