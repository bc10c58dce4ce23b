"""Keep only what the person wrote: quoted history and signatures are stripped.

The stripping itself is mail-parser-reply's (maintained, many languages). Chinese clients
write quote headers it does not recognise — QQ Mail's and Foxmail's
"------------------ 原始邮件 ------------------", NetEase's and Gmail's
"在 2026年11月20日 周五 10:02，客服 <…> 写道：", Outlook's "-----邮件原件-----" and
"发件人：… 发送时间：…" with full-width colons — and its Chinese "写道" pattern can never
match (its negative lookahead rejects every line it would accept), so those headers are cut
here first.
"""

import re

from mailparser_reply import EmailMessage

_LANGUAGES = ["zh", "en"]

# A line that starts the quoted original. Each is anchored to a whole line so that a
# sentence merely mentioning "原始邮件" is kept.
_QUOTE_HEADERS = [
    # Outlook in Chinese writes "-----邮件原件-----" (Traditional: "-----郵件原件-----").
    re.compile(
        r"^\s*-{2,}\s*(原始邮件|原始郵件|原邮件|原郵件|回复的原邮件|邮件原件|郵件原件"
        r"|Original Message)\s*-{2,}\s*$",
        re.I,
    ),
    re.compile(r"^\s*在\s*.{0,120}?写道\s*[：:]\s*$"),
    re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.{0,120}?写道\s*[：:]\s*$"),
    re.compile(r"^\s*(于|On)\s.{0,200}?(写道|wrote)\s*[：:]\s*$", re.I),
    re.compile(r"^\s*_{10,}\s*$"),
]
# Outlook-style header blocks: "发件人：" followed within two lines by a date or subject line.
_FROM_LINE = re.compile(r"^\s*\**\s*(发件人|寄件者|From)\s*\**\s*[：:]", re.I)
_HEADER_FOLLOW = re.compile(
    r"^\s*\**\s*(发送时间|时间|日期|寄件日期|收件人|主题|Sent|Date|To|Subject)\s*\**\s*[：:]", re.I
)
# Signatures the library misses: the RFC 3676 delimiter and Chinese phone footers.
_SIGNATURE_START = [
    re.compile(r"^--\s*$"),
    re.compile(
        r"^\s*(发自我的|来自我的|从我的).{0,30}(iPhone|iPad|Android|手机|设备|客户端).{0,10}$", re.I
    ),
    re.compile(r"^\s*Sent from my .{1,40}$", re.I),
]


def _cut_at_quote(text: str) -> str:
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if any(pattern.match(line) for pattern in _QUOTE_HEADERS):
            return "\n".join(lines[:index])
        if _FROM_LINE.match(line) and any(
            _HEADER_FOLLOW.match(following) for following in lines[index + 1 : index + 3]
        ):
            return "\n".join(lines[:index])
    return text


def _cut_signature(text: str) -> str:
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if index and any(pattern.match(line) for pattern in _SIGNATURE_START):
            return "\n".join(lines[:index])
    return text


def _drop_trailing_quotes(text: str) -> str:
    # "> " lines at the end are the quoted original of a bottom-posting client (or of an
    # HTML <blockquote>); quotes interleaved with new text stay, they give it context.
    lines = text.rstrip().split("\n")
    while lines and (lines[-1].lstrip().startswith(">") or not lines[-1].strip()):
        lines.pop()
    return "\n".join(lines)


def reply_text(text: str) -> str:
    """The newest part of a mail body: no quoted history, no signature. May be ""."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    own = _drop_trailing_quotes(_cut_signature(_cut_at_quote(text)))
    if not own.strip():
        return ""
    # keep_hyphen_lists: "- 金额 100 USDT" lines are details, not a "-Name" signature.
    parsed = EmailMessage(text=own, languages=list(_LANGUAGES), keep_hyphen_lists=True).read()
    body = parsed.replies[0].body if parsed.replies else own
    # The library drops a body it takes for a signature only (a short "- item" list, for
    # instance); the text before any quote is still the person's own words.
    return (body or own).strip()
