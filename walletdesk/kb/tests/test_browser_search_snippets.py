"""Search results on a phone show article excerpts as plain text: no markdown list markers."""

import importlib
import re

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.testing.browser import Lang, js_errors, shoot

pytestmark = pytest.mark.browser

_LIST_MARKER = re.compile(r"(^|\s)[-*+] |(^|\s)\d+[.)] ")


@pytest.fixture(autouse=True)
def _seed_articles(_seed_data: None) -> None:
    importlib.import_module("walletdesk.kb.migrations.0004_seed_articles_and_channels").seed(
        django_apps, None
    )


@pytest.mark.parametrize("query", ["提现 手续费", "充值 网络", "withdrawal fee", "deposit network"])
def test_snippets_have_no_markdown_markers(
    live_server: LiveServer, phone: Page, lang: Lang, query: str
) -> None:
    phone.goto(f"{live_server.url}/help/search/?q={query}")
    snippets = phone.locator(".kb-snippet")
    expect(snippets.first).to_be_visible()
    for text in snippets.all_inner_texts():
        assert not _LIST_MARKER.search(text), text
    shoot(phone, lang, "phone-search")
    assert js_errors(phone) == []
