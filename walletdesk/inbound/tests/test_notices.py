"""Every notice answering an inbound mail is built by core.mail, in the sender's language, as
an automatic answer threaded under the mail it answers (the flows: test_services.py)."""

import pytest
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import translation

from walletdesk.inbound import notices
from walletdesk.testing.mail import assert_mail_in, mail_parts
from walletdesk.tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db
ANSWERED = "<fixture-1@example.com>"


def _build(notice: notices.Notice):
    return notices.notice_build(notice, to="alice@example.com", in_reply_to=ANSWERED)


def _every_notice(language: str) -> list[notices.Notice]:
    ticket = TicketFactory(reference="WD-7K3Q9M")
    reason = {"zh-hans": "工单已关闭", "en": "the ticket is closed"}[language]
    with translation.override(language):
        return [
            notices.too_large(size=30 * 1024 * 1024),
            notices.unverified(),
            notices.open_refused(reason=reason),
            notices.reply_refused(ticket=ticket, reason=reason),
            notices.files_refused(ticket=ticket, refused=[("proof.exe", reason)]),
            notices.secret_masked(ticket=ticket),
        ]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_notice_is_built_in_the_language_active_when_it_was_made(language):
    for notice in _every_notice(language):
        message = _build(notice)

        assert notice.language == language
        assert_mail_in(message, language)
        assert message.to == ["alice@example.com"]


def test_notices_about_a_ticket_name_it_and_link_to_it():
    for notice in _every_notice("en")[3:]:
        parts = mail_parts(_build(notice))

        assert "WD-7K3Q9M" in parts["subject"] + parts["text"]
        assert "WD-7K3Q9M" in parts["html"]


def test_refused_files_and_the_reason_are_listed():
    refused, masked = _every_notice("en")[4:]

    text = _build(refused).body
    assert "- proof.exe: the ticket is closed\n" in text
    assert "<li>proof.exe: the ticket is closed</li>" in mail_parts(_build(refused))["html"]
    assert "never asks for your recovery phrase" in _build(masked).body


def test_too_large_gives_both_sizes_in_the_senders_language():
    with translation.override("en"):
        notice = notices.too_large(size=30 * 1024 * 1024)

    text = _build(notice).body.replace("\xa0", " ")  # sizes are kept on one line

    assert "(30.0 MB)" in text
    assert f"larger than {filesizeformat(settings.INBOUND_MAX_BYTES)}".replace("\xa0", " ") in text


def test_the_answer_to_an_unknown_sender_is_in_both_languages():
    with translation.override("en"):
        notice = notices.unknown_sender()

    message = _build(notice)

    parts = mail_parts(message)
    assert parts["subject"] == "如何联系 IM 钱包支持 / How to contact IM Wallet Support"
    for part in ("text", "html"):
        assert "我们收到了您的邮件" in parts[part]
        assert "We received your e-mail" in parts[part]
        assert "/accounts/register/" in parts[part]
        assert settings.SUPPORT_ADDRESS in parts[part]
    assert parts["text"].index("我们收到了您的邮件") < parts["text"].index("We received")
    assert f'<a href="mailto:{settings.SUPPORT_ADDRESS}">' in parts["html"]
    assert not any(mark in part for part in parts.values() for mark in ("{{", "{%", "%("))


def test_a_notice_is_an_automatic_answer_threaded_under_the_mail_it_answers():
    with translation.override("en"):
        notice = notices.unverified()

    headers = _build(notice).extra_headers

    assert headers["Auto-Submitted"] == "auto-replied"
    assert headers["X-Auto-Response-Suppress"] == "All"
    assert headers["Precedence"] == "auto_reply"
    assert headers["In-Reply-To"] == headers["References"] == ANSWERED


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_confirmation_request_links_to_the_held_mail_in_the_senders_language(language):
    with translation.override(language):
        notice = notices.confirm_needed(held_id="0b6c1a5e-1111-4222-8333-944455556666", days=7)
    message = _build(notice)

    assert_mail_in(message, language)
    for part in ("text", "html"):
        assert "/tickets/held/0b6c1a5e-1111-4222-8333-944455556666/" in mail_parts(message)[part]
    assert message.extra_headers["Auto-Submitted"] == "auto-replied"
