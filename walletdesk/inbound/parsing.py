"""Turn the raw bytes of one e-mail into what the desk needs: who, to whom, threading
headers, the text, the files, and whether a machine sent it.

Real mail is messy. Chinese clients label GBK text as GB2312 and Taiwanese ones send Big5
with HKSCS characters, so every charset is read as its widest superset; a missing or wrong
label falls back to UTF-8, then GB18030, then Big5-HKSCS. Headers may be encoded words or
raw 8-bit bytes. HTML-only mail is reduced to text with quoted blocks marked "> " so the
reply stripper can drop them. Nothing here touches the database.
"""

import hashlib
import re
from dataclasses import dataclass, field
from email import message_from_bytes
from email.header import Header, decode_header
from email.message import Message
from email.utils import getaddresses, parseaddr
from html.parser import HTMLParser

# Labels seen in the wild -> the codec that reads every byte those senders actually use.
_CHARSET_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "csgb2312": "gb18030",
    "big5": "big5hkscs",
    "x-big5": "big5hkscs",
    "cp950": "big5hkscs",
    "ks_c_5601-1987": "cp949",
    "iso-8859-1": "cp1252",  # mislabelled Windows text is the common case
    "us-ascii": "utf-8",
    "ascii": "utf-8",
}
_FALLBACK_CODECS = ("utf-8", "gb18030", "big5hkscs")

_AUTOMATIC_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}
_DAEMON_LOCAL_PARTS = {"mailer-daemon", "postmaster", "mail-daemon", "noreply", "no-reply"}


def codec_for(charset: str | None) -> str | None:
    """The Python codec to read text labelled ``charset`` with, or None if unknown."""
    if not charset:
        return None
    label = charset.strip().strip('"').lower()
    label = _CHARSET_SUPERSETS.get(label, label)
    try:
        "".encode(label)
    except LookupError:
        return None
    return label


def decode_bytes(data: bytes, charset: str | None = None) -> str:
    """Decode ``data`` by its label if that works, else by the usual suspects; never raises."""
    codecs = [c for c in (codec_for(charset), *_FALLBACK_CODECS) if c]
    for codec in dict.fromkeys(codecs):
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode(codecs[0] if codecs else "utf-8", errors="replace")


def _unescape_raw(value: str) -> str:
    # compat32 keeps raw 8-bit header bytes as surrogate escapes; read them as text.
    if any("\udc80" <= ch <= "\udcff" for ch in value):
        return decode_bytes(value.encode("utf-8", errors="surrogateescape"))
    return value


def decode_header_value(value: object) -> str:
    """A header's text: encoded words decoded (by superset charset), raw bytes read too."""
    if value is None:
        return ""
    # compat32 wraps a header holding raw 8-bit bytes in a Header labelled unknown-8bit.
    raw: str | Header = value if isinstance(value, Header) else _unescape_raw(str(value))
    pieces: list[str] = []
    try:
        chunks = decode_header(raw)
    except (ValueError, LookupError, AssertionError):
        return str(raw)
    for chunk, charset in chunks:
        if isinstance(chunk, bytes):
            pieces.append(decode_bytes(chunk, charset))
        else:
            pieces.append(chunk)
    text = "".join(pieces)
    return re.sub(r"[\r\n\t]+", " ", text).strip()


