"""Passkeys walked in Chromium with its virtual authenticator (CDP WebAuthn domain): an agent adds
a passkey on the two-step page, signs out, and signs in with the password and the passkey; a
passkey the server refuses is told on the page and the app's code still signs in; on a phone,
in Simplified Chinese and in English.

Browsers make passkeys only for a host name, so these pages are opened as ``localhost`` (the
live server listens on 127.0.0.1) and SITE_URL says the same.
"""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, CDPSession, Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts.models import Passkey, User
from walletdesk.accounts.tests.factories import AgentFactory
from walletdesk.testing.browser import DESKTOP, EN, PASSWORD, PHONE, ZH, Lang, js_errors, shoot
from walletdesk.testing.second_factor import totp_code

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_server: LiveServer, settings) -> str:
    url = live_server.url.replace("127.0.0.1", "localhost")
    settings.SITE_URL = url
    return url


def _authenticator(page: Page) -> tuple[CDPSession, str]:
    """A platform authenticator with user verification, as a phone's screen lock is; returns
    the CDP session and the authenticator's id."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, str(added["authenticatorId"])


def _password(page: Page, site: str, user: User, lang: Lang, next_url: str = "") -> None:
    page.goto(f"{site}/accounts/login/" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label(lang.t("电子邮箱", "E-mail address")).fill(user.email)
    page.get_by_label(lang.t("密码", "Password")).fill(PASSWORD)
    page.get_by_role("button", name=lang.t("登录", "Sign in"), exact=True).click()
    expect(page).to_have_url(f"{site}/accounts/login/verify/")


def _code(page: Page, user: User, lang: Lang) -> None:
    page.get_by_label(lang.t("验证码", "Verification code")).fill(totp_code(user))
    page.get_by_role("button", name=lang.t("验证", "Verify"), exact=True).click()


def _add_passkey(page: Page, site: str, user: User, lang: Lang, name: str) -> None:
    """Sign in with the app's code and add a passkey named ``name`` on the two-step page."""
    _password(page, site, user, lang)
    _code(page, user, lang)
    page.goto(f"{site}/accounts/two-factor/")
    expect(page.get_by_role("heading", name=lang.t("通行密钥", "Passkeys"))).to_be_visible()
    expect(page.get_by_text(lang.t("尚未添加通行密钥。", "No passkey added yet."))).to_be_visible()
    page.get_by_label(lang.t("通行密钥名称", "Passkey name")).fill(name)
    page.get_by_role("button", name=lang.t("添加通行密钥", "Add a passkey")).click()
    expect(
        page.get_by_text(lang.t(f"已添加通行密钥“{name}”。", f"The passkey “{name}” was added."))
    ).to_be_visible()
    expect(page.get_by_role("heading", name=name, level=3)).to_be_visible()


def _sign_out(page: Page, lang: Lang) -> None:
    page.get_by_role("button", name=lang.t("退出", "Sign out")).click()


@pytest.mark.parametrize(("lang", "viewport"), [(ZH, DESKTOP), (EN, PHONE)], ids=["zh", "en-phone"])
def test_staff_add_a_passkey_and_sign_in_with_password_and_passkey(
    site: str, new_context: Callable[..., BrowserContext], lang: Lang, viewport
) -> None:
    agent = AgentFactory(language=lang.code)
    page = new_context(lang=lang, viewport=viewport).new_page()
    _authenticator(page)

    _add_passkey(page, site, agent, lang, lang.t("我的手机", "My phone"))
    shoot(page, lang, "passkeys-added")
    _sign_out(page, lang)
    _password(page, site, agent, lang, next_url="/console/")
    use = page.get_by_role("button", name=lang.t("使用通行密钥", "Use a passkey"))
    expect(use).to_be_visible()
    shoot(page, lang, "passkeys-sign-in")
    use.click()

    expect(page).to_have_url(f"{site}/console/")
    expect(page.get_by_role("heading", name=lang.t("工单队列", "Ticket queue"))).to_be_visible()
    passkey = Passkey.objects.get(user=agent)
    assert passkey.last_used_at is not None
    assert passkey.sign_count > 0
    assert js_errors(page) == []


