from django.utils.translation import gettext_lazy as _

from walletdesk.core.errors import DomainError


class ReportError(DomainError):
    class Code(DomainError.Code):
        BAD_FORMAT = "bad_format"
        NOT_READY = "not_ready"

    messages = {
        Code.BAD_FORMAT.value: _("Choose CSV or XLSX."),
        Code.NOT_READY.value: _("This export is not ready yet. This page shows when it is."),
    }
