from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    """What a user sends, judged as a whole: one path for web, API and e-mail."""

    name = "walletdesk.submissions"
    label = "submissions"
    verbose_name = _("Submissions")
