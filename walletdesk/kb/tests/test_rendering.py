from walletdesk.kb.rendering import markdown_to_html


def test_payment_and_script_links_are_stripped():
    html = markdown_to_html(
        "[pay](bitcoin:bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh?amount=1) "
        "[click](javascript:alert(1)) [eth](ethereum:0xabc) [ok](https://example.com) "
        "[mail](mailto:support@example.com)"
    )

    assert "bitcoin:" not in html
    assert "javascript:" not in html
    assert "ethereum:" not in html
    assert 'href="https://example.com"' in html
    assert 'href="mailto:support@example.com"' in html


def test_raw_html_outside_the_allow_list_is_removed():
    html = markdown_to_html(
        '<script>alert(1)</script><img src=x onerror=alert(1)><a href="https://x.test" '
        'onclick="steal()">x</a>\n\n**bold**'
    )

    assert "<script" not in html
    assert "<img" not in html
    assert "onclick" not in html
    assert "<strong>bold</strong>" in html


def test_tables_render():
    html = markdown_to_html("| a | b |\n| --- | --- |\n| 1 | 2 |")

    assert "<table>" in html
    assert "<td>1</td>" in html
