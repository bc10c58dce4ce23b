"""Times as people read them without guessing the zone: an offset from UTC or an IANA name,
never an abbreviation ("CST" is China, US Central and Cuba Standard Time at once)."""

from datetime import datetime, tzinfo

from django.utils import timezone


def utc_offset_text(moment: datetime) -> str:
    """'UTC+08:00' for an aware ``moment`` (its own offset, daylight saving included)."""
    offset = moment.utcoffset()
    if offset is None:
        return "UTC"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def moment_text(moment: datetime, *, seconds: bool = False) -> str:
    """'2026-12-04 21:05 UTC+08:00': ``moment`` in the active time zone, with its offset."""
    shown = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    clock = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return f"{shown.strftime(clock)} {utc_offset_text(shown)}".strip()


def zone_label(zone: tzinfo | None = None, *, at: datetime | None = None) -> str:
    """'Asia/Shanghai (UTC+08:00)': the zone's IANA name and its offset ``at`` (now)."""
    zone = zone or timezone.get_current_timezone()
    moment = (at or timezone.now()).astimezone(zone)
    return f"{getattr(zone, 'key', str(zone))} ({utc_offset_text(moment)})"
