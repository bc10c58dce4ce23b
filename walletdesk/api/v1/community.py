"""The community forum over the REST API: what its pages read and write, for the wallet app.

Reading needs no account, as on the pages; every write needs a signed-in account and goes
through the same service the page calls (community/services.py), so the same rules decide:
verified account, a display name that is not staff-like, limits per account and per client
address, the secret guard (422 secret_detected, nothing stored, the text back masked), and the
impersonation guard (a text is stored held: 202 with state "held", seen by its writer and the
moderators only). A new question, answer or reply takes an Idempotency-Key, as a new ticket
does: the wallet app retries on flaky networks. Who sees what is the selectors' rule
(community/selectors.py): a held or hidden topic or post answers 404 to anyone but its writer
and staff.
"""

from collections.abc import Callable, Sequence
from typing import Any, TypeVar
from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import SAFE_METHODS, AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from walletdesk.accounts.models import User
from walletdesk.api.base import ApiView, signed_in_user
from walletdesk.api.idempotency import idempotent
from walletdesk.api.throttling import RateLimited
from walletdesk.api.v1.shapes import CategoryRefSerializer
from walletdesk.api.v1.tickets import IDEMPOTENCY_PARAMETER
from walletdesk.community import limits, selectors, services
from walletdesk.community.errors import CommunityError
from walletdesk.community.forms import GENERAL
from walletdesk.community.models import Post, Report, Topic, Visibility
from walletdesk.community.templatetags.community import author_name
from walletdesk.core import ratelimit
from walletdesk.guard.models import Channel
from walletdesk.tickets.models import Category
from walletdesk.tickets.selectors import category_get_active

T = TypeVar("T")


def _viewer(request: Request) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def _is_staff(viewer: User | None) -> bool:
    return viewer is not None and viewer.is_agent


def category_from_slug(slug: str) -> Category | None:
    """``general`` (general discussion: None) or an active category; anything else is a 400
    naming the field, as the page's choice field refuses it."""
    if slug == GENERAL:
        return None
    category = category_get_active(slug)
    if category is None:
        raise exceptions.ValidationError(
            {
                "category": [
                    exceptions.ErrorDetail(
                        _("Choose one of the listed topics."), code="unknown_category"
                    )
                ]
            }
        )
    return category


def _call(write: Callable[[], T]) -> T:
    """Run a forum service; its "posting too fast" is the API's 429 with Retry-After."""
    try:
        return write()
    except CommunityError as error:
        if error.code == CommunityError.Code.TOO_MANY_POSTS:
            minutes = int(error.params.get("minutes", 1))
            raise RateLimited(minutes * 60, error.message) from error
        raise


# --- output shapes ----------------------------------------------------------------------------


class _Written(serializers.Serializer[Any]):
    """A question, answer or reply as the caller may see it."""

    author_name = serializers.SerializerMethodField()
    verified = serializers.SerializerMethodField(
        help_text="The author is support staff: a badge the system gives, which no name earns."
    )
    state = serializers.ChoiceField(
        source="visibility",
        choices=Visibility.choices,
        help_text="visible; held (waits for a moderator: only its writer and staff see it); "
        "hidden (by a moderator).",
    )
    deleted = serializers.SerializerMethodField(
        help_text="Deleted by its author: the text is gone, the place in the thread stays."
    )
    links_clickable = serializers.SerializerMethodField(
        help_text="Links in a held text, or in one by a new author (days old, or few published "
        "posts), are shown as text."
    )
    hold_reasons = serializers.SerializerMethodField(
        help_text="Why the guard held it: for staff only, empty for everyone else."
    )
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)

    def get_author_name(self, item: Topic | Post) -> str:
        return author_name(item.author)

    def get_verified(self, item: Topic | Post) -> bool:
        return bool(item.author.is_agent)

    def get_deleted(self, item: Topic | Post) -> bool:
        return item.is_deleted

    def get_links_clickable(self, item: Topic | Post) -> bool:
        return services.links_clickable(item)

    def get_hold_reasons(self, item: Topic | Post) -> list[str]:
        return list(item.hold_reasons) if self.context.get("is_staff") else []


