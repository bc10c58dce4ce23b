"""The upload script learns where a form submission redirects to; nothing else changes."""

import json

import pytest
from django.http import HttpResponse, HttpResponseRedirect
from django.test import RequestFactory

from walletdesk.attachments.middleware import UploadRedirectMiddleware


def answer(response: HttpResponse, **headers: str) -> HttpResponse:
    request = RequestFactory().post("/tickets/new/deposit/", headers=headers)
    return UploadRedirectMiddleware(lambda _request: response)(request)


@pytest.mark.parametrize("redirect", [301, 302, 303])
def test_a_redirect_sent_by_the_upload_script_answers_json(redirect: int) -> None:
    response = HttpResponseRedirect("/tickets/WD-ABCDEF/submitted/")
    response.status_code = redirect
    answered = answer(response, **{"X-WalletDesk-Upload": "1"})
    assert answered.status_code == 200
    assert answered["Content-Type"] == "application/json"
    assert json.loads(answered.content) == {"redirect": "/tickets/WD-ABCDEF/submitted/"}


def test_a_redirect_without_the_header_is_left_alone() -> None:
    response = HttpResponseRedirect("/tickets/WD-ABCDEF/submitted/")
    assert answer(response) is response
    assert answer(response, **{"X-WalletDesk-Upload": "0"}) is response


def test_other_answers_to_the_upload_script_are_left_alone() -> None:
    page = HttpResponse("form with errors", status=400)
    assert answer(page, **{"X-WalletDesk-Upload": "1"}) is page
