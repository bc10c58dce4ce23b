"""Moderating the community forum over the REST API, for staff: the queue of held posts and
open reports, publish, hide, lock, unlock, move and dismiss, each through the audited service
the moderation pages call, and a question with an accepted answer made a draft FAQ article.
Anyone else gets 404, recorded as a refused access."""

from typing import Any
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from walletdesk.api.base import ApiView
from walletdesk.api.v1.agent import signed_in_agent
from walletdesk.api.v1.community import (
    PostSerializer,
    TopicDetailSerializer,
    category_from_slug,
    viewer_context,
)
from walletdesk.community import selectors, services
from walletdesk.community.models import Report


class HeldPostSerializer(PostSerializer):
    topic_id = serializers.UUIDField()


class OpenReportSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    topic_id = serializers.UUIDField()
    post_id = serializers.UUIDField(allow_null=True, help_text="None: the question itself.")
    reason = serializers.ChoiceField(choices=Report.Reason.choices)
    created_at = serializers.DateTimeField()


class ModerationQueueSerializer(serializers.Serializer[Any]):
    held_topics = TopicDetailSerializer(many=True)
    held_posts = HeldPostSerializer(many=True)
    reports = OpenReportSerializer(many=True)


class ModerationQueueApi(ApiView):
    @extend_schema(operation_id="community_moderation_queue", responses=ModerationQueueSerializer)
    def get(self, request: Request) -> Response:
        """Staff: held questions and posts with the reasons they were held, and open reports,
        oldest first (the moderation page's queue). Anyone else: 404."""
        agent = signed_in_agent(request)
        queue = selectors.moderation_queue()
        context = viewer_context(agent)
        return Response(
            {
                "held_topics": TopicDetailSerializer(
                    queue.held_topics, many=True, context=context
                ).data,
                "held_posts": HeldPostSerializer(queue.held_posts, many=True, context=context).data,
                "reports": OpenReportSerializer(queue.reports, many=True).data,
            }
        )


class ModerationInput(serializers.Serializer[Any]):
    action = serializers.ChoiceField(
        choices=[
            ("approve", "approve"),
            ("hide", "hide"),
            ("lock", "lock"),
            ("unlock", "unlock"),
            ("move", "move"),
            ("dismiss", "dismiss"),
        ],
        help_text="approve and hide act on the post when one is named, else on the question; "
        "dismiss closes their open reports; lock, unlock and move act on the question.",
    )
    post = serializers.UUIDField(required=False, allow_null=True)
    category = serializers.CharField(
        max_length=32, required=False, help_text="move: a category's slug, or general."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["action"] == "move" and not attrs.get("category"):
            raise exceptions.ValidationError(
                {
                    "category": [
                        exceptions.ErrorDetail(
                            _("Choose one of the listed topics."), code="required"
                        )
                    ]
                }
            )
        return attrs


class ModerationActApi(ApiView):
    @extend_schema(
        operation_id="community_moderation_act",
        request=ModerationInput,
        responses=TopicDetailSerializer,
    )
    def post(self, request: Request, topic_id: UUID) -> Response:
        """Staff: publish, hide, lock, unlock or move a question, publish or hide a post, or
        dismiss reports. Each is audited by its service. Anyone else: 404."""
        agent = signed_in_agent(request)
        topic = selectors.topic_get_for_update(topic_id=topic_id)
        serializer = ModerationInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        post = (
            selectors.post_get_for_viewer(topic=topic, post_id=data["post"], viewer=agent)
            if data.get("post")
            else None
        )
        action = data["action"]
        category = category_from_slug(data["category"]) if action == "move" else None
        services.moderation_apply(
            actor=agent, topic=topic, post=post, action=action, category=category
        )
        topic = selectors.topic_get_for_viewer(topic_id=topic.pk, viewer=agent)
        return Response(TopicDetailSerializer(topic, context=viewer_context(agent)).data)


class ArticleDraftSerializer(serializers.Serializer[Any]):
    id = serializers.UUIDField()
    slug = serializers.CharField()
    status = serializers.CharField(help_text="draft: published only by the Help Center's step.")
    title_zh = serializers.CharField()
    title_en = serializers.CharField()


class PromotedSerializer(serializers.Serializer[Any]):
    article = ArticleDraftSerializer()
    edit_url = serializers.URLField(help_text="Where an author finishes the draft.")
    message = serializers.CharField()


class TopicPromoteApi(ApiView):
    @extend_schema(
        operation_id="community_topic_promote", request=None, responses={201: PromotedSerializer}
    )
    def post(self, request: Request, topic_id: UUID) -> Response:
        """Staff: make a draft FAQ article of the question and its accepted answer, linked both
        ways (the question names the draft; the draft ends with a link to the question). 409
        no_accepted_answer or already_promoted. Anyone else: 404."""
        agent = signed_in_agent(request)
        topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=agent)
        source = request.build_absolute_uri(reverse("community:portal-topic", args=[topic.pk]))
        article = services.topic_promote(topic=topic, actor=agent, source_url=source)
        return Response(
            {
                "article": ArticleDraftSerializer(article).data,
                "edit_url": request.build_absolute_uri(
                    reverse("admin:kb_article_change", args=[article.pk])
                ),
                "message": _("An FAQ draft was made from this question."),
            },
            status=status.HTTP_201_CREATED,
        )
