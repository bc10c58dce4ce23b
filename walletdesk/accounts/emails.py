"""Render and send the account e-mails, each in its recipient's language.

Every e-mail is a trio of templates under accounts/email/: <name>_subject.txt, <name>.txt
and <name>.html. Callers queue ``account_email_send`` with ``transaction.on_commit`` so
nothing is sent for a change that was rolled back.
"""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def site_url(path: str) -> str:
    """An absolute link for an e-mail: SITE_URL is the address users reach us at."""
    return f"{settings.SITE_URL}{path}"


def site_url_for(name: str, **kwargs: Any) -> str:
    return site_url(reverse(name, kwargs=kwargs or None))


def account_email_send(*, to: str, name: str, language: str, context: dict[str, Any]) -> None:
    """Render the ``name`` trio in ``language`` and send it to one address.

    Raises whatever the e-mail backend raises; callers run this after commit.
    """
    context = {"site_url": settings.SITE_URL, "help_url": site_url_for("kb:portal-home"), **context}
    with translation.override(language):
        subject: str = render_to_string(f"accounts/email/{name}_subject.txt", context)
        text = render_to_string(f"accounts/email/{name}.txt", context)
        html = render_to_string(f"accounts/email/{name}.html", context)
    # A header may not contain a line break; templates end with one.
    subject = " ".join(subject.split())
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()
