"""A customer may not take the desk's own names, names that look like them, or a staff
member's display name: e-mails and notifications show the name alone. Staff may."""

import pytest
from django.urls import reverse

from walletdesk.accounts.errors import AccountError
from walletdesk.accounts.services import user_profile_update
from walletdesk.api.tests.helpers import token_client

pytestmark = pytest.mark.django_db

REFUSED = [
    "客服",
    "官方",
    "管理员",
    "官方客服 小王",
    "Support",
    "support",
    "S u p p o r t",
    "Support!",
    "ｓｕｐｐｏｒｔ",  # full-width
    "Ѕuрроrt",  # Cyrillic S, p, o
    "Supp0rt",
    "ΑDMIN",  # Greek capital alpha
    "Admin",
    "Official",
    "Staff",
    "WalletDesk",
    "Wallet-Desk Team",
    "WalletDesk Support",
    "IM Wallet",
    "i.m. wallet",
    "IM 钱包",
    "ＩＭ钱包",
]

ALLOWED = ["Alice Wang", "李明", "Badminton fan", "Staffordshire", "Amin", "Supportive Sam"]


def _save(user, name: str):
    return user_profile_update(user=user, display_name=name, language="en", time_zone="UTC")


@pytest.mark.parametrize("name", REFUSED)
def test_a_customer_may_not_take_a_reserved_name_or_a_look_alike(alice, name) -> None:
    with pytest.raises(AccountError) as caught:
        _save(alice, name)

    assert caught.value.code == AccountError.Code.DISPLAY_NAME_RESERVED
    assert caught.value.params["fields"] == ["display_name"]
    alice.refresh_from_db()
    assert alice.display_name == "Alice"


@pytest.mark.parametrize("name", ALLOWED)
def test_ordinary_names_are_kept(alice, name) -> None:
    assert _save(alice, name).display_name == name


@pytest.mark.parametrize("name", ["Carol", "carol", "ＣＡＲＯＬ", "С a r o l"])
def test_a_customer_may_not_take_an_active_agents_name(alice, carol, name) -> None:
    with pytest.raises(AccountError) as caught:
        _save(alice, name)

    assert caught.value.code == AccountError.Code.DISPLAY_NAME_RESERVED


def test_a_former_agents_name_is_free(alice, carol) -> None:
    carol.is_active = False
    carol.save(update_fields=["is_active"])

    assert _save(alice, "Carol").display_name == "Carol"


def test_staff_may_use_reserved_names(carol, dave) -> None:
    assert _save(carol, "客服 Carol").display_name == "客服 Carol"
    assert _save(dave, "Admin").display_name == "Admin"
    # An agent keeping their own name is no clash with themselves.
    assert _save(carol, "Carol").display_name == "Carol"


def test_the_profile_page_tells_it_on_the_field_and_keeps_what_was_typed(bob, client) -> None:
    client.force_login(bob)

    response = client.post(
        reverse("accounts:profile"),
        {"display_name": "官方客服", "language": "en", "time_zone": "Europe/Berlin"},
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["display_name"] == [
        "This name is kept for the support team. Choose another display name."
    ]
    page = response.content.decode()
    assert 'value="官方客服"' in page
    assert "Europe/Berlin" in page
    bob.refresh_from_db()
    assert (bob.display_name, bob.time_zone) == ("Bob", "Asia/Shanghai")


def test_the_profile_page_says_it_in_chinese(alice, client) -> None:
    client.force_login(alice)

    response = client.post(
        reverse("accounts:profile"),
        {"display_name": "Support", "language": "zh-hans", "time_zone": "UTC"},
    )

    assert response.status_code == 400
    assert "此名称为客服团队保留，请换一个显示名称。" in response.content.decode()


def test_the_api_refuses_a_reserved_name_on_the_field(alice, carol) -> None:
    response = token_client(alice).patch("/api/v1/me", {"display_name": "Ｃarol"}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "display_name_reserved"
    assert body["fields"] == ["display_name"]
    alice.refresh_from_db()
    assert alice.display_name == "Alice"


def test_the_api_lets_staff_keep_a_reserved_name(carol) -> None:
    response = token_client(carol).patch("/api/v1/me", {"display_name": "Support"}, format="json")

    assert response.status_code == 200
    assert response.json()["display_name"] == "Support"


def test_a_name_kept_from_before_the_rule_does_not_block_other_changes(alice) -> None:
    alice.display_name = "Support"
    alice.save(update_fields=["display_name"])

    response = token_client(alice).patch("/api/v1/me", {"language": "en"}, format="json")

    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.language == "en"
