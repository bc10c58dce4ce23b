"""Article markdown to safe HTML: rendered by python-markdown, then sanitised by nh3.

The allow-lists are explicit. nh3's defaults would let ``bitcoin:`` and other payment links
through; in a wallet help desk an edited article that opens a payment request is a phishing
tool, so only http, https and mailto links survive.
"""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})


def markdown_to_html(text: str) -> SafeString:
    """Render article markdown and keep only the allowed tags, attributes and link schemes.

    Raw HTML in the markdown is escaped by nothing here on purpose: nh3 removes what is not
    allowed (a <script> disappears with its content), which is what an author expects.
    """
    rendered: str = markdown.markdown(
        text, extensions=["tables", "sane_lists"], output_format="html"
    )
    clean = nh3.clean(
        rendered,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 with the allow-lists above
