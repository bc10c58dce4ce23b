import factory

from walletdesk.kb import search
from walletdesk.kb.models import Article
from walletdesk.tickets.models import Category


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article, indexed as the services would index it."""

    class Meta:
        model = Article

    slug = factory.Sequence(lambda n: f"test-article-{n}")
    category = factory.LazyFunction(lambda: Category.objects.get(slug="other"))
    status = Article.Status.PUBLISHED
    title_zh = factory.Sequence(lambda n: f"测试文章 {n}")
    title_en = factory.Sequence(lambda n: f"Test article {n}")
    body_zh = "测试正文。"
    body_en = "Test body."
    search_title = factory.LazyAttribute(lambda a: search.document(f"{a.title_zh} {a.title_en}"))
    search_body = factory.LazyAttribute(lambda a: search.document(f"{a.body_zh}\n{a.body_en}"))