class TopicSummarySerializer(_Written):
    id = serializers.UUIDField()
    title = serializers.SerializerMethodField()
    category = CategoryRefSerializer(allow_null=True)
    answer_count = serializers.IntegerField()
    answered = serializers.SerializerMethodField(help_text="An answer was accepted.")
    last_activity_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField(help_text="The question's page on the site.")

    def get_title(self, topic: Topic) -> str:
        return "" if topic.is_deleted else topic.title

    def get_answered(self, topic: Topic) -> bool:
        return topic.accepted_answer_id is not None

    def get_url(self, topic: Topic) -> str:
        return reverse("community:portal-topic", args=[topic.pk])


class TopicDetailSerializer(TopicSummarySerializer):
    body = serializers.SerializerMethodField()
    is_locked = serializers.BooleanField(help_text="No new answers or replies.")
    accepted_answer_id = serializers.UUIDField(allow_null=True)

    def get_body(self, topic: Topic) -> str:
        return "" if topic.is_deleted else topic.body


class PostSerializer(_Written):
    id = serializers.UUIDField()
    parent_id = serializers.UUIDField(allow_null=True, help_text="The answer a reply is to.")
    body = serializers.SerializerMethodField()
    score = serializers.IntegerField()
    accepted = serializers.SerializerMethodField(help_text="The asker's (or staff's) choice.")
    my_vote = serializers.SerializerMethodField(help_text="1, -1, or 0 (none, or signed out).")

    def get_body(self, post: Post) -> str:
        return "" if post.is_deleted else post.body

    def get_accepted(self, post: Post) -> bool:
        return post.pk == self.context.get("accepted_id")

    def get_my_vote(self, post: Post) -> int:
        return int(self.context.get("my_votes", {}).get(post.pk, 0))


class AnswerSerializer(PostSerializer):
    replies = serializers.SerializerMethodField()

    @extend_schema_field(PostSerializer(many=True))
    def get_replies(self, post: Post) -> Any:
        replies = self.context.get("replies", {}).get(post.pk, [])
        return PostSerializer(replies, many=True, context=self.context).data


class ThreadSerializer(serializers.Serializer[Any]):
    topic = TopicDetailSerializer()
    answers = AnswerSerializer(many=True)


class TopicPageSerializer(serializers.Serializer[Any]):
    results = TopicSummarySerializer(many=True)
    next_cursor = serializers.CharField(allow_null=True)


class TopicSearchSerializer(serializers.Serializer[Any]):
    query = serializers.CharField()
    results = TopicSummarySerializer(many=True)


class TopicWrittenSerializer(serializers.Serializer[Any]):
    state = serializers.ChoiceField(choices=Visibility.choices)
    notice = serializers.CharField(help_text="For the writer: why others do not see it yet.")
    topic = TopicDetailSerializer()


class PostWrittenSerializer(serializers.Serializer[Any]):
    state = serializers.ChoiceField(choices=Visibility.choices)
    notice = serializers.CharField(help_text="For the writer: why others do not see it yet.")
    post = PostSerializer()


class VoteSerializer(serializers.Serializer[Any]):
    score = serializers.IntegerField()
    my_vote = serializers.IntegerField(
        help_text="1, -1, or 0: voting the same again takes it back."
    )


class AcceptedSerializer(serializers.Serializer[Any]):
    accepted_answer_id = serializers.UUIDField()


class ReportedSerializer(serializers.Serializer[Any]):
    recorded = serializers.BooleanField()
    message = serializers.CharField()


def viewer_context(viewer: User | None) -> dict[str, Any]:
    return {"is_staff": _is_staff(viewer)}


def _written_status(written: services.Written, *, created: bool) -> int:
    # Held is stored but not published yet: accepted, for a moderator to decide.
    if written.held:
        return status.HTTP_202_ACCEPTED
    return status.HTTP_201_CREATED if created else status.HTTP_200_OK


