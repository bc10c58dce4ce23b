from django.utils.translation import gettext_lazy as _

from walletdesk.core.errors import DomainError


class CalendarError(DomainError):
    class Code(DomainError.Code):
        NO_WORKING_TIME = "no_working_time"
        HOURS_BACKWARDS = "hours_backwards"
        HOURS_OVERLAP = "hours_overlap"
        DAY_DUPLICATE = "day_duplicate"
        UNKNOWN_ZONE = "unknown_zone"

    messages = {
        Code.NO_WORKING_TIME: _(
            "A calendar needs working hours on at least one weekday: without them no reply "
            "could ever be due."
        ),
        Code.HOURS_BACKWARDS: _("Working hours must close after they open (%(weekday)s)."),
        Code.HOURS_OVERLAP: _("Working hours on %(weekday)s overlap: enter each period once."),
        Code.DAY_DUPLICATE: _(
            "%(date)s is entered more than once on this calendar: keep one entry per date."
        ),
        Code.UNKNOWN_ZONE: _("Unknown time zone %(zone)s: use a name such as Asia/Shanghai."),
    }
