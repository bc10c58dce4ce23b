"""The usertext filter: everything a person typed is escaped; only http(s) links are live."""

import pytest
from django.template import Context, Template

from walletdesk.core.templatetags.usertext import usertext


def render(value: object) -> str:
    return Template("{% load usertext %}{{ value|usertext }}").render(Context({"value": value}))


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('"><img src=x onerror=alert(1)>', "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        ("a & b", "a &amp; b"),
        ("it's", "it&#x27;s"),
        ("第一行\n第二行", "第一行<br>第二行"),
        ("one\r\ntwo", "one<br>two"),
        ("", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_text_is_escaped_and_line_breaks_kept(typed: object, shown: str) -> None:
    assert usertext(typed) == shown
    assert render(typed) == shown


def test_https_link_is_clickable_and_safe() -> None:
    html = usertext("看这里 https://tronscan.org/#/transaction/abc 谢谢")

    assert html == (
        "看这里 "
        '<a href="https://tronscan.org/#/transaction/abc" rel="nofollow noopener noreferrer"'
        ' target="_blank">https://tronscan.org/#/transaction/abc</a> 谢谢'
    )


@pytest.mark.parametrize(
    "typed",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.com/file",
        "www.example.com",
    ],
)
def test_other_schemes_stay_plain_text(typed: str) -> None:
    assert "<a " not in usertext(typed)


def test_trailing_punctuation_is_not_part_of_the_link() -> None:
    html = usertext("See https://example.com/a).")

    assert 'href="https://example.com/a"' in html
    assert html.endswith("</a>).")


def test_link_stops_at_chinese_punctuation() -> None:
    html = usertext("链接https://example.com/tx，请查看。")

    assert 'href="https://example.com/tx"' in html
    assert "，请查看。" in html


def test_quotes_and_brackets_cannot_break_out_of_the_link() -> None:
    html = usertext('https://evil.example/"onmouseover="alert(1) <b>x</b>')

    assert 'href="https://evil.example/"' in html
    assert "onmouseover=&quot;" in html
    assert "<b>" not in html


def test_ampersand_in_link_is_escaped() -> None:
    html = usertext("https://example.com/?a=1&b=2")

    assert 'href="https://example.com/?a=1&amp;b=2"' in html


def test_upper_case_scheme_is_linked() -> None:
    assert '<a href="HTTPS://EXAMPLE.COM"' in usertext("HTTPS://EXAMPLE.COM")