def _topic_written(
    written: services.Written, viewer: User, notice: str, *, created: bool
) -> Response:
    topic = selectors.topic_get_for_viewer(topic_id=written.topic.pk, viewer=viewer)
    body = {
        "state": topic.visibility,
        "notice": notice if written.held else "",
        "topic": TopicDetailSerializer(topic, context=viewer_context(viewer)).data,
    }
    return Response(body, status=_written_status(written, created=created))


def _post_written(
    written: services.Written, viewer: User, notice: str, *, created: bool
) -> Response:
    post = written.post
    assert post is not None  # noqa: S101 - an answer's or reply's service always returns it
    context = {**viewer_context(viewer), "accepted_id": written.topic.accepted_answer_id}
    body = {
        "state": post.visibility,
        "notice": notice if written.held else "",
        "post": PostSerializer(post, context=context).data,
    }
    return Response(body, status=_written_status(written, created=created))


def _held_responses(shape: type[serializers.Serializer[Any]], *, created: bool) -> dict[int, Any]:
    done = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return {
        done: shape,
        status.HTTP_202_ACCEPTED: OpenApiResponse(
            shape, description="Stored held: it waits for a moderator; only you and staff see it."
        ),
    }


# --- views ------------------------------------------------------------------------------------


class ForumApi(ApiView):
    """Reading is open to anyone, as the forum's pages; writing needs a signed-in account."""

    def get_permissions(self) -> Sequence[Any]:
        if self.request.method in SAFE_METHODS:
            return [AllowAny()]
        return super().get_permissions()


class TopicListInput(serializers.Serializer[Any]):
    category = serializers.CharField(
        max_length=32, required=False, help_text="A category's slug, or general."
    )
    cursor = serializers.CharField(
        max_length=80, required=False, allow_blank=True, help_text="next_cursor of a page."
    )


class AskInput(serializers.Serializer[Any]):
    category = serializers.CharField(
        max_length=32, default=GENERAL, help_text="A category's slug, or general."
    )
    title = serializers.CharField(max_length=limits.TITLE_MAX)
    body = serializers.CharField(max_length=limits.BODY_MAX)


