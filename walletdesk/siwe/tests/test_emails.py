"""The mail carrying a wallet sign-up's code (the flow itself: api/tests/v1/test_auth.py)."""

import pytest

from walletdesk.siwe.services import signup_code_email_build
from walletdesk.testing.mail import assert_mail_in, mail_parts

# The builder reads the recipient's anti-phishing code from their account.
pytestmark = pytest.mark.django_db

INTRO = {
    "zh-hans": "请在应用中输入以下验证码以完成钱包登录：ABCD2345",
    "en": "Enter this code in the app to finish signing in with your wallet: ABCD2345",
}
VALIDITY = {"zh-hans": "30 分钟内有效", "en": "It is valid for 30 minutes."}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_code_mail_is_built_in_the_sign_ups_language(language):
    message = signup_code_email_build(to="new@example.com", code="ABCD2345", language=language)

    assert_mail_in(message, language)
    assert message.to == ["new@example.com"]
    parts = mail_parts(message)
    for part in ("text", "html"):
        assert INTRO[language] in parts[part]
        assert VALIDITY[language] in parts[part]
    assert message.body.startswith(INTRO[language] + "\n\n")
