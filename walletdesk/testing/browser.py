"""Chromium through Playwright against the live server, for every app's browser tests.

One Playwright driver and one Chromium for the whole run (starting them is the slowest
step; two drivers in one thread cannot coexist), a fresh context (cookies, language, screen
size) per test. Test modules use these fixtures by name and import only the helpers.
"""

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    Playwright,
    ViewportSize,
    expect,
    sync_playwright,
)

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AgentFactory, UserFactory
from walletdesk.testing.second_factor import totp_code

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# next to one unless told that this is a test process doing it on purpose.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# Debian's Chromium: Playwright's own browser downloads are not used.
CHROMIUM = os.environ.get("WALLETDESK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
PASSWORD = "correct horse battery"

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1366, "height": 900}

# The zone the browser reports (accounts take it on their first page): the site's default
# unless a test says otherwise, so times read the same whatever the machine's zone is.
BROWSER_TIME_ZONE = "Asia/Shanghai"

# Waits are short: everything runs on loopback, and a slow page is itself a finding.
TIMEOUT_MS = 8_000
_INTENDED_STATUS = re.compile(r"Failed to load resource: .* status of (400|409)\b")


@dataclass(frozen=True)
class Lang:
    """One of the two languages a journey is walked in."""

    code: str  # Django's language code, saved on users
    locale: str  # the browser's locale, which sets Accept-Language

    @property
    def is_zh(self) -> bool:
        return self.code == "zh-hans"

    def t(self, zh: str, en: str) -> str:
        """The text a person reading this language should see."""
        return zh if self.is_zh else en


ZH = Lang("zh-hans", "zh-CN")
EN = Lang("en", "en-US")


@pytest.fixture
def _seed_data(transactional_db: None) -> None:
    """A live-server test's database: the root conftest already put the seeded categories
    and reasons back after the previous test's flush; depend on this to say so."""


@pytest.fixture(params=[ZH, EN], ids=["zh", "en"])
def lang(request: pytest.FixtureRequest) -> Lang:
    """Walk the journey once in Simplified Chinese and once in English."""
    chosen: Lang = request.param
    return chosen


# Session scope: Playwright's sync API keeps an event loop running in this thread, and a
# second driver cannot start beside it. pytest-django runs live-server tests after every
# test that uses the database inside a transaction, so only transactional and database-free
# tests run beside the loop; DJANGO_ALLOW_ASYNC_UNSAFE (above) lets the ORM work there.
@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    """One Chromium for all browser tests."""
    chromium = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def new_context(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """Open isolated browser contexts (a phone for the user, a desktop for the agent)."""
    opened: list[BrowserContext] = []

    def open_context(
        *,
        lang: Lang,
        viewport: ViewportSize = PHONE,
        timezone_id: str = BROWSER_TIME_ZONE,
        javascript: bool = True,
    ) -> BrowserContext:
        context = browser.new_context(
            java_script_enabled=javascript,
            locale=lang.locale,
            timezone_id=timezone_id,
            viewport=viewport,
            extra_http_headers={"Accept-Language": f"{lang.locale},{lang.code};q=0.9"},
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.on("page", _watch_for_errors)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


@pytest.fixture
def phone(new_context: Callable[..., BrowserContext], lang: Lang) -> Page:
    """The wallet user's phone, in the test's language."""
    return new_context(lang=lang, viewport=PHONE).new_page()


@pytest.fixture
def desktop(new_context: Callable[..., BrowserContext], lang: Lang) -> Page:
    """The agent's desktop, in the test's language."""
    return new_context(lang=lang, viewport=DESKTOP).new_page()


def _watch_for_errors(page: Page) -> None:
    """A Content-Security-Policy violation or a script error is a bug even if nothing
    visible breaks: collect them so tests can assert there were none."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def on_console(message: ConsoleMessage) -> None:
        # A 400 or 409 answer to bad input is intended; Chromium still logs it as an error.
        if message.type == "error" and not _INTENDED_STATUS.search(message.text):
            errors.append(message.text)

    page.on("console", on_console)
    page.js_errors = errors  # type: ignore[attr-defined]


def js_errors(page: Page) -> list[str]:
    return list(page.js_errors)  # type: ignore[attr-defined]


def shoot(page: Page, lang: Lang, name: str) -> None:
    """Save <lang>-<page>.png for people to look at; never compared automatically."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{lang.code}-{name}.png"), full_page=True)


@pytest.fixture
def customer(lang: Lang) -> User:
    """A verified wallet user whose saved language is the test's language."""
    user: User = UserFactory.create(email=f"wallet-{lang.code}@example.com", language=lang.code)
    return user


@pytest.fixture
def agent(lang: Lang) -> User:
    user: User = AgentFactory.create(
        email=f"agent-{lang.code}@walletdesk.example", language=lang.code
    )
    return user


def sign_in(page: Page, base_url: str, user: User, password: str = PASSWORD) -> None:
    """Sign in through the real login form, as a person would, with the code of their
    authenticator app when the account has two-step verification (staff always do)."""
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=username], input[name=email]").first.fill(user.email)
    page.locator("input[name=password]").fill(password)
    page.locator("form:has(input[name=password]) button[type=submit]").first.click()
    page.wait_for_load_state()
    if "/accounts/login/verify/" in page.url:
        page.locator("input[name=code]").fill(totp_code(user))
        page.locator("form:has(input[name=code]) button[type=submit]").click()
        page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, page.url


_HAN = re.compile(r"[\u4e00-\u9fff]")


def expect_in_language(locator: Locator, lang: Lang) -> None:
    """Interface text (a badge, a heading) reads in the page's language: Chinese characters
    in zh-hans, none in English. Use it only where no user-written text is mixed in."""
    if lang.is_zh:
        expect(locator).to_have_text(_HAN)
    else:
        expect(locator).not_to_have_text(_HAN)


def expect_help_footer(page: Page, lang: Lang) -> None:
    """Every portal page carries the way back to help at its foot."""
    footer = page.locator("footer.site-footer")
    expect(footer.get_by_role("link", name=lang.t("帮助 / 支持", "Help / Support"))).to_be_visible()
