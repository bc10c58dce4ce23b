"""The fixture set parses: charsets, encoded words, HTML-only bodies, files, machines."""

import pytest

from walletdesk.inbound.parsing import decode_bytes, html_to_text, mail_parse
from walletdesk.inbound.replies import reply_text
from walletdesk.inbound.tests.mail import all_fixtures, eml

ADDRESS = "reply+wd-abcdef.0123456789abcdef0123@walletdesk.localhost"


def test_the_fixture_set_is_large_enough():
    assert len(all_fixtures()) >= 20


@pytest.mark.parametrize("name", all_fixtures())
def test_every_fixture_parses_to_readable_text(name):
    mail = mail_parse(eml(name, REPLY_ADDRESS=ADDRESS, OUR_MESSAGE_ID="<x@y>", REFERENCE="WD-1"))

    assert mail.message_id.startswith("<")
    assert mail.sender
    assert "\ufffd" not in mail.subject
    assert "\ufffd" not in mail.text


@pytest.mark.parametrize(
    ("name", "subject", "reply"),
    [
        (
            "01_reply_gb2312_subject.eml",
            "回复：提现一直显示处理中",
            "您好，交易哈希我补充在这里了，收款人是王赟。",
        ),
        ("02_reply_gbk_qp.eml", "Re: 提现", "已经过去三个小时了，还是没有到账。"),
        ("03_reply_big5.eml", "回覆：提現問題", "我已經確認了地址，請再幫我查詢。"),
        ("04_reply_utf8_html_only.eml", "Re: 提现", "好的 我明白了，谢谢！\n网络是 TRC20。"),
        (
            "05_reply_qq_original.eml",
            "回复：提现一直显示处理中",
            "金额是 100 USDT，时间是下午两点。",
        ),
        (
            "06_reply_outlook_en_thread.eml",
            "RE: Deposit not showing",
            "The deposit was sent from Binance at 14:00.",
        ),
        ("18_new_ticket_gb18030.eml", "资产不显示", "我的代币在钱包里不显示 😢 请帮忙。"),
        ("19_raw_8bit_gbk_unlabelled.eml", "转错网络", "转账到了错误的网络，怎么办？"),
        ("21_agent_reply.eml", "Re: withdrawal", "您的提现已经在链上确认，请查看钱包。"),
        (
            "24_new_ticket_big5_html.eml",
            "帳戶安全問題",
            "我收到一封可疑的郵件，要求我提供助記詞。\n這是詐騙嗎？",
        ),
    ],
)
def test_charsets_and_quotes(name, subject, reply):
    mail = mail_parse(eml(name, REPLY_ADDRESS=ADDRESS, OUR_MESSAGE_ID="<x@y>"))

    assert mail.subject == subject
    assert reply_text(mail.text) == reply


def test_mixed_encoded_words_in_one_subject():
    mail = mail_parse(eml("17_new_ticket_utf8.eml"))

    assert mail.subject == "充值没有到账 (TRC20)"
    assert mail.sender_name == "Alice"


def test_html_only_body_drops_script_style_and_marks_quotes():
    mail = mail_parse(eml("04_reply_utf8_html_only.eml", REPLY_ADDRESS=ADDRESS))

    assert mail.html_only
    assert "alert" not in mail.text
    assert "color:red" not in mail.text
    assert "> 请告诉我们网络。" in mail.text


def test_inline_image_is_a_file():
    mail = mail_parse(eml("07_reply_inline_image.eml", REPLY_ADDRESS=ADDRESS))

    assert [(f.content_type, f.inline) for f in mail.files] == [("image/png", True)]
    assert mail.files[0].data.startswith(b"\x89PNG")
    assert reply_text(mail.text) == "截图在下面。"


def test_pdf_attachment_with_rfc2231_chinese_name():
    mail = mail_parse(eml("08_reply_pdf_attachment.eml", REPLY_ADDRESS=ADDRESS))

    assert [f.filename for f in mail.files] == ["转账凭证.pdf"]
    assert mail.files[0].data.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("10_autoreply_auto_submitted.eml", "auto_submitted"),
        ("11_autoreply_x_autoreply.eml", "autoreply_header"),
        ("12_bounce_dsn.eml", "delivery_report"),
        ("13_precedence_bulk.eml", "precedence"),
    ],
)
def test_machine_mail_is_recognised(name, reason):
    assert mail_parse(eml(name, REPLY_ADDRESS=ADDRESS)).automatic == reason


def test_a_persons_mail_is_not_automatic():
    assert mail_parse(eml("17_new_ticket_utf8.eml")).automatic == ""


def test_bounce_does_not_open_the_returned_mail():
    mail = mail_parse(eml("12_bounce_dsn.eml"))

    assert "Hello" not in mail.text


def test_threading_headers_nearest_first():
    mail = mail_parse(eml("06_reply_outlook_en_thread.eml", OUR_MESSAGE_ID="<Ours@X>"))

    assert mail.in_reply_to == ("<ours@x>",)
    assert mail.referenced_ids == ("<ours@x>", "<unrelated-older@example.com>")


def test_missing_message_id_gets_one_from_the_content():
    raw = eml("22_no_message_id.eml")

    assert mail_parse(raw).message_id == mail_parse(raw).message_id
    assert mail_parse(raw).message_id.endswith("@inbound.invalid>")


def test_decode_bytes_reads_mislabelled_text():
    assert decode_bytes("王赟".encode("gbk"), "gb2312") == "王赟"
    assert decode_bytes("中文".encode("gb18030"), "no-such-charset") == "中文"
    assert decode_bytes("裏".encode("big5hkscs"), "big5") == "裏"


def test_html_to_text_keeps_entities_readable():
    assert html_to_text("<p>a&amp;b</p><p>c&lt;d</p>") == "a&b\nc<d"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("好\n\n在 2026年11月20日 10:02，客服 <a@b> 写道：\n> 旧", "好"),
        ("好\n\n-----原始邮件-----\n旧", "好"),
        # Outlook in Chinese, its header lines in the quoted block it opens
        (
            "已补充截图。\n\n-----邮件原件-----\n发件人: 客服 <support@x>\n"
            "发送时间: 2026年12月1日 10:02\n主题: 回复：充值未到账\n\n请提供交易哈希。",
            "已补充截图。",
        ),
        ("補充了截圖。\n\n-----郵件原件-----\n寄件者: 客服\n\n舊", "補充了截圖。"),
        ("我查了邮件原件，地址没错。", "我查了邮件原件，地址没错。"),
        ("好\n\n发件人：客服\n发送时间：2026年11月20日\n主题：旧\n\n旧", "好"),
        ("Thanks\n\nOn Fri, Nov 20, 2026 at 10:02 AM Support <s@x> wrote:\n> old", "Thanks"),
        (
            "补充：\n- 金额 100 USDT\n- 网络 TRC20\n\n发自我的iPhone",
            "补充：\n- 金额 100 USDT\n- 网络 TRC20",
        ),
        ("My answer\n-- \nBob\nCEO", "My answer"),
        ("关于原始邮件里提到的地址，我已确认。", "关于原始邮件里提到的地址，我已确认。"),
    ],
)
def test_reply_text_strips_quotes_and_signatures(body, expected):
    assert reply_text(body) == expected