@pytest.mark.parametrize("lang", [ZH, EN], ids=["zh", "en"])
def test_a_refused_passkey_is_told_and_the_code_still_signs_in(
    site: str, new_context: Callable[..., BrowserContext], lang: Lang
) -> None:
    agent = AgentFactory(language=lang.code)
    page = new_context(lang=lang, viewport=PHONE).new_page()
    _authenticator(page)
    _add_passkey(page, site, agent, lang, "YubiKey")
    _sign_out(page, lang)
    # The server has seen a higher counter than this authenticator will show: to it, the
    # key in the browser is a copy, and it must refuse it.
    Passkey.objects.filter(user=agent).update(sign_count=10_000)

    _password(page, site, agent, lang)
    page.get_by_role("button", name=lang.t("使用通行密钥", "Use a passkey")).click()

    expect(page.get_by_role("alert").first).to_have_text(
        lang.t(
            "通行密钥未被接受。请重试，或输入身份验证器应用中的验证码。",
            "The passkey was not accepted. Try again, or enter a code from your authenticator app.",
        )
    )
    expect(page).to_have_url(f"{site}/accounts/login/verify/passkey/")
    shoot(page, lang, "passkeys-refused")
    _code(page, agent, lang)
    expect(page).to_have_url(f"{site}/")
    page.goto(f"{site}/console/")
    expect(page.get_by_role("heading", name=lang.t("工单队列", "Ticket queue"))).to_be_visible()


def test_renaming_and_removing_a_passkey_on_a_phone(
    site: str, new_context: Callable[..., BrowserContext]
) -> None:
    lang = ZH
    agent = AgentFactory(language=lang.code)
    page = new_context(lang=lang, viewport=PHONE).new_page()
    _authenticator(page)
    _add_passkey(page, site, agent, lang, "旧名称")

    item = page.locator("li.passkey")
    item.get_by_text("重命名", exact=True).click()
    item.get_by_label("通行密钥名称").fill("新名称")
    item.get_by_role("button", name="保存名称").click()
    expect(page.get_by_text("通行密钥已更名为“新名称”。")).to_be_visible()
    item = page.locator("li.passkey")
    item.get_by_text("删除", exact=True).click()
    item.get_by_role("button", name="删除通行密钥").click()
    expect(page.get_by_role("alert").first).to_have_text(
        "删除通行密钥需要输入您的密码或当前验证码。"
    )
    item = page.locator("li.passkey")
    item.get_by_text("删除", exact=True).click()
    item.get_by_label("密码").fill(PASSWORD)
    item.get_by_role("button", name="删除通行密钥").click()

    expect(page.get_by_text("通行密钥已删除。")).to_be_visible()
    expect(page.get_by_text("尚未添加通行密钥。")).to_be_visible()
    assert not Passkey.objects.filter(user=agent).exists()


def test_a_passkey_the_browser_does_not_have_is_told_without_leaving_the_page(
    site: str, new_context: Callable[..., BrowserContext]
) -> None:
    lang = EN
    agent = AgentFactory(language=lang.code)
    page = new_context(lang=lang, viewport=PHONE).new_page()
    cdp, authenticator = _authenticator(page)
    _add_passkey(page, site, agent, lang, "Lost key")
    _sign_out(page, lang)
    # The key is gone from this browser (another device, wiped): the browser refuses.
    cdp.send("WebAuthn.clearCredentials", {"authenticatorId": authenticator})

    _password(page, site, agent, lang)
    page.get_by_role("button", name="Use a passkey").click()

    expect(page.locator("[data-passkey-message]")).to_have_text(
        "The passkey was not used: the request was cancelled, timed out or refused. "
        "Try again, or enter a code above."
    )
    expect(page).to_have_url(f"{site}/accounts/login/verify/")
    _code(page, agent, lang)
    expect(page).to_have_url(f"{site}/")
