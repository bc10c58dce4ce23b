"""Setting the anti-phishing code on the profile page: saved, explained, refused clearly."""

import pytest
from django.urls import reverse

from walletdesk.accounts.errors import AccountError
from walletdesk.accounts.services import anti_phishing_code_validate
from walletdesk.guard.models import SecretCatch

pytestmark = pytest.mark.django_db

PHRASE = (
    "disease present original chapter grocery process maximum purchase possible auction "
    "produce attract"
)


def _post(client, **values):
    data = {"display_name": "Alice", "language": "zh-hans", "time_zone": "Asia/Shanghai"}
    return client.post(reverse("accounts:profile"), {**data, **values})


def test_the_profile_page_explains_the_code_in_chinese(client, alice):
    client.force_login(alice)

    page = client.get(reverse("accounts:profile")).content.decode()

    assert '<label for="id_anti_phishing_code">防钓鱼码</label>' in page
    assert "我们发出的每封邮件都会在顶部显示它" in page
    assert "您的防钓鱼码：（未设置）" in page


def test_the_profile_page_explains_the_code_in_english(client, bob):
    client.force_login(bob)

    page = client.get(reverse("accounts:profile")).content.decode()

    assert "Anti-phishing code" in page
    assert "Every e-mail from us shows it at the top" in page
    assert "Your anti-phishing code: (not set)" in page


def test_a_code_is_saved_tidied_and_shown(client, alice):
    client.force_login(alice)

    response = _post(client, anti_phishing_code="  月光   宝盒 7 ")

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.anti_phishing_code == "月光 宝盒 7"
    page = client.get(reverse("accounts:profile")).content.decode()
    assert 'value="月光 宝盒 7"' in page
    assert "您的防钓鱼码：月光 宝盒 7" in page


def test_an_empty_code_removes_it(client, alice):
    alice.anti_phishing_code = "old"
    alice.save()
    client.force_login(alice)

    assert _post(client, anti_phishing_code="").status_code == 302

    alice.refresh_from_db()
    assert alice.anti_phishing_code == ""


def test_a_code_too_long_is_refused_on_its_field_and_everything_typed_stays(client, alice):
    client.force_login(alice)
    typed = "这是一个太长太长太长太长太长太长太长太长的防钓鱼码短语"

    response = _post(client, display_name="Alice Wang", anti_phishing_code=typed)

    page = response.content.decode()
    assert response.status_code == 400
    assert "未保存：防钓鱼码只能是一行，最多 24 个字符。" in page
    assert f'value="{typed}"' in page
    assert 'value="Alice Wang"' in page
    alice.refresh_from_db()
    assert (alice.anti_phishing_code, alice.display_name) == ("", "Alice")


def test_a_recovery_phrase_as_code_is_refused_as_a_secret_never_shown_back(client, alice):
    client.force_login(alice)

    response = _post(client, anti_phishing_code=PHRASE)

    page = response.content.decode()
    assert response.status_code == 400
    assert "disease present" not in page
    assert "[已隐藏的助记词 / hidden recovery phrase]" in page
    alice.refresh_from_db()
    assert alice.anti_phishing_code == ""
    assert SecretCatch.objects.get().fields == ["anti_phishing_code"]


@pytest.mark.parametrize("code", ["a\x00b", "x" * 25, "abc\u202edef"])
def test_the_rule_refuses_control_characters_and_length(code):
    with pytest.raises(AccountError) as caught:
        anti_phishing_code_validate(code)

    assert caught.value.code == AccountError.Code.ANTI_PHISHING_CODE_INVALID


def test_the_rule_keeps_a_code_of_exactly_the_limit():
    assert anti_phishing_code_validate("码" * 24) == "码" * 24


def test_the_api_reads_sets_and_refuses_the_code_by_the_same_rule(alice):
    from walletdesk.api.tests.helpers import token_client

    client = token_client(alice)

    assert client.get("/api/v1/me").json()["anti_phishing_code"] == ""
    saved = client.patch("/api/v1/me", {"anti_phishing_code": " 蓝色 海豚 "}, format="json")
    assert saved.status_code == 200
    assert saved.json()["anti_phishing_code"] == "蓝色 海豚"

    too_long = client.patch("/api/v1/me", {"anti_phishing_code": "x" * 25}, format="json")
    assert too_long.status_code == 400
    assert too_long.json()["code"] == "anti_phishing_code_invalid"
    secret = client.patch("/api/v1/me", {"anti_phishing_code": PHRASE}, format="json")
    assert secret.status_code == 422
    assert secret.json()["fields"] == ["anti_phishing_code"]

    # A change of another field leaves the code alone.
    client.patch("/api/v1/me", {"display_name": "Alice W"}, format="json")
    alice.refresh_from_db()
    assert alice.anti_phishing_code == "蓝色 海豚"
