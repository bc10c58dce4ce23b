from django.utils.translation import gettext_lazy as _

from walletdesk.core.errors import DomainError


class CommunityError(DomainError):
    class Code(DomainError.Code):
        UNVERIFIED = "unverified"
        NAME_RESERVED = "name_reserved"
        SECRET_DETECTED = "secret_detected"  # noqa: S105 - an error code, not a password
        TOO_MANY_POSTS = "too_many_posts"
        TITLE_REQUIRED = "title_required"
        BODY_REQUIRED = "body_required"
        TOO_LONG = "too_long"
        LOCKED = "locked"
        NOT_ALLOWED = "not_allowed"
        NOT_AN_ANSWER = "not_an_answer"
        OWN_POST = "own_post"
        NO_ACCEPTED_ANSWER = "no_accepted_answer"
        ALREADY_PROMOTED = "already_promoted"
        ALREADY_CONVERTED = "already_converted"
        NOT_VISIBLE = "not_visible"
        NOT_AUTHOR = "not_author"
        DELETED = "deleted"
        HIDDEN = "hidden"

    messages = {
        Code.UNVERIFIED.value: _(
            "Please verify your e-mail address before posting. Reading needs no account."
        ),
        Code.NAME_RESERVED.value: _(
            "Your display name looks like a support or official name, which only staff may "
            "use. Choose another name before posting."
        ),
        Code.SECRET_DETECTED.value: _(
            "Nothing was posted: what you wrote contains a recovery phrase or a private key. "
            "Support never asks for it. We removed it below; check the rest and post again."
        ),
        Code.TOO_MANY_POSTS.value: _(
            "You are posting too fast. Please wait %(minutes)s minutes and try again."
        ),
        Code.TITLE_REQUIRED.value: _("Please give your question a title."),
        Code.BODY_REQUIRED.value: _("Please write something before posting."),
        Code.TOO_LONG.value: _("Please keep it under %(limit)s characters."),
        Code.LOCKED.value: _("This topic is locked: no new answers or replies."),
        Code.NOT_ALLOWED.value: _("Only the asker or support staff can do this."),
        Code.NOT_AN_ANSWER.value: _("Only a published answer to this question can be accepted."),
        Code.OWN_POST.value: _("You cannot vote on or report your own post."),
        Code.NO_ACCEPTED_ANSWER.value: _(
            "Accept an answer first: the FAQ draft is made from the question and its answer."
        ),
        Code.ALREADY_PROMOTED.value: _("This question already has an FAQ draft."),
        Code.ALREADY_CONVERTED.value: _("This question already became a ticket."),
        Code.NOT_VISIBLE.value: _("This post is waiting for a moderator."),
        Code.NOT_AUTHOR.value: _("Only the author can edit or delete this."),
        Code.DELETED.value: _("This post was deleted by its author."),
        Code.HIDDEN.value: _(
            "A moderator hid this post, so it can no longer be edited. You can still delete it."
        ),
    }