class TopicCollectionApi(ForumApi):
    @extend_schema(
        operation_id="community_topics_list",
        parameters=[TopicListInput],
        responses=TopicPageSerializer,
    )
    def get(self, request: Request) -> Response:
        """Published questions, most recently active first, 20 a page; pass next_cursor back
        for the next page."""
        serializer = TopicListInput(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        slug = serializer.validated_data.get("category", "")
        category = category_from_slug(slug) if slug else None
        page = selectors.topic_list(
            category_id=category.pk if category is not None else None,
            general=slug == GENERAL,
            cursor=serializer.validated_data.get("cursor", ""),
            author_record=True,
        )
        context = viewer_context(_viewer(request))
        return Response(
            {
                "results": TopicSummarySerializer(page.topics, many=True, context=context).data,
                "next_cursor": page.next_cursor or None,
            }
        )

    @extend_schema(
        operation_id="community_topics_create",
        request=AskInput,
        responses=_held_responses(TopicWrittenSerializer, created=True),
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent("community-ask")
    def post(self, request: Request) -> Response:
        """Ask a question. 422 secret_detected (nothing stored, the text back in masked);
        202 state held when it waits for a moderator."""
        user = signed_in_user(request)
        serializer = AskInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        category = category_from_slug(data["category"])
        written = _call(
            lambda: services.topic_ask(
                author=user,
                category=category,
                title=data["title"],
                body=data["body"],
                ip=ratelimit.client_ip(request),
                channel=Channel.API,
            )
        )
        notice = _("Your question waits for a moderator before others see it.")
        return _topic_written(written, user, notice, created=True)


class SearchInput(serializers.Serializer[Any]):
    q = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class TopicSearchApi(ForumApi):
    @extend_schema(
        operation_id="community_topics_search",
        parameters=[SearchInput],
        responses=TopicSearchSerializer,
    )
    def get(self, request: Request) -> Response:
        """Published questions matching the words, best first (the forum page's search)."""
        serializer = SearchInput(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        text = serializer.validated_data["q"]
        topics = (
            selectors.topic_search(text=text, author_record=True).topics if text.strip() else []
        )
        context = viewer_context(_viewer(request))
        return Response(
            {
                "query": text,
                "results": TopicSummarySerializer(topics, many=True, context=context).data,
            }
        )


class EditTopicInput(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=limits.TITLE_MAX)
    body = serializers.CharField(max_length=limits.BODY_MAX)


class TopicApi(ForumApi):
    @extend_schema(operation_id="community_topics_get", responses=ThreadSerializer)
    def get(self, request: Request, topic_id: UUID) -> Response:
        """A question with the answers the caller may see (accepted first), each with its
        replies. Held and hidden ones are the writer's and staff's only."""
        viewer = _viewer(request)
        topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=viewer)
        thread = selectors.thread_for_viewer(topic=topic, viewer=viewer)
        context = {
            **viewer_context(viewer),
            "accepted_id": topic.accepted_answer_id,
            "my_votes": thread.my_votes,
            "replies": thread.replies,
        }
        return Response(
            {
                "topic": TopicDetailSerializer(topic, context=context).data,
                "answers": AnswerSerializer(thread.answers, many=True, context=context).data,
            }
        )

    @extend_schema(
        operation_id="community_topics_edit",
        request=EditTopicInput,
        responses=_held_responses(TopicWrittenSerializer, created=False),
    )
    def put(self, request: Request, topic_id: UUID) -> Response:
        """The asker edits their question; the new text is checked as a new one is."""
        user = signed_in_user(request)
        topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=user)
        serializer = EditTopicInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        written = _call(
            lambda: services.topic_edit(
                topic=topic,
                editor=user,
                title=data["title"],
                body=data["body"],
                ip=ratelimit.client_ip(request),
                channel=Channel.API,
            )
        )
        notice = _("Your edit waits for a moderator before others see it.")
        return _topic_written(written, user, notice, created=False)

    @extend_schema(operation_id="community_topics_delete", responses={204: None})
    def delete(self, request: Request, topic_id: UUID) -> Response:
        """The asker deletes their question (anyone else: 404)."""
        user = signed_in_user(request)
        topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=user)
        services.topic_delete(topic=topic, actor=user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PostInput(serializers.Serializer[Any]):
    body = serializers.CharField(max_length=limits.BODY_MAX)


def _post_add(request: Request, topic_id: UUID, parent_id: UUID | None) -> Response:
    user = signed_in_user(request)
    topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=user)
    parent = (
        selectors.post_get_for_viewer(topic=topic, post_id=parent_id, viewer=user)
        if parent_id is not None
        else None
    )
    serializer = PostInput(data=request.data)
    serializer.is_valid(raise_exception=True)
    written = _call(
        lambda: services.post_add(
            topic=topic,
            author=user,
            body=serializer.validated_data["body"],
            parent=parent,
            ip=ratelimit.client_ip(request),
            channel=Channel.API,
        )
    )
    notice = _("Your post waits for a moderator before others see it.")
    return _post_written(written, user, notice, created=True)


