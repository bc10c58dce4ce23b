from django.utils.translation import gettext_lazy as _

from walletdesk.core.errors import DomainError


class ArticleError(DomainError):
    class Code(DomainError.Code):
        ARTICLE_NOT_PUBLISHED = "article_not_published"
        ARTICLE_INCOMPLETE = "article_incomplete"
        REASON_TOO_LONG = "reason_too_long"

    messages = {
        Code.ARTICLE_NOT_PUBLISHED.value: _("This article is not published."),
        Code.ARTICLE_INCOMPLETE.value: _(
            "An article needs a title and a body in both Chinese and English before it is "
            "published."
        ),
        Code.REASON_TOO_LONG.value: _("Please keep the reason under 500 characters."),
    }
