from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_POST

from walletdesk.core.replica import replica_reads
from walletdesk.kb.errors import ArticleError
from walletdesk.kb.forms import SearchForm, VoteForm
from walletdesk.kb.models import Article, SearchQuery
from walletdesk.kb.rendering import markdown_to_html
from walletdesk.kb.selectors import (
    article_get_published,
    article_list_published,
    article_search,
)
from walletdesk.kb.services import article_view_record, article_vote_add, search_query_record
from walletdesk.tickets.models import Category
from walletdesk.tickets.selectors import category_list_active


@replica_reads
def home(request: HttpRequest) -> HttpResponse:
    """The Help Center landing: search, topics, frequently asked questions, contact channels."""
    articles = article_list_published()
    return render(
        request,
        "kb/portal/home.html",
        {"categories": category_list_active(), "articles": articles[:8], "form": SearchForm()},
    )


@replica_reads
def search(request: HttpRequest) -> HttpResponse:
    """Search results with highlighted snippets; nothing found offers a pre-filled ticket."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        return render(request, "kb/portal/search.html", {"form": form}, status=400)
    text = form.cleaned_data["q"]
    result = article_search(text=text, limit=20) if text.strip() else None
    if result is not None:
        search_query_record(
            text=text,
            result_count=len(result.hits),
            source=SearchQuery.Source.PAGE,
            language=translation.get_language() or "",
        )
    context = {"form": form, "text": text, "result": result}
    if result is not None and result.is_empty:
        context["categories"] = category_list_active()
    return render(request, "kb/portal/search.html", context)


@replica_reads
def topic(request: HttpRequest, slug: str) -> HttpResponse:
    """The published articles of one topic."""
    category = get_object_or_404(Category, slug=slug, is_active=True)
    return render(
        request,
        "kb/portal/topic.html",
        {"category": category, "articles": article_list_published(category=category)},
    )


@replica_reads
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One article, sanitised, with related articles and the "was this helpful?" form."""
    article = article_get_published(slug=slug)
    article_view_record(article=article)
    return _article_page(request, article, VoteForm())


def _article_page(
    request: HttpRequest, article: Article, form: VoteForm, status: int = 200, error: str = ""
) -> HttpResponse:
    context = {
        "article": article,
        "body_html": markdown_to_html(article.body),
        "form": form,
        "error": error,
        "voted": request.GET.get("voted") == "1",
        "solved": request.GET.get("solved") == "1",
    }
    return render(request, "kb/portal/article.html", context, status=status)


@require_POST
def article_vote(request: HttpRequest, slug: str) -> HttpResponse:
    """Record "was this helpful?" with an optional reason."""
    article = article_get_published(slug=slug)
    form = VoteForm(request.POST)
    if not form.is_valid():
        return _article_page(request, article, form, status=400)
    user = request.user if request.user.is_authenticated else None
    try:
        article_vote_add(
            article=article,
            helpful=form.cleaned_data["helpful"],
            reason=form.cleaned_data["reason"],
            user=user,
        )
    except ArticleError as error:
        return _article_page(request, article, form, status=400, error=error.message)
    return redirect(reverse("kb:portal-article", args=[article.slug]) + "?voted=1")


@replica_reads
def contact(request: HttpRequest) -> HttpResponse:
    """Hotline and hours, social media, community: every way to reach support."""
    return render(request, "kb/portal/contact.html", {})
