"""Shared saved replies are curated in the administration, through the same checks."""

import pytest
from django.urls import reverse

from walletdesk.guard.models import SecretCatch
from walletdesk.macros.models import Macro

pytestmark = pytest.mark.django_db

URL = reverse("admin:macros_macro_add")


@pytest.fixture
def admin_client(client, dave):
    client.force_login(dave)
    return client


def _form(**fields) -> dict[str, str]:
    values = {
        "title_zh": "已收到",
        "title_en": "Received",
        "body_zh": "{{ name }}您好",
        "body_en": "Hi {{ name }}",
        "set_priority": "",
        "is_active": "on",
    }
    values.update(fields)
    return values


def test_an_admin_adds_a_shared_reply(admin_client) -> None:
    response = admin_client.post(URL, _form())

    assert response.status_code == 302
    macro = Macro.objects.get()
    assert macro.shared


def test_a_reply_asking_for_a_secret_is_refused_and_recorded(admin_client, dave) -> None:
    response = admin_client.post(URL, _form(body_en="Send us your private key to verify."))

    assert response.status_code == 200
    assert "客服从不索要这些" in response.content.decode()  # dave reads Chinese
    assert not Macro.objects.exists()
    assert SecretCatch.objects.get().user_id == dave.pk


def test_an_unknown_placeholder_is_refused(admin_client) -> None:
    response = admin_client.post(URL, _form(body_zh="{{ 姓名 }} {{ nam }}"))

    assert response.status_code == 200
    assert "{{ nam }}" in response.content.decode()
    assert not Macro.objects.exists()
