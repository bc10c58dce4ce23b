from django.utils.translation import gettext_lazy as _

from walletdesk.core.errors import DomainError


class TicketError(DomainError):
    class Code(DomainError.Code):
        TRANSITION_NOT_ALLOWED = "transition_not_allowed"
        NOT_AGENT = "not_agent"
        NOT_REQUESTER = "not_requester"
        UNVERIFIED_EMAIL = "unverified_email"
        CATEGORY_INACTIVE = "category_inactive"
        MISSING_FIELD = "missing_field"
        REASON_REQUIRED = "reason_required"
        NOT_RESUBMITTABLE = "not_resubmittable"
        ALREADY_RESUBMITTED = "already_resubmitted"
        NOT_RATABLE = "not_ratable"
        INVALID_RATING = "invalid_rating"
        SURVEY_LINK_INVALID = "survey_link_invalid"
        EMPTY_MESSAGE = "empty_message"
        TOO_MANY_TICKETS = "too_many_tickets"
        INVALID_PRIORITY = "invalid_priority"
        SECRET_DETECTED = "secret_detected"  # noqa: S105 - an error code, not a password
        SECRET_REQUEST = "secret_request"  # noqa: S105 - an error code, not a password
        ALREADY_REDACTED = "already_redacted"
        NOTHING_TO_REDACT = "nothing_to_redact"
        NOT_IN_TEAM = "not_in_team"
        MERGE_OTHER_REQUESTER = "merge_other_requester"
        MERGE_SAME_TICKET = "merge_same_ticket"
        MERGE_TARGET_CLOSED = "merge_target_closed"
        MERGED = "merged"
        MERGE_TARGET_UNKNOWN = "merge_target_unknown"
        TAG_INACTIVE = "tag_inactive"
        NOT_SUPERVISOR = "not_supervisor"

    messages = {
        Code.TRANSITION_NOT_ALLOWED.value: _(
            "This ticket is %(status)s, so it cannot be %(action)s. Reload the page to see "
            "its latest state."
        ),
        Code.NOT_AGENT.value: _("Only support agents can do this."),
        Code.MERGE_OTHER_REQUESTER.value: _(
            "Only tickets of the same user can be merged: %(reference)s belongs to someone else."
        ),
        Code.MERGE_SAME_TICKET.value: _("A ticket cannot be merged into itself."),
        Code.TAG_INACTIVE.value: _("The tag %(tag)s is no longer in use. Choose another."),
        Code.MERGE_TARGET_UNKNOWN.value: _(
            "No ticket %(reference)s among the tickets you work. Check the reference."
        ),
        Code.MERGE_TARGET_CLOSED.value: _(
            "%(reference)s is %(status)s or merged itself: merge into a ticket that is still open."
        ),
        Code.MERGED.value: _(
            "This ticket was merged into %(reference)s. Continue the conversation there."
        ),
        Code.NOT_REQUESTER.value: _("Only the person who submitted this ticket can do this."),
        Code.UNVERIFIED_EMAIL.value: _(
            "Please confirm your e-mail address before submitting a ticket. We sent you a link."
        ),
        Code.CATEGORY_INACTIVE.value: _("This category is no longer available. Choose another."),
        Code.MISSING_FIELD.value: _("%(field)s is required for this category."),
        Code.REASON_REQUIRED.value: _("Choose a reason and write a message for the user."),
        Code.NOT_RESUBMITTABLE.value: _(
            "This ticket cannot be resubmitted. Submit a new ticket instead."
        ),
        Code.ALREADY_RESUBMITTED.value: _("This ticket was already resubmitted as %(reference)s."),
        Code.NOT_RATABLE.value: _("Only a resolved ticket can be rated, and only once."),
        Code.INVALID_RATING.value: _("Choose a rating from 1 to 5."),
        Code.SURVEY_LINK_INVALID.value: _(
            "This survey link is not valid or has expired. Sign in to rate the ticket on its page."
        ),
        Code.EMPTY_MESSAGE.value: _("Write a message first."),
        Code.TOO_MANY_TICKETS.value: _(
            "You have submitted many tickets in a short time. Please wait a while and try again."
        ),
        Code.INVALID_PRIORITY.value: _("Choose one of the listed priorities."),
        Code.SECRET_DETECTED.value: _(
            "Nothing was sent: what you wrote contains a recovery phrase or a private key. "
            "Support never asks for it. We removed it below; check the rest and send again."
        ),
        Code.SECRET_REQUEST.value: _(
            "Held back: this reply asks the user for a recovery phrase, private key, "
            "verification code or remote access. Support never asks for these; rewrite it."
        ),
        Code.ALREADY_REDACTED.value: _(
            "This text was already redacted and the guard finds no secret left in it. Nothing "
            "was changed."
        ),
        Code.NOTHING_TO_REDACT.value: _(
            "The guard finds no recovery phrase or private key in this text, so there is "
            "nothing to mask. If it holds part of one, choose to remove it entirely."
        ),
        Code.NOT_IN_TEAM.value: _(
            "This agent is not in the ticket's team. Choose someone from the list, or move the "
            "ticket to their team's category first."
        ),
        Code.NOT_SUPERVISOR.value: _(
            "Only the team's supervisor can give a colleague's ticket to someone else. Ask "
            "them, or ask your colleague to hand it over."
        ),
    }
