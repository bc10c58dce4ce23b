"""POST /api/v1/intake/check warns about exactly what a submission is refused for: the same
guard, over every field the submission accepts, read together in the form's order."""

import itertools

import pytest
from django.test import Client
from django.urls import reverse

from walletdesk.api.tests.helpers import token_client
from walletdesk.tickets.drafts import READING_ORDER

pytestmark = pytest.mark.django_db

PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"
FIRST, SECOND = " ".join(PHRASE.split()[:6]), " ".join(PHRASE.split()[6:])
EMPTY = dict.fromkeys(READING_ORDER, "")
BASE = {"subject": "充值没有到账", "description": "从交易所提到钱包，交易所显示已完成。"}

# A whole phrase in each field, and halves in each pair of fields next to each other.
INPUTS = [{name: PHRASE} for name in READING_ORDER] + [
    {first: FIRST, second: SECOND} for first, second in itertools.pairwise(READING_ORDER)
]


def _id(values: dict[str, str]) -> str:
    return "+".join(values)


@pytest.mark.parametrize("values", INPUTS, ids=_id)
def test_intake_and_submission_agree_on_every_field(alice, values) -> None:
    # The phishing contact is asked by the security lane's form only.
    category = "compromised" if "phishing_contact" in values else "deposit"
    data = {**EMPTY, **BASE, **values, "category": category}
    web = Client()
    web.force_login(alice)

    intake = token_client(alice).post("/api/v1/intake/check", data, format="json")
    api = token_client(alice).post("/api/v1/tickets", data, format="json")
    page = web.post(reverse("portal:create", args=[category]), data)

    warned = list(dict.fromkeys(w["field"] for w in intake.json()["secrets"]))
    assert warned == list(values)
    assert (api.status_code, api.json()["code"], api.json()["fields"]) == (
        422,
        "secret_detected",
        list(values),
    )
    assert page.status_code == 400
    assert page.content.decode().count("这里有助记词或私钥，我们已将其删除。") == len(
        [name for name in values if name != "category"]
    )


def test_clean_input_gets_no_warning_and_is_accepted(alice) -> None:
    data = {**BASE, "category": "deposit", "network": "ethereum", "asset": "USDT"}

    intake = token_client(alice).post("/api/v1/intake/check", data, format="json")
    api = token_client(alice).post("/api/v1/tickets", data, format="json")

    assert intake.json()["secrets"] == []
    assert api.status_code == 201
