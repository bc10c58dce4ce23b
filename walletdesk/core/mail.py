"""Every e-mail the desk sends is built here, one way, in its recipient's language.

A mail is a trio of templates named by the app that sends it, ``<app>/email/<name>``:
``<name>_subject.txt`` (one line: line breaks are folded, a header may not hold one),
``<name>.txt`` (the text part, extending ``email/base.txt``) and ``<name>.html`` (the HTML
part, extending ``email/base.html``). All three are rendered under the recipient's language,
never the language of whoever caused the mail. Both parts open with the recipient's
anti-phishing code when their account has one (mail_anti_phishing_code). This module only
builds; the caller sends, usually after its transaction commits or from a delivery task that
may retry.
"""

import sys
import threading
from collections.abc import Mapping, Sequence
from email.utils import parseaddr
from typing import Any, TextIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.utils import translation

# The message class is exported from here, so that no other module needs django.core.mail.
__all__ = [
    "EmailMultiAlternatives",
    "ReadableConsoleBackend",
    "mail_anti_phishing_code",
    "mail_build",
    "mail_language",
    "mail_readable",
]


def mail_language(language: str | None) -> str:
    """The language to write in: ``language`` if the site offers it, else the site's default."""
    offered = {code for code, _label in settings.LANGUAGES}
    wanted = (language or "").strip().lower()
    return wanted if wanted in offered else settings.LANGUAGE_CODE


def mail_anti_phishing_code(to: str) -> str:
    """The anti-phishing code the account at address ``to`` chose, or "" (none, no account).

    Every mail carries it near its top, so the recipient can tell our mail from a copy: a
    phisher does not know it. Looked up by address here, in the one builder, so that no kind
    of mail can leave it out.
    """
    address = parseaddr(to)[1].strip()
    if not address:
        return ""
    users = get_user_model()._default_manager.filter(email__iexact=address, is_active=True)
    code = users.values_list("anti_phishing_code", flat=True).first()
    return str(code or "")


def mail_build(
    template: str,
    context: Mapping[str, Any],
    *,
    to: str,
    language: str | None,
    reply_to: Sequence[str] = (),
    headers: Mapping[str, str] | None = None,
) -> EmailMultiAlternatives:
    """Render the ``template`` trio for one recipient: a text part and an HTML alternative.

    ``language`` is the recipient's (zh-hans or en; anything else falls back to
    LANGUAGE_CODE). ``headers`` go out as given: Message-ID, In-Reply-To / References,
    List-Unsubscribe, Auto-Submitted ... The sender is DEFAULT_FROM_EMAIL. Nothing is sent.
    Raises TemplateDoesNotExist when a part of the trio is missing.
    """
    context = {
        "site_url": settings.SITE_URL,
        **context,
        # Shown above everything else; set by the recipient, never by the caller.
        "anti_phishing_code": mail_anti_phishing_code(to),
    }
    with translation.override(mail_language(language)):
        subject = render_to_string(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=list(reply_to),
        headers=dict(headers or {}),
    )
    message.attach_alternative(html, "text/html")
    return message


# --- the terminal of `make run` ---------------------------------------------------------------
# Django's console backend prints the raw MIME message: base64-encoded subjects, both parts,
# every header. In the demo the terminal is where a new user finds their verification link,
# so the embedded default prints who a mail is to, its subject decoded, and its text part.

_RULE = "─" * 72


def mail_readable(message: EmailMessage) -> str:
    """To, subject and text body of one message, framed, as the terminal shows it."""
    body = message.body if isinstance(message.body, str) else str(message.body)
    names = [a.filename or "" for a in message.attachments if hasattr(a, "filename")]
    lines = [
        f"── e-mail {_RULE[10:]}",
        f"To:      {', '.join(message.to)}",
        f"Subject: {message.subject}",
        "",
        body.rstrip(),
    ]
    if names:
        lines += ["", f"Attached: {', '.join(names)}"]
    lines.append(_RULE)
    return "\n".join(lines) + "\n"


class ReadableConsoleBackend(BaseEmailBackend):
    """Prints each mail with mail_readable; what the embedded default sends with."""

    def __init__(self, *args: Any, stream: TextIO | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stream = stream or sys.stdout
        self._lock = threading.Lock()

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        if not email_messages:
            return 0
        with self._lock:
            for message in email_messages:
                self.stream.write(mail_readable(message))
            self.stream.flush()
        return len(email_messages)
