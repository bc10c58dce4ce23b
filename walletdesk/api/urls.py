from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from walletdesk.api.errors import api_not_found
from walletdesk.api.v1 import (
    agent,
    agent_actions,
    agent_bulk,
    attachments,
    auth,
    catalogue,
    community,
    community_moderation,
    incidents,
    me,
    notifications,
    tickets,
)
from walletdesk.api.v1.help import ArticleDetailApi, ArticleSearchApi, DeflectionCreateApi
from walletdesk.api.v1.intake import IntakeCheckApi

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: the CSP forbids inline scripts.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    # Sign-in
    path("v1/auth/token", auth.TokenCreateApi.as_view(), name="v1-auth-token"),
    path("v1/auth/tokens", auth.TokenListApi.as_view(), name="v1-auth-tokens"),
    path(
        "v1/auth/tokens/<uuid:token_id>", auth.TokenRevokeApi.as_view(), name="v1-auth-token-revoke"
    ),
    path("v1/auth/siwe/nonce", auth.SiweNonceApi.as_view(), name="v1-siwe-nonce"),
    path("v1/auth/siwe/verify", auth.SiweVerifyApi.as_view(), name="v1-siwe-verify"),
    path("v1/auth/siwe/confirm", auth.SiweConfirmApi.as_view(), name="v1-siwe-confirm"),
    # Me
    path("v1/me", me.MeApi.as_view(), name="v1-me"),
    path("v1/me/addresses", me.AddressListApi.as_view(), name="v1-me-addresses"),
    path(
        "v1/me/addresses/<uuid:address_id>",
        me.AddressDeleteApi.as_view(),
        name="v1-me-address-delete",
    ),
    path(
        "v1/me/notification-preferences",
        notifications.NotificationPreferencesApi.as_view(),
        name="v1-me-notification-preferences",
    ),
    # Notifications (mine)
    path("v1/notifications", notifications.NotificationListApi.as_view(), name="v1-notifications"),
    path(
        "v1/notifications/read-all",
        notifications.NotificationReadAllApi.as_view(),
        name="v1-notifications-read-all",
    ),
    path(
        "v1/notifications/<uuid:notification_id>/read",
        notifications.NotificationReadApi.as_view(),
        name="v1-notification-read",
    ),
    # Catalogue, Help Center, intake
    path("v1/categories", catalogue.CategoryListApi.as_view(), name="v1-categories"),
    path("v1/networks", catalogue.NetworkListApi.as_view(), name="v1-networks"),
    path("v1/intake/check", IntakeCheckApi.as_view(), name="v1-intake-check"),
    path("v1/help/articles", ArticleSearchApi.as_view(), name="v1-help-articles"),
    path("v1/help/articles/<slug:slug>", ArticleDetailApi.as_view(), name="v1-help-article"),
    path(
        "v1/help/articles/<slug:slug>/deflections",
        DeflectionCreateApi.as_view(),
        name="v1-help-deflections",
    ),
    # Community forum: reading is open, writing needs an account (api/v1/community.py)
    path("v1/community/topics", community.TopicCollectionApi.as_view(), name="v1-community-topics"),
    path("v1/community/search", community.TopicSearchApi.as_view(), name="v1-community-search"),
    path(
        "v1/community/topics/<uuid:topic_id>",
        community.TopicApi.as_view(),
        name="v1-community-topic",
    ),
    path(
        "v1/community/topics/<uuid:topic_id>/answers",
        community.AnswerCreateApi.as_view(),
        name="v1-community-answers",
    ),
    path(
        "v1/community/topics/<uuid:topic_id>/answers/<uuid:post_id>/replies",
        community.ReplyCreateApi.as_view(),
        name="v1-community-replies",
    ),
    path(
        "v1/community/topics/<uuid:topic_id>/posts/<uuid:post_id>",
        community.PostApi.as_view(),
        name="v1-community-post",
    ),
    path(
        "v1/community/topics/<uuid:topic_id>/posts/<uuid:post_id>/vote",
        community.VoteApi.as_view(),
        name="v1-community-post-vote",
    ),
    path(
        "v1/community/topics/<uuid:topic_id>/posts/<uuid:post_id>/accept",
        community.AcceptApi.as_view(),
        name="v1-community-post-accept",
    ),
    path(
        "v1/community/topics/<uuid:topic_id>/reports",
        community.ReportCreateApi.as_view(),
        name="v1-community-reports",
    ),
    path(
        "v1/community/moderation",
        community_moderation.ModerationQueueApi.as_view(),
        name="v1-community-moderation",
    ),
    path(
        "v1/community/topics/<uuid:topic_id>/moderation",
        community_moderation.ModerationActApi.as_view(),
        name="v1-community-moderation-act",
    ),
    path(
        "v1/community/topics/<uuid:topic_id>/promote",
        community_moderation.TopicPromoteApi.as_view(),
        name="v1-community-topic-promote",
    ),
    # Tickets (mine)
    path("v1/tickets", tickets.TicketCollectionApi.as_view(), name="v1-tickets"),
    path("v1/tickets/<str:reference>", tickets.TicketDetailApi.as_view(), name="v1-ticket"),
    path(
        "v1/tickets/<str:reference>/replies",
        tickets.TicketReplyApi.as_view(),
        name="v1-ticket-reply",
    ),
    path(
        "v1/tickets/<str:reference>/resolve",
        tickets.TicketResolveApi.as_view(),
        name="v1-ticket-resolve",
    ),
    path(
        "v1/tickets/<str:reference>/rating", tickets.TicketRateApi.as_view(), name="v1-ticket-rate"
    ),
    path(
        "v1/tickets/<str:reference>/resubmission",
        tickets.TicketResubmitApi.as_view(),
        name="v1-ticket-resubmit",
    ),
    path(
        "v1/attachments/check",
        attachments.AttachmentCheckApi.as_view(),
        name="v1-attachments-check",
    ),
    path(
        "v1/attachments/<uuid:attachment_id>",
        tickets.AttachmentDownloadApi.as_view(),
        name="v1-attachment-download",
    ),
    # Agents
    path("v1/agent/queue", agent.AgentQueueApi.as_view(), name="v1-agent-queue"),
    path(
        "v1/agent/tickets/<str:reference>/start",
        agent_actions.AgentStartApi.as_view(),
        name="v1-agent-ticket-start",
    ),
    path(
        "v1/agent/tickets/<str:reference>/assign",
        agent_actions.AgentAssignApi.as_view(),
        name="v1-agent-ticket-assign",
    ),
    path(
        "v1/agent/tickets/<str:reference>/resolve",
        agent_actions.AgentResolveApi.as_view(),
        name="v1-agent-ticket-resolve",
    ),
    path(
        "v1/agent/tickets/<str:reference>/close",
        agent_actions.AgentCloseApi.as_view(),
        name="v1-agent-ticket-close",
    ),
    path(
        "v1/agent/tickets/<str:reference>/reopen",
        agent_actions.AgentReopenApi.as_view(),
        name="v1-agent-ticket-reopen",
    ),
    path(
        "v1/agent/tickets/<str:reference>/priority",
        agent_actions.AgentPriorityApi.as_view(),
        name="v1-agent-ticket-priority",
    ),
    path(
        "v1/agent/tickets/<str:reference>/category",
        agent_actions.AgentCategoryApi.as_view(),
        name="v1-agent-ticket-category",
    ),
    path(
        "v1/agent/tickets/<str:reference>/tags",
        agent_actions.AgentTicketTagsApi.as_view(),
        name="v1-agent-ticket-tags",
    ),
    path(
        "v1/agent/tickets/<str:reference>/tags/remove",
        agent_actions.AgentTicketTagRemoveApi.as_view(),
        name="v1-agent-ticket-tags-remove",
    ),
    path(
        "v1/agent/tickets/<str:reference>/macros/<uuid:macro_id>/apply",
        agent_actions.AgentMacroApplyApi.as_view(),
        name="v1-agent-ticket-macro-apply",
    ),
    path(
        "v1/agent/tickets/<str:reference>/merge",
        agent_actions.AgentMergeApi.as_view(),
        name="v1-agent-ticket-merge",
    ),
    path(
        "v1/agent/tags",
        agent_actions.AgentTagCatalogueApi.as_view(),
        name="v1-agent-tags",
    ),
    path(
        "v1/agent/macros",
        agent_actions.AgentMacroListApi.as_view(),
        name="v1-agent-macros",
    ),
    path(
        "v1/agent/availability",
        agent_actions.AgentAvailabilityApi.as_view(),
        name="v1-agent-availability",
    ),
    path(
        "v1/agent/views",
        agent_bulk.AgentSavedViewsApi.as_view(),
        name="v1-agent-views",
    ),
    path(
        "v1/agent/bulk",
        agent_bulk.AgentBulkApi.as_view(),
        name="v1-agent-bulk",
    ),
    path(
        "v1/agent/bulk/<uuid:job_id>",
        agent_bulk.AgentBulkJobApi.as_view(),
        name="v1-agent-bulk-job",
    ),
    path(
        "v1/agent/rejection-reasons",
        agent.RejectionReasonListApi.as_view(),
        name="v1-agent-rejection-reasons",
    ),
    path(
        "v1/agent/tickets/<str:reference>", agent.AgentTicketApi.as_view(), name="v1-agent-ticket"
    ),
    path(
        "v1/agent/tickets/<str:reference>/answers",
        agent.AgentTicketAnswersApi.as_view(),
        name="v1-agent-ticket-answers",
    ),
    path(
        "v1/agent/tickets/<str:reference>/reveal",
        agent.AgentRevealApi.as_view(),
        name="v1-agent-ticket-reveal",
    ),
    path(
        "v1/agent/tickets/<str:reference>/replies",
        agent.AgentReplyApi.as_view(),
        name="v1-agent-ticket-reply",
    ),
    path(
        "v1/agent/tickets/<str:reference>/request-info",
        agent.AgentRequestInfoApi.as_view(),
        name="v1-agent-ticket-request-info",
    ),
    path(
        "v1/agent/tickets/<str:reference>/reject",
        agent.AgentRejectApi.as_view(),
        name="v1-agent-ticket-reject",
    ),
    path(
        "v1/agent/tickets/<str:reference>/redact",
        agent.AgentTicketRedactApi.as_view(),
        name="v1-agent-ticket-redact",
    ),
    path(
        "v1/agent/tickets/<str:reference>/messages/<uuid:message_id>/redact",
        agent.AgentMessageRedactApi.as_view(),
        name="v1-agent-message-redact",
    ),
    path(
        "v1/agent/tickets/<str:reference>/attachments/<uuid:attachment_id>/remove",
        agent.AgentAttachmentRemoveApi.as_view(),
        name="v1-agent-attachment-remove",
    ),
    # Incidents (agents)
    path(
        "v1/agent/incidents",
        incidents.AgentIncidentCollectionApi.as_view(),
        name="v1-agent-incidents",
    ),
    path(
        "v1/agent/incidents/<uuid:incident_id>",
        incidents.AgentIncidentApi.as_view(),
        name="v1-agent-incident",
    ),
    path(
        "v1/agent/incidents/<uuid:incident_id>/links",
        incidents.AgentIncidentLinkApi.as_view(),
        name="v1-agent-incident-links",
    ),
    path(
        "v1/agent/incidents/<uuid:incident_id>/links/<str:reference>",
        incidents.AgentIncidentUnlinkApi.as_view(),
        name="v1-agent-incident-unlink",
    ),
    path(
        "v1/agent/incidents/<uuid:incident_id>/replies",
        incidents.AgentIncidentReplyApi.as_view(),
        name="v1-agent-incident-reply",
    ),
    path(
        "v1/agent/incidents/<uuid:incident_id>/resolve",
        incidents.AgentIncidentResolveApi.as_view(),
        name="v1-agent-incident-resolve",
    ),
    # Last: an unknown path answers JSON, not the site's HTML 404 page.
    # Any other /api/ path, including ones whose parameters hold characters no converter
    # accepts (a new line, say): the JSON error shape, never the HTML 404 page.
    re_path(r"^(?P<rest>[\s\S]*)\Z", api_not_found, name="not-found"),
]
