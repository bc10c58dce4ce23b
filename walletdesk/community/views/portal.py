"""The forum's pages: list, search, ask, a topic with its answers, and the actions on it.

Reading needs no account; every action needs a signed-in account, and the services decide
the rest (verified, name, limits, guards). A refusal shows its message on the same page with
what was typed kept, never a 500.
"""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from walletdesk.accounts.decorators import SignedInRequest, customer_required
from walletdesk.accounts.errors import AccountError
from walletdesk.community import selectors, services
from walletdesk.community.errors import CommunityError
from walletdesk.community.forms import (
    GENERAL,
    AskForm,
    NameForm,
    PostEditForm,
    PostForm,
    ReportForm,
    SearchForm,
    TopicEditForm,
)
from walletdesk.community.models import Post, Topic
from walletdesk.core import ratelimit
from walletdesk.core.replica import replica_reads
from walletdesk.tickets.models import Category
from walletdesk.tickets.selectors import category_list_active

_STATUS_BY_CODE = {
    CommunityError.Code.UNVERIFIED.value: 403,
    CommunityError.Code.NAME_RESERVED.value: 403,
    CommunityError.Code.TOO_MANY_POSTS.value: 429,
    CommunityError.Code.LOCKED.value: 409,
    CommunityError.Code.NOT_ALLOWED.value: 403,
    CommunityError.Code.NOT_AUTHOR.value: 403,
    CommunityError.Code.DELETED.value: 409,
    CommunityError.Code.HIDDEN.value: 409,
}


def _status(exc: CommunityError) -> int:
    return _STATUS_BY_CODE.get(exc.code.value, 400)


def _viewer(request: HttpRequest) -> Any:
    return request.user if request.user.is_authenticated else None


def _masked(form: Any, exc: CommunityError) -> Any:
    """The form again with the secret replaced in the fields it was in (the rest as typed)."""
    masked = exc.params.get("masked") or {}
    if not masked:
        return form
    data = form.data.copy()
    for name, value in masked.items():
        data[name] = value
    return form.__class__(data)


@replica_reads
def topic_list(request: HttpRequest) -> HttpResponse:
    """Published topics, most recently active first; by category or general discussion."""
    slug = request.GET.get("category", "")
    category = Category.objects.filter(slug=slug, is_active=True).first() if slug else None
    page = selectors.topic_list(
        category_id=category.pk if category else None,
        general=slug == GENERAL,
        cursor=request.GET.get("cursor", "")[:80],
    )
    context = {
        "page": page,
        "categories": category_list_active(),
        "chosen": slug,
        "form": SearchForm(),
    }
    return render(request, "community/portal/list.html", context)


