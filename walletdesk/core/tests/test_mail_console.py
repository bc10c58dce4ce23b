"""The terminal backend of the embedded default prints a mail as a person reads it."""

import io

from django.core.mail import EmailMultiAlternatives

from walletdesk.core.mail import ReadableConsoleBackend


def test_subject_is_decoded_and_only_the_text_part_is_shown() -> None:
    stream = io.StringIO()
    message = EmailMultiAlternatives(
        subject="[WD-44RFJR] 客服回复了您的工单",
        body="小王 Wang，您好：\n请验证您的邮箱：http://127.0.0.1:8000/verify/abc/\n",
        to=["demo@walletdesk.localhost"],
    )
    message.attach_alternative("<p>HTML 部分</p>", "text/html")

    sent = ReadableConsoleBackend(stream=stream).send_messages([message])

    printed = stream.getvalue()
    assert sent == 1
    assert "Subject: [WD-44RFJR] 客服回复了您的工单" in printed
    assert "To:      demo@walletdesk.localhost" in printed
    assert "http://127.0.0.1:8000/verify/abc/" in printed
    assert "=?utf-8?" not in printed
    assert "HTML 部分" not in printed
    assert "Content-Type" not in printed


def test_nothing_to_send_prints_nothing() -> None:
    stream = io.StringIO()

    assert ReadableConsoleBackend(stream=stream).send_messages([]) == 0
    assert stream.getvalue() == ""
