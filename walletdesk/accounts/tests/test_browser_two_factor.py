"""Two-step verification walked in Chromium, in Simplified Chinese: an agent made to set it up
before the console opens, signing in with the app's code or a recovery code (once), a customer
turning it on from the profile, and wrong codes told and then locked."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from walletdesk.accounts import services, totp
from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AgentFactory, UserFactory
from walletdesk.testing.browser import DESKTOP, PASSWORD, PHONE, ZH, js_errors, shoot
from walletdesk.testing.second_factor import totp_code

pytestmark = pytest.mark.browser


@pytest.fixture
def zh_desktop(new_context: Callable[..., BrowserContext]) -> Page:
    return new_context(lang=ZH, viewport=DESKTOP).new_page()


@pytest.fixture
def zh_phone(new_context: Callable[..., BrowserContext]) -> Page:
    return new_context(lang=ZH, viewport=PHONE).new_page()


def _password(page: Page, base_url: str, user: User, path: str = "/accounts/login/") -> None:
    page.goto(base_url + path)
    page.get_by_label("电子邮箱").fill(user.email)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def _code(page: Page, code: str) -> None:
    page.get_by_label("验证码").fill(code)
    page.get_by_role("button", name="验证").click()


def _set_up(page: Page) -> list[str]:
    """On the set-up page: read the key as a person typing it into an app would, confirm with
    the app's code, and return the recovery codes shown."""
    expect(page.get_by_role("heading", name="设置两步验证")).to_be_visible()
    expect(page.locator(".qr-code svg")).to_be_visible()
    secret = page.locator("#otp-secret").inner_text().replace(" ", "")
    page.get_by_label("应用中的验证码").fill(totp.code_for(secret, totp.counter_now()))
    page.get_by_role("button", name="开启").click()
    expect(page.get_by_role("heading", name="您的恢复码")).to_be_visible()
    expect(page.get_by_text("它们只显示这一次")).to_be_visible()
    return page.locator("ol.recovery-codes li").all_inner_texts()


def test_an_agent_without_a_second_factor_sets_it_up_before_the_console_opens(
    live_server: LiveServer, zh_desktop: Page
) -> None:
    agent = AgentFactory(second_factor=False, language="zh-hans")
    page = zh_desktop

    _password(page, live_server.url, agent, "/accounts/login/?next=/console/")
    expect(page).to_have_url(f"{live_server.url}/accounts/two-factor/setup/?next=%2Fconsole%2F")
    expect(page.get_by_text("员工账户必须使用两步验证")).to_be_visible()
    # Typing the console's address does not get past it either.
    page.goto(f"{live_server.url}/console/")
    expect(page).to_have_url(f"{live_server.url}/accounts/two-factor/setup/?next=%2Fconsole%2F")
    shoot(page, ZH, "two-factor-setup")
    codes = _set_up(page)

    assert len(codes) == 10
    assert len(set(codes)) == 10
    shoot(page, ZH, "two-factor-recovery-codes")
    page.get_by_role("link", name="我已保存，继续").click()
    expect(page).to_have_url(f"{live_server.url}/console/")
    expect(page.get_by_role("heading", name="工单队列")).to_be_visible()
    # The codes were shown once: going back to their page does not show them again.
    page.goto(f"{live_server.url}/accounts/two-factor/codes/")
    expect(page).to_have_url(f"{live_server.url}/accounts/two-factor/")
    expect(page.locator("main")).not_to_contain_text(codes[0])
    expect(page.get_by_text("剩余 10 个未使用的恢复码")).to_be_visible()
    agent.refresh_from_db()
    assert agent.has_second_factor
    assert js_errors(page) == []


def test_an_agent_signs_in_with_the_code_of_their_app(
    live_server: LiveServer, zh_desktop: Page
) -> None:
    agent = AgentFactory(language="zh-hans")
    page = zh_desktop

    page.goto(f"{live_server.url}/console/")
    _password(page, live_server.url, agent, page.url.removeprefix(live_server.url))
    expect(page.get_by_role("heading", name="两步验证")).to_be_visible()
    # Not signed in yet: the console still sends the browser to sign in.
    page.goto(f"{live_server.url}/console/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/console/")
    _password(page, live_server.url, agent, "/accounts/login/?next=/console/")
    _code(page, totp_code(agent))

    expect(page).to_have_url(f"{live_server.url}/console/")
    expect(page.get_by_role("heading", name="工单队列")).to_be_visible()


def test_a_recovery_code_signs_in_once(live_server: LiveServer, zh_phone: Page) -> None:
    customer = UserFactory(email="wallet-2fa@example.com", language="zh-hans")
    secret = totp.secret_new()
    codes = services.second_factor_enable(
        user=customer, secret=secret, code=totp.code_for(secret, totp.counter_now()), ip="t"
    )
    page = zh_phone

    _password(page, live_server.url, customer)
    _code(page, codes[0].lower().replace("-", " "))
    used = "您使用恢复码登录，该恢复码不能再次使用。剩余未用恢复码：9 个。"
    expect(page.get_by_text(used)).to_be_visible()
    page.get_by_role("button", name="退出").click()
    _password(page, live_server.url, customer)
    _code(page, codes[0])

    expect(page.get_by_role("alert")).to_contain_text("验证码不正确、已过期或已被使用")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/verify/")
    expect(page.get_by_label("验证码")).to_have_value("")
    _code(page, codes[1])
    expect(page.get_by_text("剩余未用恢复码：8 个")).to_be_visible()


def test_a_customer_turns_it_on_from_the_profile(live_server: LiveServer, zh_phone: Page) -> None:
    customer = UserFactory(email="wallet-profile@example.com", language="zh-hans")
    page = zh_phone

    _password(page, live_server.url, customer, "/accounts/login/?next=/accounts/profile/")
    expect(page.get_by_text("建议开启：开启两步验证后")).to_be_visible()
    page.get_by_role("link", name="设置两步验证").click()
    codes = _set_up(page)
    page.get_by_role("link", name="我已保存，继续").click()

    assert len(codes) == 10
    expect(page.get_by_role("heading", name="两步验证")).to_be_visible()
    expect(page.locator(".badge", has_text="已开启")).to_be_visible()
    page.get_by_role("link", name="返回个人资料").click()
    expect(page.get_by_role("link", name="管理两步验证")).to_be_visible()
    customer.refresh_from_db()
    assert customer.has_second_factor
    # Next time the password is only the first step.
    page.get_by_role("button", name="退出").click()
    _password(page, live_server.url, customer)
    expect(page).to_have_url(f"{live_server.url}/accounts/login/verify/")
    _code(page, totp_code(customer))
    expect(page).to_have_url(f"{live_server.url}/")


def test_wrong_codes_are_told_in_chinese_then_lock_the_account(
    live_server: LiveServer, zh_desktop: Page
) -> None:
    agent = AgentFactory(language="zh-hans")
    page = zh_desktop
    _password(page, live_server.url, agent)

    for _ in range(5):
        _code(page, "000000")
        expect(page.get_by_role("alert")).to_have_text(
            "验证码不正确、已过期或已被使用，请输入当前显示的验证码。"
        )
    _code(page, "000000")
    expect(page.get_by_role("alert")).to_contain_text("错误的验证码次数过多，两步验证已锁定")
    _code(page, totp_code(agent))

    expect(page.get_by_role("alert")).to_contain_text("错误的验证码次数过多，两步验证已锁定")
    page.goto(f"{live_server.url}/console/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/console/")
    shoot(page, ZH, "two-factor-locked")
