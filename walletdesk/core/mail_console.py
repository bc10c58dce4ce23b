"""An e-mail backend for the terminal of ``make run``: each mail as a person reads it.

Django's console backend prints the raw MIME message: base64-encoded subjects, both parts,
every header. In the demo the terminal is where a new user finds their verification link,
so this one prints who the mail is to, its subject decoded, and its text part.
"""

import sys
import threading
from collections.abc import Sequence
from typing import Any, TextIO

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

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
