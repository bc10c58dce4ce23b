"""The interactive API docs render in Chromium under our Content-Security-Policy: the
vendored Swagger UI starts from its script file, loads the schema and shows the operations,
with nothing blocked and no script error."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.testing.browser import DESKTOP, Lang, js_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# drf-spectacular's page carries a small inline <style> (box-sizing, the page's margin and
# background). style-src 'self' blocks it, and Chromium reports that; the page still works,
# since Swagger UI's own stylesheet is a file and applies (checked below). So the policy stays
# strict for /api/docs/ too, and that one report is the only one expected.
BLOCKED_INLINE_STYLE = (
    "Applying inline style violates the following Content Security Policy directive 'style-src"
)


def test_api_docs_render_swagger_ui_under_our_csp(
    live_server: LiveServer, new_context: Callable[..., BrowserContext], lang: Lang
) -> None:
    page = new_context(lang=lang, viewport=DESKTOP).new_page()

    response = page.goto(f"{live_server.url}/api/docs/")

    assert response is not None
    assert response.status == 200
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("WalletDesk API")
    # An operation of the schema rendered, not just the page's frame.
    expect(page.locator("#operations-tickets-tickets_list_mine")).to_be_visible()
    # Swagger UI's own stylesheet applied (a blocked stylesheet leaves the blocks unstyled).
    assert page.locator(".opblock").first.evaluate("e => getComputedStyle(e).borderRadius") != "0px"
    errors = js_errors(page)
    assert [e for e in errors if "script" in e.lower()] == []
    assert [e for e in errors if not e.startswith(BLOCKED_INLINE_STYLE)] == []
