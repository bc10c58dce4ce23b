"""The account's time zone: the browser's replaces the site default once, never a chosen one."""

import pytest
from django.urls import reverse

from walletdesk.accounts import services
from walletdesk.accounts.errors import AccountError
from walletdesk.accounts.models import User

pytestmark = pytest.mark.django_db

URL = reverse("accounts:time-zone-detected")


def test_a_new_account_has_the_site_default_until_a_browser_says_otherwise(alice):
    assert (alice.time_zone, alice.time_zone_source) == ("Asia/Shanghai", "default")


def test_the_browsers_zone_is_taken_once(alice):
    assert services.user_time_zone_detected(user=alice, time_zone="Europe/Berlin")

    assert not services.user_time_zone_detected(user=alice, time_zone="America/New_York")

    alice.refresh_from_db()
    assert (alice.time_zone, alice.time_zone_source) == ("Europe/Berlin", "browser")


def test_the_browser_never_replaces_a_chosen_zone(alice):
    services.user_profile_update(
        user=alice, display_name="", language="zh-hans", time_zone="Asia/Tokyo"
    )

    taken = services.user_time_zone_detected(user=alice, time_zone="Europe/Berlin")

    alice.refresh_from_db()
    assert not taken
    assert (alice.time_zone, alice.time_zone_source) == ("Asia/Tokyo", "user")


def test_saving_the_profile_with_the_zone_unchanged_is_no_choice_of_zone(alice):
    services.user_profile_update(
        user=alice, display_name="Alice", language="zh-hans", time_zone="Asia/Shanghai"
    )

    alice.refresh_from_db()
    assert alice.time_zone_source == "default"


@pytest.mark.parametrize("name", ["", "CST", "Mars/Olympus_Mons", "x" * 200])
def test_a_name_that_is_no_zone_is_refused(alice, name):
    with pytest.raises(AccountError) as caught:
        services.user_time_zone_detected(user=alice, time_zone=name)

    assert caught.value.code == AccountError.Code.TIME_ZONE_UNKNOWN
    alice.refresh_from_db()
    assert (alice.time_zone, alice.time_zone_source) == ("Asia/Shanghai", "default")


def test_the_page_reports_the_zone_and_hears_the_label(client, alice):
    client.force_login(alice)

    response = client.post(URL, {"time_zone": "America/New_York"})

    assert response.status_code == 200
    assert response.json()["time_zone"] == "America/New_York"
    assert response.json()["label"].startswith("America/New_York (UTC-0")
    assert User.objects.get(pk=alice.pk).time_zone == "America/New_York"


def test_a_bad_zone_is_a_localised_400(client, alice):
    client.force_login(alice)

    response = client.post(URL, {"time_zone": "Nowhere/Land"})

    assert response.status_code == 400
    assert response.json()["error"] == "请从列表中选择时区。"
    assert User.objects.get(pk=alice.pk).time_zone == "Asia/Shanghai"


def test_only_a_signed_in_user_reports_a_zone(client):
    assert client.post(URL, {"time_zone": "Europe/Berlin"}).status_code == 302
    assert client.get(URL).status_code in (302, 405)


def test_without_javascript_pages_work_and_the_default_stays(client, alice):
    client.force_login(alice)

    html = client.get(reverse("portal:create", args=["deposit"])).content.decode()

    assert "data-time-zone-detect" in html
    assert "Asia/Shanghai (UTC+08:00)" in html
    alice.refresh_from_db()
    assert alice.time_zone == "Asia/Shanghai"


def test_a_user_with_a_zone_is_not_asked_again(client, alice):
    User.objects.filter(pk=alice.pk).update(time_zone_source="browser")
    client.force_login(alice)

    html = client.get(reverse("portal:list")).content.decode()

    assert "data-time-zone-detect" not in html
