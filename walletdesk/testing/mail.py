"""What every app's mail tests check of a mail: built by core.mail, whole, in one language."""

import re

from walletdesk.core.mail import EmailMultiAlternatives

# Han characters and the full-width punctuation Chinese text is written with.
_CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# Left over when a template or a translation was not filled in.
_UNRENDERED = ("{{", "}}", "{%", "%}", "%(")


def mail_parts(message: EmailMultiAlternatives) -> dict[str, str]:
    """The subject, the text part and the one HTML part; fails unless there are exactly these."""
    assert len(message.alternatives) == 1, message.alternatives
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    return {"subject": str(message.subject), "text": str(message.body), "html": str(html)}


def assert_mail_in(message: EmailMultiAlternatives, language: str) -> None:
    """``message`` is complete and written in ``language`` (zh-hans or en).

    One subject line, a text part and an HTML part in the shared layout, nothing left
    unrendered; Chinese in every part for zh-hans, none for en (so give English mails
    English data).
    """
    parts = mail_parts(message)
    assert "\n" not in parts["subject"]
    for name, part in parts.items():
        assert part.strip(), f"the {name} is empty"
        left = [mark for mark in _UNRENDERED if mark in part]
        assert not left, f"the {name} holds {left}: {part}"
    assert f'<html lang="{language}">' in parts["html"]
    for name, part in parts.items():
        chinese = bool(_CHINESE.search(part))
        assert chinese == (language == "zh-hans"), f"the {name} is not in {language}: {part}"
