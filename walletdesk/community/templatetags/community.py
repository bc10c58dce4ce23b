"""How forum text and people are shown: the staff badge, and posts with their links made safe.

The badge comes from the account's role, never from its name, so no name can imitate it.
Links show their real domain beside them; they are clickable (rel nofollow ugc, opened
apart) only in published posts of members and trusted authors (community/trust.py).
"""

import html

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from walletdesk.accounts.models import User
from walletdesk.community.impersonation import HoldReason, links_in
from walletdesk.community.models import Post, Topic
from walletdesk.community.services import links_clickable
from walletdesk.community.trust import TrustLevel

register = template.Library()

REASON_LABELS = {
    HoldReason.PRIVATE_CONTACT: _("Offers help in private (messaging apps, DM)"),
    HoldReason.SUPPORT_CLAIM: _("Claims to be support or staff"),
    HoldReason.ASKS_FOR_SECRET: _("Asks for a recovery phrase or private key"),
    HoldReason.ASKS_FOR_CODE: _("Asks for a verification code"),
    HoldReason.REMOTE_ACCESS: _("Asks for remote access"),
    HoldReason.SUSPICIOUS_LINK: _("Links to a wallet validation or connect site"),
    HoldReason.ASKS_FOR_FUNDS: _("Asks for coins: more promised back, or a fee to release funds"),
    HoldReason.ASKS_TO_APPROVE: _("Asks to approve a contract or sign a message to verify"),
}


@register.filter
def hold_reason(value: str) -> str:
    try:
        return str(REASON_LABELS[HoldReason(value)])
    except ValueError:
        return value


@register.filter
def trust_label(value: str) -> str:
    """The words of an author's trust level (community/trust.py) for moderators."""
    try:
        return str(TrustLevel(value).label)
    except ValueError:
        return value


@register.simple_tag
def staff_badge(user: User) -> SafeString:
    if not user.is_agent:
        return mark_safe("")
    return format_html(
        '<span class="badge badge-staff" title="{}">✓ {}</span>',
        _("This badge is given by the system to support staff only; a name cannot earn it."),
        _("Verified staff"),
    )


@register.filter
def author_name(user: User) -> str:
    """The name a post's author is shown by: an erased account is a deleted user."""
    if user.is_erased:
        return pgettext("forum author", "Deleted user")
    return user.short_name


@register.simple_tag
def post_body(item: Topic | Post, links: bool = True) -> SafeString:
    """The text of a topic or post, escaped, paragraphs kept, each link with its domain; a
    deleted one reads as deleted by its author, whoever reads it. ``links=False`` shows every
    link as text: the moderation queue, where reported links are the suspects and the reader
    is signed in as staff."""
    if item.is_deleted:
        return format_html('<p class="forum-deleted">{}</p>', _("Deleted by its author"))
    text = item.body
    clickable = links and links_clickable(item)
    pieces: list[str] = []
    cursor = 0
    for link in links_in(text):
        pieces.append(html.escape(text[cursor : link.start]))
        written = html.escape(link.text)
        domain = html.escape(link.domain)
        if clickable and link.href.lower().startswith(("https://", "http://")):
            pieces.append(
                f'<a href="{html.escape(link.href)}" rel="nofollow ugc noopener noreferrer" '
                f'target="_blank">{written}</a>'
            )
        else:
            pieces.append(f'<span class="link-text">{written}</span>')
        pieces.append(f' <span class="link-domain">[{domain}]</span>')
        cursor = link.end
    pieces.append(html.escape(text[cursor:]))
    paragraphs = "".join(pieces).split("\n")
    return mark_safe("<br>".join(paragraphs))  # noqa: S308 - every piece escaped above


@register.filter
def get_vote(votes: dict[object, int], post_id: object) -> int:
    return votes.get(post_id, 0)


@register.filter
def get_replies(replies: dict[object, list[Post]], post_id: object) -> list[Post]:
    return replies.get(post_id, [])
