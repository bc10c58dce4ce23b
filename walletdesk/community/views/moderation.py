"""The moderators' pages: the queue of held posts and reports, and the actions on them.

Staff only (others get 404, recorded as a refused access); every action is a service that
writes the audit trail.
"""

from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from walletdesk.accounts.decorators import AgentRequest, agent_required
from walletdesk.community import selectors, services
from walletdesk.community.errors import CommunityError
from walletdesk.community.forms import ModerationForm
from walletdesk.community.impersonation import HoldReason
from walletdesk.community.templatetags.community import REASON_LABELS


@agent_required
def queue(request: AgentRequest) -> HttpResponse:
    """Held topics and posts with the reasons they were held, and open reports."""
    context = {
        "queue": selectors.moderation_queue(),
        "reasons": {reason.value: REASON_LABELS[reason] for reason in HoldReason},
    }
    return render(request, "community/moderation/queue.html", context)


@agent_required
@require_POST
def act(request: AgentRequest, topic_id: UUID) -> HttpResponse:
    """Publish, hide, lock, unlock, move a topic or post, or dismiss its reports."""
    topic = selectors.topic_get_for_update(topic_id=topic_id)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an action."))
        return redirect("community:moderation-queue")
    data = form.cleaned_data
    post = None
    if data.get("post"):
        post = selectors.post_get_for_viewer(topic=topic, post_id=data["post"], viewer=request.user)
    action = data["action"]
    try:
        if action in ("approve", "hide"):
            services.visibility_set(
                actor=request.user, topic=topic, post=post, visible=action == "approve"
            )
        elif action in ("lock", "unlock"):
            services.topic_lock_set(actor=request.user, topic=topic, locked=action == "lock")
        elif action == "move":
            services.topic_move(actor=request.user, topic=topic, category=data.get("category"))
        else:
            services.reports_dismiss(actor=request.user, topic=topic, post=post)
    except CommunityError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Done."))
    back = request.POST.get("back", "")
    if back == "topic":
        return redirect("community:portal-topic", topic_id=topic.pk)
    return redirect("community:moderation-queue")
