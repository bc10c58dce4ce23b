from django.utils.translation import gettext_lazy as _

from walletdesk.core.errors import DomainError


class IncidentError(DomainError):
    class Code(DomainError.Code):
        NOT_INCIDENT_LEAD = "not_incident_lead"
        INCIDENT_TEXT_MISSING = "incident_text_missing"
        INCIDENT_RESOLVED = "incident_resolved"
        ALREADY_LINKED = "already_linked"
        NOT_LINKED = "not_linked"
        UPDATE_MISSING = "update_missing"

    messages = {
        Code.NOT_INCIDENT_LEAD.value: _(
            "Only a team supervisor or an administrator can open, answer or resolve an "
            "incident. Ask one of them."
        ),
        Code.INCIDENT_TEXT_MISSING.value: _(
            "Write the incident's title and public description in both Chinese and English."
        ),
        Code.INCIDENT_RESOLVED.value: _(
            "This incident is already resolved: open a new one for a new problem."
        ),
        Code.ALREADY_LINKED.value: _(
            "This ticket is already linked to the incident “%(title)s”. Unlink it first."
        ),
        Code.NOT_LINKED.value: _("This ticket is not linked to any incident."),
        Code.UPDATE_MISSING.value: _("Write the message in Chinese, English or both."),
    }
