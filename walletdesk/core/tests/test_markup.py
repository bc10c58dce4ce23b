"""html_format draws what Django's format_html draws, value for value."""

import pytest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy, override
from hypothesis import given
from hypothesis import strategies as st

from walletdesk.core.markup import html_escaped, html_format

TEMPLATE = '<a href="{url}" title="{title}">{text}</a>'


@given(url=st.text(), title=st.text(), text=st.text())
def test_any_text_is_escaped_as_format_html_escapes_it(url, title, text):
    ours = html_format(TEMPLATE, url=url, title=title, text=text)

    assert ours == format_html(TEMPLATE, url=url, title=title, text=text)
    assert isinstance(ours, SafeString)


def test_the_characters_that_break_out_of_markup_are_escaped():
    drawn = html_format(TEMPLATE, url='" onmouseover="x', title="'", text="<script>&")

    assert drawn == ('<a href="&quot; onmouseover=&quot;x" title="&#x27;">&lt;script&gt;&amp;</a>')


def test_safe_values_are_kept_and_other_values_are_written_as_text():
    safe = mark_safe('<span class="badge">新</span>')
    values = {"url": 42, "title": None, "text": safe}

    assert html_format(TEMPLATE, **values) == format_html(TEMPLATE, **values)
    assert '<span class="badge">' in html_format(TEMPLATE, **values)


def test_a_lazy_translation_is_written_in_the_active_language():
    label = gettext_lazy("Unassigned")
    with override("zh-hans"):
        drawn = html_format("<b>{label}</b>", label=label)
        expected = format_html("<b>{}</b>", label)

    assert drawn == expected
    assert drawn == "<b>未分配</b>"


def test_an_object_that_draws_itself_is_asked_for_its_html():
    class Drawn:
        def __html__(self) -> str:
            return "<i>x</i>"

    assert html_escaped(Drawn()) == "<i>x</i>"
    assert html_escaped("<i>x</i>") == "&lt;i&gt;x&lt;/i&gt;"


@pytest.mark.parametrize("special", ["&", "<", ">", '"', "'"])
def test_each_character_html_escape_rewrites_is_rewritten_alone_or_in_text(special):
    for value in (special, f"WD-{special}", f"充值{special}没有显示"):
        assert html_escaped(value) == str(format_html("{}", value))
        assert special not in html_escaped(value).replace("&", "") or special == "&"


@given(first=st.text(), second=st.text())
def test_values_given_in_order_are_escaped_as_format_html_escapes_them(first, second):
    assert html_format("<p>{} · {}</p>", first, second) == format_html(
        "<p>{} · {}</p>", first, second
    )
