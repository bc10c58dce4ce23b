import factory
from django.utils import timezone

from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.community.models import Post, Topic
from walletdesk.kb import search


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"提现一直处理中 {n}")
    body = "USDT 提现两个小时了还没到账，正常吗？"
    last_activity_at = factory.LazyFunction(timezone.now)
    search_text = factory.LazyAttribute(lambda o: search.document(f"{o.title}\n{o.body}"))


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    topic = factory.SubFactory(TopicFactory)
    author = factory.SubFactory(UserFactory)
    body = "换成 TRC20 网络就到账了。"