class _HtmlText(HTMLParser):
    """HTML -> plain text: block tags break lines, quoted blocks are marked with "> "."""

    _BLOCKS = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"}
        | {"pre", "hr", "section", "article", "header", "footer"}
    )
    _SKIP = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.quote_depth = 0
        self.skip_depth = 0

    def _newline(self) -> None:
        if self.lines[-1].strip():
            self.lines.append("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skip_depth += 1
        elif tag == "blockquote":
            self._newline()
            self.quote_depth += 1
        elif tag in self._BLOCKS:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag == "blockquote":
            self._newline()
            self.quote_depth = max(0, self.quote_depth - 1)
        elif tag in self._BLOCKS:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        text = re.sub(r"\s+", " ", data)
        if not text.strip() and not self.lines[-1]:
            return
        if not self.lines[-1] and self.quote_depth:
            self.lines[-1] = "> " * self.quote_depth
        self.lines[-1] += text

    def text(self) -> str:
        return "\n".join(line.strip() for line in self.lines).strip()


def html_to_text(html: str) -> str:
    """Readable text of an HTML body; scripts, styles and markup dropped."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    return parser.text()


@dataclass(frozen=True)
class MailFile:
    """One attachment or inline image, decoded."""

    filename: str
    content_type: str
    data: bytes
    inline: bool = False


@dataclass(frozen=True)
class ParsedMail:
    message_id: str
    subject: str
    sender: str  # bare address, lower case
    sender_name: str
    recipients: tuple[str, ...]
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]
    text: str
    files: tuple[MailFile, ...] = ()
    size: int = 0
    html_only: bool = False
    automatic: str = ""  # why this mail is machine-made ("" for a person's mail)
    return_path: str = field(default="", repr=False)
    # Every Authentication-Results header as found, topmost first; which of them to believe is
    # authentication.py's business.
    authentication_results: tuple[str, ...] = field(default=(), repr=False)

    @property
    def referenced_ids(self) -> tuple[str, ...]:
        """Every Message-ID this mail answers, nearest first."""
        return tuple(dict.fromkeys((*self.in_reply_to, *reversed(self.references))))


_MSGID = re.compile(r"<[^<>\s]+>")


def _message_ids(value: str) -> tuple[str, ...]:
    return tuple(m.lower() for m in _MSGID.findall(value or ""))


def _addresses(message: Message, *names: str) -> tuple[str, ...]:
    values = [decode_header_value(v) for name in names for v in message.get_all(name, [])]
    found = [addr.strip().lower() for _n, addr in getaddresses(values) if "@" in addr]
    return tuple(dict.fromkeys(found))


def _automatic_reason(message: Message, sender: str) -> str:
    """Why a machine, not a person, sent this mail; "" if nothing says so (RFC 3834)."""
    auto_submitted = str(message.get("Auto-Submitted", "")).strip().lower()
    if auto_submitted and auto_submitted != "no":
        return "auto_submitted"
    if str(message.get("Precedence", "")).strip().lower() in _AUTOMATIC_PRECEDENCE:
        return "precedence"
    for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Reply"):
        if message.get(name) is not None:
            return "autoreply_header"
    if str(message.get("X-Auto-Response-Suppress", "")).strip().lower() in {"all", "oof"}:
        # Exchange stamps its own out-of-office replies this way.
        return "autoreply_header"
    if message.get("List-Id") is not None or message.get("List-Unsubscribe") is not None:
        return "list_mail"
    content_type = message.get_content_type()
    if content_type == "multipart/report" or any(
        part.get_content_type() in ("message/delivery-status", "message/disposition-notification")
        for part in message.walk()
    ):
        return "delivery_report"
    local = sender.partition("@")[0]
    if local in _DAEMON_LOCAL_PARTS or local.startswith("mailer-daemon"):
        return "mailer_daemon"
    if str(message.get("Return-Path", "")).strip() == "<>":
        return "null_return_path"
    return ""


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    return decode_bytes(payload, part.get_content_charset())


def _is_file(part: Message) -> bool:
    disposition = str(part.get("Content-Disposition", "")).split(";", 1)[0].strip().lower()
    if disposition == "attachment" or part.get_filename():
        return True
    # Inline pictures without a name (pasted screenshots) are evidence too.
    return part.get_content_maintype() == "image"


def _file_of(part: Message, position: int) -> MailFile | None:
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes) or not data:
        return None
    name = decode_header_value(part.get_filename() or "")
    if not name:
        extension = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}.get(
            part.get_content_type(), ".bin"
        )
        name = f"image-{position}{extension}"
    disposition = str(part.get("Content-Disposition", "")).split(";", 1)[0].strip().lower()
    return MailFile(
        filename=name,
        content_type=part.get_content_type(),
        data=data,
        inline=disposition == "inline" or (not disposition and part.get("Content-ID") is not None),
    )


def _walk(message: Message) -> tuple[str, str, list[MailFile]]:
    """(plain text, html text, files) of the mail's own parts; attached mails are not opened."""
    plain: list[str] = []
    html: list[str] = []
    files: list[MailFile] = []
    stack: list[Message] = [message]
    while stack:
        part = stack.pop(0)
        if part.is_multipart():
            if part.get_content_type() in ("message/rfc822", "message/delivery-status"):
                continue
            stack[0:0] = [p for p in part.get_payload() if isinstance(p, Message)]
            continue
        content_type = part.get_content_type()
        if _is_file(part):
            mail_file = _file_of(part, len(files) + 1)
            if mail_file is not None:
                files.append(mail_file)
        elif content_type == "text/plain":
            plain.append(_part_text(part))
        elif content_type == "text/html":
            html.append(_part_text(part))
    return "\n".join(plain), "\n".join(html), files


def _fallback_message_id(raw: bytes) -> str:
    # A mail without a Message-ID still gets exactly one log row: its content names it.
    return f"<sha256-{hashlib.sha256(raw).hexdigest()}@inbound.invalid>"


def mail_parse(raw: bytes) -> ParsedMail:
    """Parse one RFC 5322 message. Never raises on malformed input: it reads what it can."""
    message = message_from_bytes(raw)
    _name, sender = parseaddr(decode_header_value(message.get("From", "")))
    sender = sender.strip().lower()
    sender_name = decode_header_value(parseaddr(str(message.get("From", "")))[0])
    ids = _message_ids(str(message.get("Message-ID", "")))
    message_id = ids[0] if ids else _fallback_message_id(raw)
    if len(message_id) > 255:
        message_id = f"<sha256-{hashlib.sha256(message_id.encode()).hexdigest()}@long.invalid>"
    plain, html, files = _walk(message)
    html_only = not plain.strip() and bool(html.strip())
    text = html_to_text(html) if html_only else plain
    return ParsedMail(
        message_id=message_id,
        subject=decode_header_value(message.get("Subject", "")),
        sender=sender,
        sender_name=sender_name,
        recipients=_addresses(message, "To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To"),
        in_reply_to=_message_ids(str(message.get("In-Reply-To", ""))),
        references=_message_ids(str(message.get("References", ""))),
        text=text.replace("\r\n", "\n").strip(),
        files=tuple(files),
        size=len(raw),
        html_only=html_only,
        automatic=_automatic_reason(message, sender),
        return_path=str(message.get("Return-Path", "")).strip(),
        authentication_results=tuple(
            decode_header_value(value) for value in message.get_all("Authentication-Results", [])
        ),
    )
