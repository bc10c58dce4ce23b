"""Build and send the account e-mails, each in its recipient's language.

Every e-mail is a trio of templates under accounts/email/ (<name>_subject.txt, <name>.txt
and <name>.html) built by core.mail like every other mail. Callers queue
``account_email_send`` with ``transaction.on_commit`` so nothing is sent for a change that
was rolled back.
"""

from typing import Any

from django.conf import settings
from django.urls import reverse

from walletdesk.core.mail import EmailMultiAlternatives, mail_build


def site_url(path: str) -> str:
    """An absolute link for an e-mail: SITE_URL is the address users reach us at."""
    return f"{settings.SITE_URL}{path}"


def site_url_for(name: str, **kwargs: Any) -> str:
    return site_url(reverse(name, kwargs=kwargs or None))


def account_email_build(
    *, to: str, name: str, language: str, context: dict[str, Any]
) -> EmailMultiAlternatives:
    """The ``accounts/email/<name>`` mail to one address in ``language`` (nothing is sent)."""
    context = {"site_url": settings.SITE_URL, "help_url": site_url_for("kb:portal-home"), **context}
    return mail_build(f"accounts/email/{name}", context, to=to, language=language)


def account_email_send(*, to: str, name: str, language: str, context: dict[str, Any]) -> None:
    """Build the ``name`` mail in ``language`` and send it to one address.

    Raises whatever the e-mail backend raises; callers run this after commit.
    """
    account_email_build(to=to, name=name, language=language, context=context).send()
