"""Moderation from the forum's own pages: the actions of a topic page's moderation bar, and
the old address of the queue, which lives in the console now (console/community.py).

Staff only (others get 404, recorded as a refused access); every action is a service that
writes the audit trail.
"""

from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from walletdesk.accounts.decorators import AgentRequest, agent_required
from walletdesk.community import selectors, services
from walletdesk.community.errors import CommunityError
from walletdesk.community.forms import ModerationForm
from walletdesk.community.models import Topic


@agent_required
def queue(request: AgentRequest) -> HttpResponse:
    """The queue is a console page now: staff go there for good; anyone else 404, as before."""
    return HttpResponsePermanentRedirect(reverse("console:community"))


def moderation_decide(request: AgentRequest, topic: Topic) -> None:
    """The moderator's form on ``topic`` (a topic page's bar, the console's queue) applied
    through the audited services, and the outcome told as a message: the one place a
    moderation form is read."""
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an action."))
        return
    data = form.cleaned_data
    post = None
    if data.get("post"):
        post = selectors.post_get_for_viewer(topic=topic, post_id=data["post"], viewer=request.user)
    try:
        services.moderation_apply(
            actor=request.user,
            topic=topic,
            post=post,
            action=data["action"],
            category=data.get("category"),
        )
    except CommunityError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Done."))


@agent_required
@require_POST
def act(request: AgentRequest, topic_id: UUID) -> HttpResponse:
    """Publish, hide, lock, unlock, move a topic or post, or dismiss its reports."""
    topic = selectors.topic_get_for_update(topic_id=topic_id)
    moderation_decide(request, topic)
    if request.POST.get("back", "") == "topic":
        return redirect("community:portal-topic", topic_id=topic.pk)
    return redirect("console:community")
