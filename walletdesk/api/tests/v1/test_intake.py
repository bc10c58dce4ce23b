import time

import pytest
from django.urls import reverse

from walletdesk.api.v1 import intake as intake_api
from walletdesk.core.ratelimit import Limit
from walletdesk.guard.models import SecretCatch
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.tests.factories import TicketFactory

URL = "/api/v1/intake/check"
PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"
EVM_ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"


def test_url_is_under_api_v1() -> None:
    assert reverse("api:v1-intake-check") == URL


@pytest.mark.django_db
def test_anonymous_caller_gets_a_report(client) -> None:
    response = client.post(
        URL,
        {"category": "deposit", "network": "TRON", "tx_hash": "xyz", "asset": "USDT"},
        content_type="application/json",
    )

    assert response.status_code == 200
    body = response.json()
    assert body["problems"] == [
        {
            "field": "tx_hash",
            "code": "invalid_tx_hash",
            "message": body["problems"][0]["message"],
            "blocking": True,
        }
    ]
    # Chinese by default: the network is named as the database names it in Chinese.
    assert "波场" in body["problems"][0]["message"]
    assert 0 < body["score"] < 100
    assert {m["item"] for m in body["missing"]} >= {"tx_hash", "address"}
    assert body["flags"] == []
    assert not Ticket.objects.exists()


@pytest.mark.django_db
def test_messages_follow_the_requested_language(client) -> None:
    response = client.post(
        URL,
        {"category": "deposit", "network": "tron", "address": EVM_ADDRESS},
        content_type="application/json",
        headers={"accept-language": "en"},
    )

    problem = response.json()["problems"][0]
    assert problem["code"] == "wrong_network"
    assert "you chose TRON" in problem["message"]


@pytest.mark.django_db
def test_secret_is_a_warning_in_a_200_and_nothing_is_stored(client) -> None:
    response = client.post(
        URL,
        {"category": "other", "description": f"my seed phrase: {PHRASE}"},
        content_type="application/json",
    )

    assert response.status_code == 200
    secrets = response.json()["secrets"]
    assert [(s["field"], s["code"], s["kind"]) for s in secrets] == [
        ("description", "secret_detected", "recovery_phrase")
    ]
    assert "abandon" not in response.content.decode()
    assert not SecretCatch.objects.exists()


@pytest.mark.django_db
def test_unknown_category_and_oversized_fields_are_400_with_codes(client) -> None:
    response = client.post(
        URL, {"category": "nope", "subject": "x" * 201}, content_type="application/json"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"]["category"][0]["code"] == "unknown_category"
    assert body["errors"]["subject"][0]["code"] == "max_length"


@pytest.mark.django_db
def test_rate_limit_answers_429_with_retry_after(client, monkeypatch) -> None:
    monkeypatch.setattr(intake_api, "ANONYMOUS_LIMIT", Limit("intake-test", 2, 60))
    data = {"category": "other"}

    answers = [client.post(URL, data, content_type="application/json") for _ in range(3)]

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert int(answers[2]["Retry-After"]) >= 1
    assert answers[2].json()["code"] == "rate_limited"


@pytest.mark.django_db
def test_signed_in_caller_needs_csrf_and_gets_the_poisoning_flag(alice, bob) -> None:
    from django.test import Client

    TicketFactory(requester=alice, network="ethereum", address=EVM_ADDRESS)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    draft = {
        "category": "withdrawal",
        "network": "ethereum",
        "address": "0x5290" + "0" * 32 + "9EE7",
    }

    refused = browser.post(URL, draft, content_type="application/json")
    browser.get(reverse("portal:list"))
    token = browser.cookies["csrftoken"].value
    allowed = browser.post(
        URL, draft, content_type="application/json", headers={"x-csrftoken": token}
    )

    assert refused.status_code == 403
    assert [f["code"] for f in allowed.json()["flags"]] == ["address_poisoning"]


@pytest.mark.django_db
def test_bob_cannot_see_alices_ticket(bob, alice_ticket, client) -> None:
    """The check never reveals another user's addresses: bob's draft is compared with his own."""
    alice_ticket.address = EVM_ADDRESS
    alice_ticket.save()
    client.force_login(bob)
    draft = {
        "category": "withdrawal",
        "network": "ethereum",
        "address": "0x5290" + "0" * 32 + "9EE7",
    }

    response = client.post(URL, draft, content_type="application/json")
    page = client.get(reverse("portal:detail", args=[alice_ticket.reference]))

    assert response.json()["flags"] == []
    assert page.status_code == 404


@pytest.mark.django_db
def test_five_kilobyte_description_is_checked_quickly(client) -> None:
    description = ("提现一直显示处理中，交易所说已经发出。Withdrawal pending for hours. " * 90)[
        :5000
    ]
    data = {"category": "withdrawal", "network": "tron", "description": description}
    client.post(URL, data, content_type="application/json")  # warm the wordlists

    started = time.perf_counter()
    response = client.post(URL, data, content_type="application/json")
    elapsed = time.perf_counter() - started

    assert response.status_code == 200
    assert response.json()["secrets"] == []
    # Generous bound for a shared CI machine; bench/bench_intake.py measures the p95 properly.
    assert elapsed < 0.5