@replica_reads
def topic_search(request: HttpRequest) -> HttpResponse:
    """Topics matching the words typed, read like Help Center searches."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "community/portal/search.html", {"form": form}, status=400)
    text = form.cleaned_data["q"]
    result = selectors.topic_search(text=text) if text.strip() else None
    return render(
        request, "community/portal/search.html", {"form": form, "text": text, "result": result}
    )


@customer_required
def topic_ask(request: SignedInRequest) -> HttpResponse:
    """Ask a question; a held one is shown to its writer with the notice that it waits."""
    if request.method != "POST":
        initial = {"category": request.GET.get("category", GENERAL)}
        return render(request, "community/portal/ask.html", {"form": AskForm(initial=initial)})
    form = AskForm(request.POST)
    if not form.is_valid():
        return render(request, "community/portal/ask.html", {"form": form}, status=400)
    try:
        written = services.topic_ask(
            author=request.user,
            category=form.cleaned_data["category"],
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            ip=ratelimit.client_ip(request),
        )
    except CommunityError as exc:
        context = {"form": _masked(form, exc), "error": exc.message}
        return render(request, "community/portal/ask.html", context, status=_status(exc))
    if written.held:
        messages.warning(request, _("Your question waits for a moderator before others see it."))
    return redirect("community:portal-topic", topic_id=written.topic.pk)


def _topic_page(
    request: HttpRequest,
    topic: Topic,
    *,
    form: PostForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    viewer = _viewer(request)
    thread = selectors.thread_for_viewer(topic=topic, viewer=viewer)
    context = {
        "topic": topic,
        "thread": thread,
        "form": form or PostForm(),
        "report_form": ReportForm(),
        "error": error,
        "may_decide": viewer is not None and (viewer.is_agent or viewer.pk == topic.author_id),
        "is_staff": viewer is not None and viewer.is_agent,
        "is_asker": viewer is not None and viewer.pk == topic.author_id,
        "categories": category_list_active(),
    }
    return render(request, "community/portal/topic.html", context, status=status)


@replica_reads
def topic_detail(request: HttpRequest, topic_id: UUID) -> HttpResponse:
    topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=_viewer(request))
    return _topic_page(request, topic)


@customer_required
@require_POST
def post_add(request: SignedInRequest, topic_id: UUID) -> HttpResponse:
    """Answer the question, or reply to an answer (``parent``)."""
    topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=request.user)
    form = PostForm(request.POST)
    if not form.is_valid():
        return _topic_page(request, topic, form=form, status=400)
    parent_id = form.cleaned_data.get("parent")
    parent = (
        selectors.post_get_for_viewer(topic=topic, post_id=parent_id, viewer=request.user)
        if parent_id
        else None
    )
    try:
        written = services.post_add(
            topic=topic,
            author=request.user,
            body=form.cleaned_data["body"],
            parent=parent,
            ip=ratelimit.client_ip(request),
        )
    except CommunityError as exc:
        return _topic_page(
            request, topic, form=_masked(form, exc), error=exc.message, status=_status(exc)
        )
    if written.held:
        messages.warning(request, _("Your post waits for a moderator before others see it."))
    anchor = f"#post-{written.post.pk}" if written.post is not None else ""
    return redirect(reverse("community:portal-topic", args=[topic.pk]) + anchor)


# --- the author's edits and deletions ---------------------------------------------------------


def _marked(form: Any, exc: CommunityError) -> Any:
    """The form with the secret masked (``_masked``) and the fields it was in marked, so the
    reader sees which one to check (the field is aria-invalid and names the error)."""
    form = _masked(form, exc)
    form.is_valid()
    marker = (
        _("This field held a recovery phrase or private key: it was removed, check the rest.")
        if exc.code == CommunityError.Code.SECRET_DETECTED
        else exc.message
    )
    for name in exc.params.get("fields") or []:
        if name in form.fields:
            form.add_error(name, marker)
    return form


def _edit_page(
    request: HttpRequest,
    topic: Topic,
    post: Post | None,
    form: Any,
    *,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {"topic": topic, "post": post, "form": form, "error": error}
    return render(request, "community/portal/edit.html", context, status=status)


def _own(topic: Topic, post: Post | None, user: Any) -> None:
    # Someone else's post, or one already deleted, is not there to edit: 404, not a form.
    item: Topic | Post = post if post is not None else topic
    if item.author_id != user.pk or item.is_deleted:
        raise Http404


def _after_edit(topic: Topic, written: services.Written, request: HttpRequest) -> HttpResponse:
    if written.held:
        messages.warning(request, _("Your edit waits for a moderator before others see it."))
    else:
        messages.success(request, _("Your changes were saved."))
    anchor = f"#post-{written.post.pk}" if written.post is not None else ""
    return redirect(reverse("community:portal-topic", args=[topic.pk]) + anchor)


@customer_required
def topic_edit(request: SignedInRequest, topic_id: UUID) -> HttpResponse:
    """The asker edits their question; the new text is checked as a new question is."""
    topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=request.user)
    _own(topic, None, request.user)
    if request.method != "POST":
        form = TopicEditForm(initial={"title": topic.title, "body": topic.body})
        return _edit_page(request, topic, None, form)
    form = TopicEditForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, topic, None, form, status=400)
    try:
        written = services.topic_edit(
            topic=topic,
            editor=request.user,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            ip=ratelimit.client_ip(request),
        )
    except CommunityError as exc:
        return _edit_page(
            request, topic, None, _marked(form, exc), error=exc.message, status=_status(exc)
        )
    return _after_edit(topic, written, request)


@customer_required
def post_edit(request: SignedInRequest, topic_id: UUID, post_id: UUID) -> HttpResponse:
    """The author edits their answer or reply; checked as a new one is."""
    topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=request.user)
    post = selectors.post_get_for_viewer(topic=topic, post_id=post_id, viewer=request.user)
    _own(topic, post, request.user)
    if request.method != "POST":
        return _edit_page(request, topic, post, PostEditForm(initial={"body": post.body}))
    form = PostEditForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, topic, post, form, status=400)
    post.topic = topic
    try:
        written = services.post_edit(
            post=post,
            editor=request.user,
            body=form.cleaned_data["body"],
            ip=ratelimit.client_ip(request),
        )
    except CommunityError as exc:
        return _edit_page(
            request, topic, post, _marked(form, exc), error=exc.message, status=_status(exc)
        )
    return _after_edit(topic, written, request)


def _delete_page(request: HttpRequest, topic: Topic, post: Post | None) -> HttpResponse:
    return render(request, "community/portal/delete.html", {"topic": topic, "post": post})


@customer_required
def topic_delete(request: SignedInRequest, topic_id: UUID) -> HttpResponse:
    """The asker deletes their question: a page that asks first, then the soft delete."""
    topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=request.user)
    _own(topic, None, request.user)
    if request.method != "POST":
        return _delete_page(request, topic, None)
    try:
        services.topic_delete(topic=topic, actor=request.user)
    except CommunityError as exc:
        return _topic_page(request, topic, error=exc.message, status=_status(exc))
    messages.success(request, _("Your question was deleted."))
    return redirect("community:portal-list")


@customer_required
def post_delete(request: SignedInRequest, topic_id: UUID, post_id: UUID) -> HttpResponse:
    """The author deletes their answer or reply: a page that asks first, then the soft
    delete."""
    topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=request.user)
    post = selectors.post_get_for_viewer(topic=topic, post_id=post_id, viewer=request.user)
    _own(topic, post, request.user)
    if request.method != "POST":
        return _delete_page(request, topic, post)
    try:
        services.post_delete(post=post, actor=request.user)
    except CommunityError as exc:
        return _topic_page(request, topic, error=exc.message, status=_status(exc))
    messages.success(request, _("Your post was deleted."))
    return redirect("community:portal-topic", topic_id=topic.pk)


def _act(request: SignedInRequest, topic: Topic, action: Any) -> HttpResponse:
    try:
        action()
    except CommunityError as exc:
        return _topic_page(request, topic, error=exc.message, status=_status(exc))
    return redirect("community:portal-topic", topic_id=topic.pk)


@customer_required
@require_POST
def answer_accept(request: SignedInRequest, topic_id: UUID, post_id: UUID) -> HttpResponse:
    topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=request.user)
    post = selectors.post_get_for_viewer(topic=topic, post_id=post_id, viewer=request.user)
    return _act(
        request,
        topic,
        lambda: services.answer_accept(topic=topic, post=post, actor=request.user),
    )


@customer_required
@require_POST
def vote(request: SignedInRequest, topic_id: UUID, post_id: UUID) -> HttpResponse:
    topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=request.user)
    post = selectors.post_get_for_viewer(topic=topic, post_id=post_id, viewer=request.user)
    value = -1 if request.POST.get("value") == "down" else 1
    return _act(
        request, topic, lambda: services.vote_cast(post=post, user=request.user, value=value)
    )


@customer_required
@require_POST
def report(request: SignedInRequest, topic_id: UUID) -> HttpResponse:
    topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=request.user)
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _topic_page(request, topic, error=_("Choose a reason."), status=400)
    post_id = form.cleaned_data.get("post")
    post = (
        selectors.post_get_for_viewer(topic=topic, post_id=post_id, viewer=request.user)
        if post_id
        else None
    )
    try:
        services.report_add(
            topic=topic, post=post, reporter=request.user, reason=form.cleaned_data["reason"]
        )
    except CommunityError as exc:
        return _topic_page(request, topic, error=exc.message, status=_status(exc))
    messages.info(request, _("Thank you: a moderator will look at it."))
    return redirect("community:portal-topic", topic_id=topic.pk)


@customer_required
@require_POST
def promote(request: SignedInRequest, topic_id: UUID) -> HttpResponse:
    """Staff: make a draft FAQ article of the question and its accepted answer."""
    topic = selectors.topic_get_for_viewer(topic_id=topic_id, viewer=request.user)
    source = request.build_absolute_uri(reverse("community:portal-topic", args=[topic.pk]))
    try:
        services.topic_promote(topic=topic, actor=request.user, source_url=source)
    except CommunityError as exc:
        return _topic_page(request, topic, error=exc.message, status=_status(exc))
    messages.success(request, _("An FAQ draft was made from this question."))
    return redirect("community:portal-topic", topic_id=topic.pk)


@customer_required
def ticket_start(request: SignedInRequest, topic_id: UUID) -> HttpResponse:
    """The asker: open the ticket form pre-filled with the question; private details are
    typed there and go to the ticket only."""
    topic = selectors.topic_get_for_asker(topic_id=topic_id, user=request.user)
    slug = topic.category.slug if topic.category else services.FALLBACK_CATEGORY
    return redirect(reverse("portal:create", args=[slug]) + f"?from_topic={topic.pk}")


@customer_required
def name(request: SignedInRequest) -> HttpResponse:
    """The name the forum shows; staff-like names are refused for non-staff."""
    if request.method != "POST":
        form = NameForm(initial={"display_name": request.user.display_name})
        return render(request, "community/portal/name.html", {"form": form})
    form = NameForm(request.POST)
    if not form.is_valid():
        return render(request, "community/portal/name.html", {"form": form}, status=400)
    try:
        services.forum_name_set(user=request.user, display_name=form.cleaned_data["display_name"])
    except AccountError as exc:
        context = {"form": form, "error": exc.message}
        return render(request, "community/portal/name.html", context, status=400)
    messages.success(request, _("Your forum name was saved."))
    return redirect("community:portal-list")
