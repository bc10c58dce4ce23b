import pytest
from django.urls import reverse

from walletdesk.kb.models import ContactChannel

pytestmark = pytest.mark.django_db


@pytest.fixture
def hotline() -> ContactChannel:
    return ContactChannel.objects.create(
        kind=ContactChannel.Kind.HOTLINE,
        label_zh="客服热线 400-820-0000",
        label_en="Hotline 400-820-0000",
        value="+86 400 820 0000",
        hours_zh="每天 9:00–21:00",
        hours_en="Daily 9:00–21:00",
    )


def test_help_center_lists_categories_and_channels_in_chinese(client, hotline):
    html = client.get(reverse("kb:portal-home")).content.decode()

    assert "提现" in html
    assert "充值" in html
    assert "客服热线 400-820-0000" in html
    assert "每天 9:00–21:00" in html
    assert 'href="tel:+864008200000"' in html


def test_help_center_in_english(client, hotline):
    html = client.get(reverse("kb:portal-home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Withdrawal" in html
    assert "Hotline 400-820-0000" in html


def test_every_page_has_the_help_link_in_its_footer(client, alice):
    client.force_login(alice)

    for url in (
        reverse("kb:portal-home"),
        reverse("portal:new"),
        reverse("portal:list"),
    ):
        html = client.get(url).content.decode()
        assert 'class="footer-help"' in html, url


def test_a_channel_link_that_is_not_http_is_not_clickable(client):
    ContactChannel.objects.create(
        kind=ContactChannel.Kind.COMMUNITY,
        label_zh="论坛",
        label_en="Forum",
        value="javascript:alert(1)",
    )

    html = client.get(reverse("kb:portal-home")).content.decode()

    assert "javascript:alert(1)" not in html


def test_inactive_channels_are_hidden(client, hotline):
    hotline.is_active = False
    hotline.save()

    assert "400-820-0000" not in client.get(reverse("kb:portal-home")).content.decode()


def test_help_center_runs_a_fixed_number_of_queries(client, hotline, django_assert_num_queries):
    # Categories, frequently asked articles (with their category), contact channels.
    with django_assert_num_queries(3):
        client.get(reverse("kb:portal-home"))
