import pytest
from django.urls import reverse

from walletdesk.community.models import Topic
from walletdesk.community.tests.factories import PostFactory, TopicFactory


@pytest.mark.parametrize("model", ["topic", "post", "report"])
def test_the_admin_lists_the_forum_read_only(client, dave, model):
    PostFactory(topic=TopicFactory(title="管理后台列表"))
    client.force_login(dave)

    response = client.get(reverse(f"admin:community_{model}_changelist"))

    assert response.status_code == 200


def test_the_admin_changes_no_topic(client, dave):
    topic = TopicFactory(title="不能在后台改")
    client.force_login(dave)

    client.post(reverse("admin:community_topic_change", args=[topic.pk]), {"title": "changed"})

    assert Topic.objects.get().title == "不能在后台改"
