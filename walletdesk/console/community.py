"""The forum's moderation queue in the console: held questions and posts with the reasons the
impersonation guard gave, open reports grouped by what they report, each with its author's
account age and trust level, and the moderator's actions.

Every agent moderates (the forum belongs to no team); customers get 404 like on every console
page (accounts.decorators.agent_required), and the console's second factor applies. Each
action goes through the forum's audited services (community.services ``moderation_apply``),
as the topic page's moderation bar and the API do.
"""

from dataclasses import dataclass, field
from uuid import UUID

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from walletdesk.accounts.decorators import AgentRequest, agent_required
from walletdesk.accounts.models import User
from walletdesk.community import selectors
from walletdesk.community.models import Post, Report, Topic
from walletdesk.community.trust import TrustLevel, author_trust
from walletdesk.community.views.moderation import moderation_decide
from walletdesk.tickets.selectors import category_list_active


@dataclass
class Item:
    """One thing a moderator decides on: a question or a post, why it is here, its author."""

    topic: Topic
    post: Post | None
    author: User
    trust: TrustLevel
    reports: list[Report] = field(default_factory=list)

    @property
    def text(self) -> Topic | Post:
        return self.post if self.post is not None else self.topic

    @property
    def key(self) -> str:
        return f"{self.topic.pk}-{self.post.pk if self.post is not None else 'q'}"


def _reported(reports: list[Report]) -> list[Item]:
    # One item per reported text, its reports beside it: three readers reporting one post are
    # one decision.
    items: dict[tuple[UUID, UUID | None], Item] = {}
    for report in reports:
        target = (report.topic_id, report.post_id)
        if target not in items:
            author = report.post.author if report.post is not None else report.topic.author
            items[target] = Item(
                topic=report.topic,
                post=report.post,
                author=author,
                trust=author_trust(report, author=author),
            )
        items[target].reports.append(report)
    return list(items.values())


@agent_required
@require_GET
def moderation_queue(request: AgentRequest) -> HttpResponse:
    """Held texts, oldest first, then reported ones: a fixed number of queries."""
    queue = selectors.moderation_queue()
    held = [
        Item(topic=topic, post=None, author=topic.author, trust=author_trust(topic))
        for topic in queue.held_topics
    ] + [
        Item(topic=post.topic, post=post, author=post.author, trust=author_trust(post))
        for post in queue.held_posts
    ]
    held.sort(key=lambda item: item.text.created_at)
    context = {
        "held": held,
        "reported": _reported(queue.reports),
        "categories": category_list_active(),
    }
    return render(request, "console/community.html", context)


@agent_required
@require_POST
def moderation_act(request: AgentRequest, topic_id: UUID) -> HttpResponse:
    """Publish, hide, lock, unlock or move a question, publish or hide a post, or dismiss
    reports; back to the queue with what happened."""
    topic = selectors.topic_get_for_update(topic_id=topic_id)
    moderation_decide(request, topic)
    return redirect("console:community")
