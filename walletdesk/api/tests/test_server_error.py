"""A failure inside the API answers in the API's shape, never the HTML error page."""

from typing import Any

import pytest
from django.test import Client, RequestFactory

from walletdesk.core.views import server_error

pytestmark = pytest.mark.django_db


def _broken(*args: Any, **kwargs: Any) -> list[Any]:
    raise RuntimeError("the database went away")


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Something failed on our side"), ("zh-hans", "我们这边出了问题")],
)
def test_an_unexpected_failure_is_json_in_the_callers_language(
    monkeypatch: pytest.MonkeyPatch, language: str, message: str
) -> None:
    monkeypatch.setattr("walletdesk.api.v1.catalogue.category_list_active", _broken)
    client = Client(raise_request_exception=False)

    response = client.get("/api/v1/categories", HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == "server_error"
    assert message in body["message"]
    assert "RuntimeError" not in response.content.decode()


def test_a_page_failure_is_still_the_html_page(rf: RequestFactory) -> None:
    response = server_error(rf.get("/tickets/new/"))

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert "Something went wrong" in response.content.decode()
