import zoneinfo
from datetime import UTC, datetime

from django.utils import timezone

from walletdesk.core.zones import moment_text, utc_offset_text, zone_label

SUMMER = datetime(2025, 7, 1, 6, 30, tzinfo=UTC)
WINTER = datetime(2025, 1, 15, 6, 30, tzinfo=UTC)


def test_a_moment_reads_in_the_active_zone_with_its_offset():
    with timezone.override(zoneinfo.ZoneInfo("Asia/Shanghai")):
        assert moment_text(SUMMER) == "2025-07-01 14:30 UTC+08:00"
        assert moment_text(SUMMER, seconds=True) == "2025-07-01 14:30:00 UTC+08:00"


def test_the_offset_follows_daylight_saving_and_half_hours():
    with timezone.override(zoneinfo.ZoneInfo("America/New_York")):
        assert moment_text(SUMMER) == "2025-07-01 02:30 UTC-04:00"
        assert moment_text(WINTER) == "2025-01-15 01:30 UTC-05:00"
    with timezone.override(zoneinfo.ZoneInfo("Asia/Kolkata")):
        assert moment_text(WINTER).endswith("UTC+05:30")
    assert utc_offset_text(SUMMER) == "UTC+00:00"


def test_a_zone_is_named_by_its_iana_name_and_offset():
    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")

    assert zone_label(shanghai, at=SUMMER) == "Asia/Shanghai (UTC+08:00)"
    assert zone_label(zoneinfo.ZoneInfo("Europe/London"), at=SUMMER) == "Europe/London (UTC+01:00)"
    with timezone.override(shanghai):
        assert zone_label() == "Asia/Shanghai (UTC+08:00)"