class AnswerCreateApi(ForumApi):
    @extend_schema(
        operation_id="community_answers_create",
        request=PostInput,
        responses=_held_responses(PostWrittenSerializer, created=True),
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent("community-answer")
    def post(self, request: Request, topic_id: UUID) -> Response:
        """Answer a question."""
        return _post_add(request, topic_id, None)


class ReplyCreateApi(ForumApi):
    @extend_schema(
        operation_id="community_replies_create",
        request=PostInput,
        responses=_held_responses(PostWrittenSerializer, created=True),
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent("community-reply")
    def post(self, request: Request, topic_id: UUID, post_id: UUID) -> Response:
        """Reply to an answer (a reply to a reply is refused: not_an_answer)."""
        return _post_add(request, topic_id, post_id)


class PostApi(ForumApi):
    @extend_schema(
        operation_id="community_posts_edit",
        request=PostInput,
        responses=_held_responses(PostWrittenSerializer, created=False),
    )
    def put(self, request: Request, topic_id: UUID, post_id: UUID) -> Response:
        """The author edits their answer or reply; checked as a new one is."""
        user = signed_in_user(request)
        topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=user)
        post = selectors.post_get_for_viewer(topic=topic, post_id=post_id, viewer=user)
        serializer = PostInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        post.topic = topic
        written = _call(
            lambda: services.post_edit(
                post=post,
                editor=user,
                body=serializer.validated_data["body"],
                ip=ratelimit.client_ip(request),
                channel=Channel.API,
            )
        )
        notice = _("Your edit waits for a moderator before others see it.")
        return _post_written(written, user, notice, created=False)

    @extend_schema(operation_id="community_posts_delete", responses={204: None})
    def delete(self, request: Request, topic_id: UUID, post_id: UUID) -> Response:
        """The author deletes their answer or reply (anyone else: 404)."""
        user = signed_in_user(request)
        topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=user)
        post = selectors.post_get_for_viewer(topic=topic, post_id=post_id, viewer=user)
        services.post_delete(post=post, actor=user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class VoteInput(serializers.Serializer[Any]):
    value = serializers.ChoiceField(choices=[("up", "up"), ("down", "down")])


class VoteApi(ForumApi):
    @extend_schema(operation_id="community_posts_vote", request=VoteInput, responses=VoteSerializer)
    def post(self, request: Request, topic_id: UUID, post_id: UUID) -> Response:
        """Vote an answer up or down; the same vote again takes it back."""
        user = signed_in_user(request)
        topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=user)
        post = selectors.post_get_for_viewer(topic=topic, post_id=post_id, viewer=user)
        serializer = VoteInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        value = -1 if serializer.validated_data["value"] == "down" else 1
        post = _call(lambda: services.vote_cast(post=post, user=user, value=value))
        return Response(
            {"score": post.score, "my_vote": selectors.vote_value_get(post=post, user=user)}
        )


class AcceptApi(ForumApi):
    @extend_schema(
        operation_id="community_posts_accept", request=None, responses=AcceptedSerializer
    )
    def post(self, request: Request, topic_id: UUID, post_id: UUID) -> Response:
        """Accept an answer: the asker or staff (anyone else: 403 not_allowed)."""
        user = signed_in_user(request)
        topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=user)
        post = selectors.post_get_for_viewer(topic=topic, post_id=post_id, viewer=user)
        topic = services.answer_accept(topic=topic, post=post, actor=user)
        return Response({"accepted_answer_id": topic.accepted_answer_id})


class ReportInput(serializers.Serializer[Any]):
    reason = serializers.ChoiceField(choices=Report.Reason.choices)
    post = serializers.UUIDField(
        required=False, allow_null=True, help_text="An answer or reply; none: the question."
    )


class ReportCreateApi(ForumApi):
    @extend_schema(
        operation_id="community_reports_create",
        request=ReportInput,
        responses={201: ReportedSerializer},
    )
    def post(self, request: Request, topic_id: UUID) -> Response:
        """Report the question, or one of its posts, to the moderators (once per account)."""
        user = signed_in_user(request)
        topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=user)
        serializer = ReportInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        post_id = serializer.validated_data.get("post")
        post = (
            selectors.post_get_for_viewer(topic=topic, post_id=post_id, viewer=user)
            if post_id
            else None
        )
        reason = serializer.validated_data["reason"]
        _call(lambda: services.report_add(topic=topic, post=post, reporter=user, reason=reason))
        return Response(
            {"recorded": True, "message": _("Thank you: a moderator will look at it.")},
            status=status.HTTP_201_CREATED,
        )
