"""The browser fixtures are walletdesk.testing.browser's, loaded for the whole suite;
this package's tests import the helpers from here."""

from walletdesk.testing.browser import (
    DESKTOP,
    EN,
    PASSWORD,
    PHONE,
    ZH,
    Lang,
    expect_help_footer,
    expect_in_language,
    js_errors,
    shoot,
    sign_in,
)

__all__ = [
    "DESKTOP",
    "EN",
    "PASSWORD",
    "PHONE",
    "ZH",
    "Lang",
    "expect_help_footer",
    "expect_in_language",
    "js_errors",
    "shoot",
    "sign_in",
]
