"""The impersonation guard: what in a forum post by a non-staff account is held for a moderator.

Wallet communities are where fake support agents find their victims. They offer help off the
forum ("DM me", 加我微信, a Telegram handle), claim to be staff, ask for a recovery phrase, a
private key, a verification code or remote access, or send people to a "validation" or
wallet-connect site. A post that does any of that is not refused (the writer may be honest and
clumsy): it is held, and the moderator sees why.

Plain Python, no database. Texts are read in a folded form first (``fold``): invisible
characters dropped, NFKC (full-width letters and digits become plain ones), case folded,
letters of other scripts drawn like a Latin letter read as that letter (Cyrillic "о", Greek
"ο"), a plus sign before a messaging app read as 加 ("➕ 微"), spaces between Chinese
characters dropped and other runs of spaces made one, letters typed one at a time joined
("s e e d p h r a s e" -> "seed phrase", "d.m" -> "dm"), a word the rules look for broken by
a line break, a space or a dash made whole ("pri\\nvate", "whats-app") and a domain's dot closed
up ("t . me" -> "t.me"). The rules are written once, for the folded form. The secret
guard's request reader (chain/secret_guard.py ``find_secret_requests``) tells what a post asks
for; the rest of the rules are here. Measured figures: docs/community.md.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from itertools import pairwise
from typing import Any
from urllib.parse import urlsplit

import opencc
from confusable_homoglyphs.utils import load as load_confusables
from publicsuffixlist import PublicSuffixList

from walletdesk.chain.secret_guard import RequestKind, find_secret_requests


class HoldReason(StrEnum):
    PRIVATE_CONTACT = "private_contact"
    SUPPORT_CLAIM = "support_claim"
    ASKS_FOR_SECRET = "asks_for_secret"  # noqa: S105 - a reason code, not a password
    ASKS_FOR_CODE = "asks_for_code"
    REMOTE_ACCESS = "remote_access"
    SUSPICIOUS_LINK = "suspicious_link"
    ASKS_FOR_FUNDS = "asks_for_funds"
    ASKS_TO_APPROVE = "asks_to_approve"


# --- folding ----------------------------------------------------------------------------------

_INVISIBLE = frozenset(
    chr(c)
    for low, high in (
        (0x00AD, 0x00AD),
        (0x034F, 0x034F),
        (0x061C, 0x061C),
        (0x180B, 0x180F),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x206F),
        (0xFE00, 0xFE0F),
        (0x20E3, 0x20E3),
        (0xFEFF, 0xFEFF),
        (0xE0000, 0xE007F),
    )
    for c in range(low, high + 1)
)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_GAP = re.compile(rf"(?<=[{_HAN}])\s+(?=[{_HAN}])")
# … or pictographs between them ("加🛎️我🛎️微🛎️信"), but not those that name a messenger (the plane
# for Telegram, the penguin for QQ, a speech balloon): "我在✈️上" says where the writer is.
_PICTOGRAPH_BETWEEN_HAN = re.compile(
    rf"(?<=[{_HAN}])\s*(?:(?![\u2708\U0001f427\U0001f4ac])[\u2190-\u2bff\U0001f000-\U0001faff\ufe0f])+\s*"
    rf"(?=[{_HAN}])"
)
# A handle or a link with its punctuation spelled in Chinese ("imw 下划线 kf", "t点me斜杠x"):
# the underscore, dot and slash it stands for, between letters and digits only ("3点半", "点开"
# are not), the dot with no space ("x.com 点 Connect" is a click).
_SPELLED_UNDERSCORE = re.compile(r"(?<=[a-z0-9])\s*下划线\s*(?=[a-z0-9])")
_SPELLED_LINK_DOT = re.compile(
    r"(?<=[a-z0-9])点(?=[a-z])|"
    # … with spaces, before a host's ending ("discord 点 gg/x").
    r"(?<=[a-z0-9])\s+点\s*(?=(?:com|net|org|io|gg|me|app|xyz|top|cc|cn|co)(?![a-z]))|"
    # … or a full stop written for the dot ("x@proton。me").
    r"(?<=[a-z0-9])。(?=(?:com|net|org|io|gg|me|app|xyz|top|cc|cn|co)(?![a-z0-9]))"
)
_SPELLED_SLASH = re.compile(r"(?<=[a-z0-9])\s*斜杠\s*(?=[a-z0-9_@])")
# An e-mail address spelled out to slip past filters: "recoverypro at gmail dot com".
_SPELLED_EMAIL = re.compile(
    # Started only where a run of spaces starts: tried at every space of a long run, the
    # pattern would read the run again each time.
    r"(?<!\s)\s*(?:\bat\b|\[at\]|\(at\)|艾特|圈a)\s*(gmail|googlemail|outlook|hotmail|yahoo|proton(?:mail)?|qq|"
    r"163|126|icloud|gmx|aol|yandex|proton\s+mail|g\s+mail|hot\s+mail|out\s+look)\s*"
    r"(?:\bdot\b|\.|\[dot\]|\(dot\)|点)\s*(com|me|net|cn)\b"
)
# A number written in Chinese digits ("扣扣：一三八七七六五四三二", 幺 for 1 as phone numbers are
# read out, the capital numerals of cheques: 壹叁捌-零零壹叁-…): five or more in a row, apart at
# most by single dashes or spaces, become the digits, so the number rules read them, as do any
# next to a digit ("400-八六二-3177"). Shorter runs on their own stay words (一二三, 五六个).
_CN_DIGIT = "[〇零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖]"
_CHINESE_NUMBER = re.compile(
    rf"{_CN_DIGIT}(?:[\-\s]?{_CN_DIGIT}){{4,}}|(?<=\d){_CN_DIGIT}+|"
    rf"(?<=\d[\-\s]){_CN_DIGIT}+|{_CN_DIGIT}+(?=[\-\s]?\d)"
)
# A defanged link ("wallet-sync[.]com", "site(.)io", "x[dot]org") is still a link: the reader is
# meant to type it in.
_DEFANGED_DOT = re.compile(
    r"\s?(?:\[\s?(?:\.|dot)\s?\]|\(\s?(?:\.|dot)\s?\)|\{\.\}|"
    r"点(?=\s?(?:com|net|org|io|xyz|top|cc|cn|site|app|info|vip|me)\b))\s?"
)
# "dot" spelled out after a hyphenated name ("imwallet-sync dot app"); "the dot com era" is a
# phrase, so only a name with a hyphen in it counts, or one to go to ("go to walletsync dot io
# slash im") or with a path spelled after it.
_SPELLED_TLD = r"\s+dot\s+(com|net|org|io|xyz|top|cc|cn|site|app|info|vip|me)\b"
_SPELLED_DOT = re.compile(
    rf"(?<![a-z0-9.\-])([a-z0-9]+(?:-[a-z0-9]+)+){_SPELLED_TLD}|"
    rf"(?:(?<=\bgo to )|(?<=\bvisit )|(?<=\bopen )|(?<=\bhead to ))([a-z0-9]+){_SPELLED_TLD}|"
    rf"(?<![a-z0-9.\-])([a-z0-9]+){_SPELLED_TLD}(?=\s+slash\s)"
)
_SPELLED_PATH = re.compile(
    r"(\.(?:com|net|org|io|xyz|top|cc|cn|site|app|info|vip|me))\s+slash\s+(?=[a-z0-9])"
)


def _spelled_host(match: re.Match[str]) -> str:
    name = match.group(1) or match.group(3) or match.group(5)
    tld = match.group(2) or match.group(4) or match.group(6)
    return f"{name}.{tld}"


def _undefanged(text: str) -> str:
    """``text`` with its defanged and spelled-out dots (and slashes after them) written out."""
    text = _SPELLED_DOT.sub(_spelled_host, _DEFANGED_DOT.sub(".", text))
    return _SPELLED_PATH.sub(r"\1/", text)


_CHINESE_DIGITS = str.maketrans(
    "〇零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖", "001234567891123456789"
)
# A digit spelled as a word inside a number ("+44 7seven00 912 345"), and the letter O for the
# zeros of a service number ("4OO-862-3371").
_DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_ONE_DIGIT_WORD = rf"(?:{'|'.join(_DIGIT_WORDS)})"
# … or several in a row ("+1 4 one five 55").
_DIGIT_WORD = re.compile(
    rf"(?:(?<=\d)|(?<=\d[ \-])){_ONE_DIGIT_WORD}(?:[ \-]?{_ONE_DIGIT_WORD})*(?=[ \-]?\d)"
)


_ONE_DIGIT_WORD_RE = re.compile(_ONE_DIGIT_WORD)


def _digits_of_words(match: re.Match[str]) -> str:
    return _ONE_DIGIT_WORD_RE.sub(lambda word: str(_DIGIT_WORDS.index(word[0])), match[0])


_O_FOR_ZERO = re.compile(r"(?<![a-z0-9])([48])oo(?=[\s\-]?\d)")
_O_IN_NUMBER = re.compile(r"(?<=\d-)o(?=\d)|(?<=\d)o(?=\d)")
_SPACES = re.compile(r"\s+")


@cache
def _lookalikes() -> dict[int, str]:
    """Non-Latin letters drawn like one Latin letter -> that letter (the Unicode confusables
    table). Han characters are left alone: a few radicals are listed as look-alikes of "l"."""
    # Letters in filled circles and squares ("🅣🅔🅛🅔", "🆃🅶"), which NFKC leaves as they are.
    table: dict[int, str] = {
        first + offset: chr(ord("a") + offset)
        for first in (0x1F130, 0x1F150, 0x1F170, 0x1F1E6)
        for offset in range(26)
    }
    han = re.compile(rf"[{_HAN}]")
    for char, glyphs in load_confusables("confusables.json").items():
        if len(char) != 1 or char.isascii() or han.match(char):
            continue
        for glyph in glyphs:
            letter = glyph["c"]
            if len(letter) == 1 and letter.isascii() and letter.isalpha():
                table[ord(char)] = letter.lower()
                break
    return table


# A plus drawn in any weight ("➕ 微", "✚V") stands for 加 before a messaging app or 我. NFKC
# already makes "＋", "﹢" and "⁺" a plain "+". Not before 微博 (Weibo is followed, not added)
# nor a version ("+v2").
_PLUS_FOR_ADD = re.compile(
    r"[+\u02d6\u2719\u271a\u2795\U0001f7a1-\U0001f7a7]\s*"
    r"(?=我|微(?!\s*博)|威|薇|徽|扣|v(?![a-z0-9.])|vx\b|wx\b|qq\b|tg\b|飞机|电报)"
)
# A handle typed with spaces the reader is told to take out ("vx：im_ kefu_ 2024（把空格去掉）").
_SPACES_TAKEN_OUT = re.compile(
    r"(?:去掉|去除|删掉|删除|去)空格|空格(?:去掉|删掉|去除)|\bremove{_S}(?:the{_S})?spaces?\b|"
    r"\bno{_S}spaces?\b|\bwithout{_S}(?:the{_S})?spaces?\b".replace("{_S}", r"[\s\W_]*")
)
_UNDERSCORE_GAP = re.compile(r"(?<=_) +(?=[a-z0-9])|(?<=[a-z0-9]) +(?=_)")
# A circled number opening a line of Chinese ("①加我微信帮你处理"): a list's mark, read as "1. "
# (NFKC would make it a bare digit run into the item).
_CIRCLED_ITEM = re.compile(rf"[\u2460-\u2473\u2776-\u277f\u2780-\u2793](?=\s*[{_HAN}])")
# A handle split over lines at its underscores ("@ im\n_wallet\n_fix").
_HANDLE_IN_PIECES = re.compile(r"(?<=@)\s?[a-z0-9_]+(?:\s+_[a-z0-9_]+)+")
# A symbol put inside a messenger's name or any Chinese word ("微-信").
_SYMBOL_BETWEEN_HAN = re.compile(rf"(?<=[{_HAN}])[\-_*~·•]{{1,2}}(?=[{_HAN}])")
_PLUS_BEFORE_NUMBER = re.compile(r"[\u02d6\u2719\u271a\u2795\U0001f7a1-\U0001f7a7](?=\s*\d)")
# Pictographs between letters typed one at a time ("I M 💰 k e f u 💰 2 0 2 4", "表情不用输") are
# separators like the spaces: between two single characters they are taken out, so the run is
# read whole. Next to a word they stay ("t 🔹 me" is a link of its own rule).
_PICTOGRAPH_BETWEEN_SINGLES = re.compile(
    r"(?<![a-z0-9])([a-z0-9])\s*[\u2190-\u2bff\U0001f000-\U0001faff\ufe0f]+\s*"
    r"(?=[a-z0-9](?![a-z0-9]))"
)
# Letters or digits typed one at a time ("s e e d p h r a s e", "S-E-E-D", "w.h.a.t.s.a.p.p"):
# four or more single characters in a row, each apart from the next by a space, a dot, a dash,
# a star or the like. Three are left alone: "send me a d m" is "a" and "d m", not "adm".
_BETWEEN_LETTERS = r"[ .\-_*\u00b7\u2022]{1,3}"
_SPELLED_OUT = re.compile(rf"(?<![a-z0-9])[a-z0-9](?:{_BETWEEN_LETTERS}[a-z0-9]){{3,}}(?![a-z0-9])")
# The words the rules look for, to cut a spelled-out run back into them ("seedphrase" ->
# "seed phrase"); a run that is not made of them stays one word ("bitcoin").
_SPELLED_WORDS = frozenset(
    (  # noqa: SIM905 - a word list reads best as words
        "a me my your the here to on in dm pm send share paste post give tell type "
        "seed seeds phrase recovery secret private key keys mnemonic word words backup wallet "
        "code 2fa 12 24 support admin official telegram whatsapp wechat signal"
    ).split()
)
# "d.m", "d m", "d-m", "D . M": the two letters of "dm" apart. "p m" and "p-m" too, but not
# "p.m.", which is a time of day.
_SPLIT_DM = re.compile(rf"(?<![a-z0-9])(?:d{_BETWEEN_LETTERS}m|p[ \-]{{1,3}}m)(?![a-z0-9])")
# A domain written with spaces around its dot ("t . me", "wallet-fix .com") or with the
# ideographic full stop browsers read as a dot ("t。me"). Only before a top-level domain that is
# not an English word, so prose stays prose ("can't. me neither"); ".net" only with spaces on
# both sides, since ".NET" is a framework and "the fee. net of it" a sentence.
_SPACED_HOST = re.compile(
    r"(?<![\w'’.\-])([a-z0-9][a-z0-9\-]*)(\s*[.。｡]\s*)(?=([a-z]{2,6})(?![a-z0-9\-]))"
)
_MESSAGING_LABELS = {"t": ("me",), "wa": ("me",), "telegram": ("me", "dog")}
_WORDLESS_TLDS = frozenset({"com", "org", "io", "xyz", "top", "cc", "vip", "icu", "cn"})


# A word the rules look for broken in two by a line break, a space or a dash ("pri\nvate key",
# "whats-app", "tele gram"), each part two letters or more. Only these words: two real words
# side by side ("key store", "back up") are left apart.
_BROKEN_WORDS = (
    "private",
    "recovery",
    "mnemonic",
    "phrase",
    "secret",
    "support",
    "telegram",
    "whatsapp",
    "wechat",
)
_BROKEN = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(
        f"{word[:cut]}(?: ?- ?| ){word[cut:]}"
        for word in _BROKEN_WORDS
        for cut in range(2, len(word) - 1)
    )
    + r")(?![a-z0-9])"
)


def _segment(run: str) -> str | None:
    """``run`` cut into the fewest of _SPELLED_WORDS, spaced; None when it cannot be."""
    # fewest[i]: the fewest words that make run[:i] (len(run) + 1: none do); last[i]: where the
    # last of them starts.
    unmade = len(run) + 1
    fewest = [0] + [unmade] * len(run)
    last = [0] * (len(run) + 1)
    for end in range(1, len(run) + 1):
        for start in range(max(0, end - 9), end):
            if fewest[start] + 1 < fewest[end] and run[start:end] in _SPELLED_WORDS:
                fewest[end], last[end] = fewest[start] + 1, start
    if fewest[len(run)] == unmade:
        return None
    words: list[str] = []
    end = len(run)
    while end:
        words.append(run[last[end] : end])
        end = last[end]
    return " ".join(reversed(words))


def _rejoin(match: re.Match[str]) -> str:
    run = re.sub(r"[^a-z0-9]", "", match.group(0))
    return _segment(run) or run


def _rejoin_host(match: re.Match[str]) -> str:
    label, dot, tld = match.group(1), match.group(2), match.group(3)
    ideographic = dot.strip() != "."
    spaced_both = dot[:1].isspace() and dot[-1:].isspace()
    if (
        tld in _MESSAGING_LABELS.get(label, ())
        or (tld in _WORDLESS_TLDS and dot != ".")
        or (tld == "net" and (spaced_both or ideographic))
    ):
        return f"{label}."
    return match.group(0)


# The words of an ask typed in pinyin, to get past a filter that reads characters ("jia wo wei
# xin", "ba zhu ji ci fa gei wo"): read as the characters. Several syllables each, so no English
# word is one of them; not inside a handle ("kefu_6688").
_PINYIN_WORDS = {
    "jia wo": "加我",
    "wei xin": "微信",
    "si xin": "私信",
    "si liao": "私聊",
    "dian bao": "电报",
    "zhu ji ci": "助记词",
    "si yao": "私钥",
    "yan zheng ma": "验证码",
    "fa gei wo": "发给我",
}
_PINYIN = re.compile(
    r"(?<![a-z0-9_@.\-])(?:"
    + "|".join(r"\s*".join(word.split()) for word in _PINYIN_WORDS)
    + r")(?![a-z0-9_.\-])"
)


_PINYIN_JOINED = {word.replace(" ", ""): hanzi for word, hanzi in _PINYIN_WORDS.items()}


def _hanzi_of_pinyin(match: re.Match[str]) -> str:
    return _PINYIN_JOINED[_SPACES.sub("", match.group(0))]


@cache
def _simplified() -> Any:
    return opencc.OpenCC("t2s")


def _digits_of_chinese(match: re.Match[str]) -> str:
    return match.group(0).translate(_CHINESE_DIGITS)


def fold(text: str) -> str:
    """The form every rule reads: see the module docstring."""
    text = "".join(ch for ch in text if ch not in _INVISIBLE)
    text = _CIRCLED_ITEM.sub(lambda match: f" {unicodedata.numeric(match.group(0)):.0f}. ", text)
    text = unicodedata.normalize("NFKC", text).casefold()
    # Written in Traditional characters ("群號在我個人簡介"), read as the rules are written.
    text = _simplified().convert(text)
    text = text.translate(_lookalikes())
    text = _PINYIN.sub(_hanzi_of_pinyin, text)
    text = _PLUS_FOR_ADD.sub("加", text)
    text = _PLUS_BEFORE_NUMBER.sub("+", text)
    text = _HAN_GAP.sub("", text)
    text = _PICTOGRAPH_BETWEEN_HAN.sub("", text)
    text = _SYMBOL_BETWEEN_HAN.sub("", text)
    # Taiwan's word for a DM, 私訊, read as the mainland's (once the characters are together).
    text = text.replace("私讯", "私信")
    text = _PICTOGRAPH_BETWEEN_SINGLES.sub(r"\1 ", text)
    text = _SPELLED_EMAIL.sub(lambda m: f"@{_SPACES.sub('', m[1])}.{m[2]}", text)
    text = _SPELLED_UNDERSCORE.sub("_", text)
    text = _SPELLED_SLASH.sub("/", _SPELLED_LINK_DOT.sub(".", text))
    text = _O_FOR_ZERO.sub(r"\g<1>00", text)
    text = _O_IN_NUMBER.sub("0", text)
    text = _CHINESE_NUMBER.sub(_digits_of_chinese, text)
    text = _SPACES.sub(" ", text).strip()
    # … and again once the spaces are one: "3\t\t 零" is a digit and a digit.
    text = _CHINESE_NUMBER.sub(_digits_of_chinese, text)
    # After the spaces are one: "two\u3000\u30000" is "two 0".
    text = _DIGIT_WORD.sub(_digits_of_words, text)
    if _SPACES_TAKEN_OUT.search(text):
        text = _UNDERSCORE_GAP.sub("", text)
    text = _HANDLE_IN_PIECES.sub(lambda match: _SPACES.sub("", match.group(0)), text)
    text = _SPELLED_OUT.sub(_rejoin, text)
    text = _SPLIT_DM.sub(lambda match: match.group(0)[0] + "m", text)
    text = _BROKEN.sub(lambda match: re.sub(r"[ \-]", "", match.group(0)), text)
    return _SPACED_HOST.sub(_rejoin_host, text)


# --- rules ------------------------------------------------------------------------------------

# Between two English words: spaces and punctuation, nothing else.
_S = r"[\s\W_]*"
# Telegram also with digits for letters ("te1egram", "t3legr4m").
_APPS_ZH = (
    r"(?:微信|威信|薇信|徽信|v\s?信|wx|vx|qq|扣扣|企鹅|电报|飞机|绿泡泡|绿色聊天(?:软件|app)|tg|t[e3][l1][e3]gr[a4]m|whatsapp|line|skype|"
    r"discord|kakao(?:\s*talk)?|zalo|"
    r"(?<![a-z])(?:t\s?g|w\s?x|v\s?x)(?![a-z]))"
)
_APPS_EN = (
    r"(?:t[e3][l1][e3]gr[a4]m|tele|tg|whats\s*app|wechat|we\s*chat|signal|discord|skype|line|qq|viber|"
    r"kakao(?:\s*talk)?|zalo)"
)
# A TRON address starts with T, and may go on with a G ("TGzq7…"): an address, not TG and a handle.
_NOT_AN_ADDRESS = r"(?!t[a-z0-9]{33}(?![a-z0-9]))"
_APPS_BARE = (
    r"(?:微信|威信|薇信|徽信|v\s?信|wx|vx|qq|扣扣|电报|飞机|绿泡泡|绿色聊天(?:软件|app)|tg|t[e3][l1][e3]gr[a4]m|whats\s*app|wechat|we\s*chat|"
    r"discord|skype|viber|kakao(?:\s*talk)?|zalo|\u2708|\U0001f427)"
)

# … nor one the writer dare not or did not add ("我不敢加微信", "没加").
_ADD = r"(?<![增参附追叠不没别])(?<!不敢)(?<!不想)(?<!不会)加"
# An "official" account on a messaging app ("官方客服企业微信", "官方认证售后微信").
_OFFICIAL_ACCOUNT = (
    r"(?:官方|客服|专员|老师|技术|人工|认证|售后|指定|专属)+(?:企业)?(?:微信|v|qq|电报|飞机)"
)
# Pictographs and symbols dressing a label up ("微信👉：", "WX✅:").
_DRESS = r"[\u2190-\u2bff\U0001f000-\U0001faff\ufe0f]{1,3}"
# Arrows and hands pointing at what follows, read as a colon.
_POINTER = r"[\u2190-\u21ff\u27a1\u2b05-\u2b07\U0001f446-\U0001f449\U0001f4cd\U0001f51c]"
# A phone number: international with a plus ("+852 6123 4567", "+1 (213) 555-0147") or a
# mainland mobile number.
_PHONE = r"(?:\+\s*\d(?:[\s\-()]{0,3}\d){6,}|(?<!\d)1[3-9]\d(?:[\s\-]?\d){8}(?!\d))"
# A number long enough to be a phone number however it is grouped ("44 7911 123 456").
_LONG_NUMBER = r"(?<!\d)\d(?:[\s\-()]{0,3}\d){8,}"
# A service number ("400-8712-6633", "800 820 1234").
# A handle of four or more, a dot allowed between its letters ("LINE：imw.custody").
_HANDLE = r"[a-z0-9_](?:[a-z0-9_]|\.(?=[a-z0-9_])){3,}"
_SERVICE_NUMBER = r"(?<!\d)[48]00[\s\-]?\d{3,4}[\s\-]?\d{3,4}(?!\d)"

# An address one received mail from ("an email from "support@…"") is the sender, not an offer.
_NOT_SENDER = (
    r'(?<!from )(?<!from ")(?<!from “)(?<!from: )(?<!发件人)(?<!发件人:)(?<!发件人 )(?<!来自)'
    r"(?<!发件人: )(?<!发件人是)(?<!发件人是 )(?<!发件人为 )(?<!sender is )(?<!sender: )"
    r"(?<!寄件人是)(?<!寄件人是 )(?<!寄件人:)(?<!寄件人: )"
    # … nor one in a mail header's angle brackets ("From: "IM Wallet Security" <x@y.support>").
    r"(?<!<)"
)

_PRIVATE_CONTACT = [
    # 加我微信 / 加我 TG / 联系我的电报 / 私聊我 / 私信我 / 加V / 微信号 …
    # 加 in 增加, 参加, 附加 … adds nothing: "增加微信支付" is a payment method, not a contact.
    re.compile(rf"(?:{_ADD}|联系|找|私聊|私信|dm)\s*我\s*(?:的|一下|下)?\s*[:：]?\s*{_APPS_ZH}"),
    re.compile(
        # … not what someone sent ("私信我的原话", "私信我说…").
        r"(?:私聊我|私信我)(?!的(?:原话|内容|人|那个|号|消息)|说(?!一下|下|说|明|清楚)|了|报个?名)|"
        r"私我|私聊给我|私信给我|小窗我|"
        r"加我好友|(?<![a-z0-9])(?<!\d )[dp]m\s*我|"
        # … or the contact sent by DM ("联系方式私信发你").
        r"(?<!说)(?<!称)(?:联系方式|微信|电话|号码?)[^。！？!?\n]{0,4}?(?:私信|私聊|私)(?:发|给)(?:给)?你"
    ),
    # 加V, 加微, and 加我微 with 微 alone for WeChat (not 微博, which is followed).
    re.compile(rf"{_ADD}\s*我?\s*(?:v|微(?!博)|威|薇|扣)(?![a-z])"),
    # … and LINE by its Taiwanese name, 赖 (賴): "加我赖".
    re.compile(rf"{_ADD}\s*我\s*的?\s*赖(?![账皮])"),
    # … also said in words ("客服微信号是 x", "飞机号为 @y").
    re.compile(rf"{_APPS_ZH}\s*(?:号|账号|帐号|id)\s*(?:是|为|叫)?\s*[:：]?\s*[@a-z0-9_]"),
    re.compile(
        r"(?:qq|(?<![a-z])q|扣扣?|企鹅)\s*(?:群号?|号码?)\s*[:：]?\s*\d{5,}|qq\s*[:：]?\s*\d{5,}|"
        # … grouped with spaces ("企鹅 2846 5517 93").
        r"(?:qq|扣扣?|企鹅|\U0001f427)\s*(?:群号?|号码?)?\s*[:：]?\s*\d(?:[\s\-]?\d){5,}|"
        # A bare Q for QQ: to add, or with a number too long to be an amount
        # ("Q：二五八七三六一九零").
        rf"{_ADD}\s*我?\s*的?\s*q\s*[:：]?\s*\d{{5,}}|"
        r"(?<![a-z])q\s*[:：]\s*\d{7,}(?!\d|\s*(?:u\b|usdt|usdc|eth|btc|trx|元|块|刀|美元))|"
        # A group's number ("群号：七八三五二六一九零"), a code to scan into a group, details by DM.
        r"群号\s*[:：]?\s*\d(?:[\s\-]?\d){4,}|"
        r"(?:扫|扫描)(?:一下)?(?:下方|下面|图中|图片|这个|帖子里){0,2}的?二维码[^。！？!?]{0,10}?"
        r"(?:进群|入群|加群|加我|领取|加[^。！？!?，,]{0,6}群|添加|加\S{0,4}?客服)|扫码(?:进群|入群|加群)|"
        r"(?:详情|细节|具体)\s*(?:请)?\s*(?:站内)?\s*(?:私信|私聊)|(?:站内)?私信(?:详谈|咨询|了解)|"
        # "需要的我可以推给你们，私信。": a bare "私信" closing an offer; contact details given.
        r"(?:需要的|有需要的?)[^。！？!?\n]{0,16}?(?:私信|私聊|推给你)|[,，]\s*私信\s*(?:[。.!！]|$)|"
        r"联系方式\s*[:：]\s*[^\s。，,]"
    ),
    # The reader's contact asked for: "留个联系方式我来找你", "drop your email or number below".
    re.compile(
        r"(?<![不没别勿])留(?:个|下|一下)?(?:你的|您的)?\s*(?:联系方式|微信|电话|手机号?|邮箱|qq|tg|电报)|"
        rf"\b(?:drop|leave|post|send|share|give){_S}(?:me{_S})?(?:your|ur){_S}(?:e-?mail|phone|number|"
        rf"contact|whats{_S}app|telegram|wechat|handle)|"
        # … "share an email and I'll send …", not an e-mail's template.
        rf"\b(?:drop|leave|share|give){_S}(?:me{_S})?an?{_S}e-?mail\b(?!{_S}(?:template|draft|sample|example))"
    ),
    # A handle named on an app ("the team at @x on Telegram"), someone to contact at a handle
    # ("Contact tele ➡ @x"), a group to search for on an app ("Telegram 搜索群"), and a DM the
    # writer says was sent or is better ("我私聊你说更方便，已经给你发消息了").
    re.compile(
        rf"@\s?[a-z0-9_]{{4,}}{_S}(?:on|in|via|at){_S}{_APPS_EN}\b|"
        # … with a word or two after the handle ("@ IM_Wallet 🛟 Support on TG"): each word is
        # set off by what is not a letter, so a long run of letters is not split every way.
        rf"@\s?[a-z0-9_]{{4,}}(?:[^\w@]+[a-z0-9]\w?){{1,2}}\b[^\w@]*(?:on|in|via|at)\s+{_APPS_EN}\b|"
        rf"\b(?:contact|message|msg|ping|text)\b(?!{_S}(?:from|to|by)\b)[^.!?\n@]{{0,12}}@\s?[a-z0-9_]{{4,}}|"
        rf"{_APPS_BARE}\s*(?:上|里)?\s*搜(?:索)?\s*(?:群|频道|群组)|"
        # … or for a handle ("telegram 搜 recoverking_cn"): one with a digit or an underscore.
        # … or a little after it ("都是在微信上处理，搜：imqbkf01").
        rf"(?:{_APPS_BARE}|(?<![a-z])(?:signal|line)(?![a-z]))[^。！？!?\n]{{0,16}}?搜(?:索)?\s*[:：]?\s*@?"
        rf"(?=[a-z0-9_]*[0-9_])[a-z][a-z0-9_]{{4,}}|"
        # … or an account to add by its number, the app left unnamed ("加💬(绿色那个聊天软件)号:x").
        rf"{_ADD}(?!密|油|入|载|速|班|价|倍)[^。！？!?\n]{{0,20}}?(?<![账帐])号\s*[:：]\s*@?[a-z][a-z0-9_\-]{{4,}}|"
        # … or to add ("Signal 加一下 ImFixer.88").
        rf"(?:{_APPS_BARE}|(?<![a-z])(?:signal|line)(?![a-z]))\s*(?:上|里)?\s*{_ADD}(?:一下|下)?\s*[:：]?\s*@?"
        r"(?=[a-z0-9_.]*[0-9_])[a-z][a-z0-9_.]{3,}|"
        r"我(?:来)?(?:私聊|私信)(?:发|给)?(?:你|您)|(?:已经?|刚)(?:给|跟)(?:你|您)(?:发了?|私信了?)(?:消息|私信|信息|站内信)|"
        r"私信(?:已经?|我)?(?:发|给你发|发给?你)了?[，,\s]*(?:请|记得)?\s*查收|请?查收(?:一下)?(?:我的)?(?:私信|站内信)|"
        # … said short ("已私信你", "有不懂的在私信里问我").
        r"(?:^|(?<=[,，。.!！?？\s]))我?(?:已经?|刚刚?)(?:私信|私聊)了?(?:你|您)|(?:在|到)私信里?(?:问|找|联系)我"
    ),
    # A handle on an app, spelled so the reader puts it together ("Telegram … t🔥i🔥m…🔥desk, no
    # spaces", "电报 … 连起来就是").
    re.compile(
        rf"(?:电报|飞机|微信|v信|qq|扣扣|\b{_APPS_EN}\b)[^\n]{{0,120}}?[a-z0-9_][^\w\s]?\s*[,，(（]?\s*"
        r"(?:复制时|复制的时候|搜的时候|加的时候)?"
        r"(?:(?:no|without)\s+spaces?\b|(?:去掉|不要|不带|没有|无)空格|连起来(?:就是|写|输入|搜)|"
        r"(?:去掉|删掉|删除)(?:中间的)?(?:加号|符号|表情|横线))"
    ),
    # t.me with a symbol or spaces in it ("t 🔹 me / x_cs"), a link the reader is to put together.
    re.compile(r"(?<![a-z0-9])t\s*[^\w\s]{1,3}\s*me\s*/\s*@?[a-z0-9_]{4,}"),
    # Someone else's handle to add or write to ("add her: grace_imwallet#4471").
    re.compile(
        rf"\b(?:add|contact|message|dm|text|e-?mail){_S}(?:him|her|them)\b\s*[:：]\s*@?[a-z0-9_.]{{4,}}|"
        # … or a handle named, and then the reader told to write to its owner ("someone told me
        # about @x on instagram. … just message him").
        rf"(?<![\w@])@\s?[a-z0-9_]{{4,}}[^\n]{{0,200}}?(?<!n[’']t )(?<!not )(?<!never )"
        rf"\b(?:just{_S})?(?:message|dm|pm|text|contact|msg|hit{_S}up|reach{_S}out{_S}to)\s+"
        rf"(?:him|her|them)\b(?!{_S}(?:back|again))"
    ),
    # A Discord tag ("ChainRescue#4471") where Discord is named.
    re.compile(r"discord[^。！？!?\n]{0,30}?(?<![\w#])[a-z][a-z0-9_.]{2,31}#\d{4}(?!\d)"),
    # DM me / PM me / message me / contact me on …
    # … unless it says who never will ("support won't DM me").
    re.compile(
        r"(?<!n[’']t )(?<!wont )(?<!not )(?<!never )(?<!need to )"
        rf"\b(?:dm|pm|inbox|message|msg|text|ping|whats{_S}app|telegram|contact|reach|add|e-?mail)"
        rf"{_S}me\b|\bhit{_S}me{_S}up\b|"
        # Signal and the like are words too ("signal me when you're home"): with what follows.
        r"\b(?:signal|wechat|viber|skype|line)\W{0,3}me\b"
        r"(?=\s*(?:[:：@+\d]|on\b|at\b|instead\b|there\b|asap\b|now\b|pls\b|please\b))"
    ),
    re.compile(
        rf"\b(?:send|drop|shoot){_S}me{_S}(?:an?{_S})?(?:private|direct|dm|pm|e-?mail|mail)\b"
    ),
    # A number given as the one to ring ("电话13800138000", "hotline: +1 …").
    # Not a call received ("刚接到电话 138…", "来电 …").
    re.compile(
        rf"(?<!到)(?<!了)(?<!来)(?:电话|热线|联系电话|\btel\b|\bphone\b|\bhotline\b)\s*(?:号码?|number)?"
        rf"\s*[:：]?\s*{_PHONE}"
    ),
    # A number to call, said as a command ("plz call our toll free 1-800-555-0193").
    re.compile(
        rf"(?<!n[’']t )(?<!not )(?<!never )\b(?:call|ring|dial)\b[^.!?\n]{{0,25}}?{_LONG_NUMBER}"
    ),
    re.compile(rf"\bmessage{_S}(?:me{_S})?privately\b"),
    # … or spelled out in words so no filter reads digits ("Signal at plus one, four one five, …").
    re.compile(
        rf"\bplus{_S}(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b{_S}){{4,}}"
    ),
    # A handle or number given with a messaging app: "telegram @x", "wechat: x".
    # … the name dressed up before the colon ("微信👉：x", "WX👉: x").
    # … or a number after it with 加 for its plus ("WhatsApp：加852 9637 2184").
    re.compile(
        rf"\b{_APPS_EN}\b\s*(?:{_DRESS})?\s*(?:(?:[:：]\s*(?:@|加(?=\d))?\s?|@\s?){_HANDLE}|"
        # … or a phone number after the colon ("on Signal: +44 7700 900412").
        rf"[:：]\s*{_PHONE}|"
        rf"[:：]\s*加\s*\d(?:[\s\-]?\d){{6,}})"
    ),
    re.compile(rf"{_APPS_ZH}\s*(?:{_DRESS})?\s*(?:[:：]\s*(?:@|加(?=\d))?\s?|@\s?){_HANDLE}"),
    # … or an arrow pointing from the name to a handle with a digit ("wx👉 im6688").
    re.compile(
        rf"(?:{_APPS_ZH}|\b{_APPS_EN}\b)\s*{_POINTER}+\s*@?(?=[a-z0-9_]*[0-9_])[a-z][a-z0-9_]{{3,}}"
    ),
    # "V❤：abc123", "v🌟: kf_01": a v for WeChat dressed up, then a handle.
    re.compile(
        r"(?:(?<![a-z0-9])v|薇|威|微|徽|扣)\s?[^\w\s:：]{0,3}\s?[:：]\s*(?:[a-z][a-z0-9_\-]{3,}|"
        r"[a-z0-9][a-z0-9_ ]{4,})"
    ),
    # … or dressed and followed by a handle with a digit, no colon ("薇🌸 imkf668").
    re.compile(
        r"(?:薇|威|微(?!博)|徽|扣)\s?[^\w\s:：]{1,3}\s?"
        r"(?=[a-z0-9_]*[0-9_])[a-z][a-z0-9_]{3,}(?![a-z0-9_])"
    ),
    # A group's number or handle given outright ("群号：@imqb_neibu").
    re.compile(r"群号\s*(?:是|为)?\s*[:：]?\s*@?[a-z0-9_]{5,}"),
    # A number given by its ends so no filter reads it whole ("Number starts with +44 7700 and
    # ends 900 431", "号码开头是138，结尾是…").
    re.compile(
        rf"\b(?:number|phone|digits)\b[^.!?\n]{{0,12}}?\bstarts?{_S}with\b[^.!?\n]{{0,6}}?\+?\d"
        rf"[^.!?\n]{{0,40}}?\bends?\b|(?:号码|手机|电话)[^。！？!?\n]{{0,6}}?(?:开头|前几位)"
        r"[^。！？!?\n]{0,12}?\d[^。！？!?\n]{0,20}?(?:结尾|后几位|尾号)|"
        # … or an app's number in parts over the next sentences ("他的扣扣开头是三八七。后面是…").
        rf"(?:{_APPS_BARE}|号码|手机)(?:号)?[^。！？!?\n]{{0,6}}?(?:开头|前几位|前三位|前面)(?:是|为)?"
        rf"\s*[:：]?\s*(?:\d|{_CN_DIGIT})[^\n]{{0,30}}?(?:后面|后几位|后半|剩下的?|接着)(?:是|为)?\s*[:：]?\s*"
        rf"(?:\d|{_CN_DIGIT})"
    ),
    # … or in English ("First part of my handle is "imw". Second part is …").
    re.compile(
        rf"\b(?:first|second|last|other){_S}(?:part|half|bit){_S}of{_S}my{_S}"
        rf"(?:handle|username|user{_S}name|id|number|tag)\b[^.!?\n]{{0,6}}?\bis\b\s*"
        r"(?:[@\"“'][a-z0-9_+.]{2,}|[a-z0-9]*[0-9_][a-z0-9_]*)"
    ),
    # A handle given in halves so no filter reads it whole ("飞机号前半段是 x … 后半段：y").
    re.compile(
        rf"(?:{_APPS_ZH}|(?<![a-z0-9])[vq]|薇|威|扣)\s*(?:号|账号|帐号|id|用户名)?\s*的?\s*[:：]?\s*"
        r"(?:前半段|后半段|前半部分|后半部分|前半截|后半截|前一半|后一半|前面|后面|开头)\s*(?:是|为|[:：])\s*@?"
        r"[a-z0-9_]{3,}"
    ),
    # The handle is the nickname: "微信号就是我的昵称", "my name here is my Telegram".
    re.compile(
        r"(?:微信|v信|vx|wx|tg|电报|飞机|qq|telegram|wechat|(?<![a-z])q?群)\s*(?:号|id)?\s*"
        r"(?:就是|=|同|跟)\s*(?:我的)?"
        r"\s*(?:昵称|用户名|名字|id)|(?:昵称|用户名|名字)\s*(?:就是|=)\s*(?:我的)?\s*"
        r"(?:微信|v信|vx|wx|tg|电报|飞机|qq)"
    ),
    # … in English ("username is the same as mine here with .88 at the end").
    re.compile(
        rf"\b(?:username|user{_S}name|handle|id|tag)\b[^.!?\n]{{0,10}}?\b(?:is|=){_S}(?:the{_S})?same"
        rf"{_S}as{_S}(?:mine|my{_S}(?:name|username|handle|nick))\b"
    ),
    # … or the app named beside it ("he's on tele, same handle as mine").
    re.compile(
        rf"\b(?:on|in|via){_S}{_APPS_EN}\b[^.!?\n]{{0,12}}?\bsame{_S}(?:handle|username|user{_S}name|name|id|"
        rf"nick(?:name)?)(?:{_S}as{_S}(?:mine|my{_S}\w+|here)|{_S}as{_S}on{_S}here)\b"
    ),
    # … or in pieces ending in digits ("v信：ｌｉｎ ｇｅ ６６８").
    re.compile(
        r"(?:微信|v\s?信|薇信|威信|(?<![a-z])vx|(?<![a-z])wx|扣扣|电报|飞机|绿泡泡)\s*[:：]\s*"
        rf"[a-z]{{1,8}}(?:\s+[a-z]{{1,8}}){{0,3}}\s+(?:\d{{2,}}|{_CN_DIGIT}{{2,}})(?![\d.,]*\s*(?:u\b|usdt|usdc|eth|btc|trx|元|块))"
    ),
    # … or typed as syllables ("wo 微信: da bai cai er ling er san").
    re.compile(
        r"(?:微信|v\s?信|薇信|威信|(?<![a-z])vx|(?<![a-z])wx|扣扣|电报|飞机)\s*[:：]\s*"
        r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouv][a-z]{0,3}\s+){3,}"
        r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouv][a-z]{0,3}\b"
    ),
    # A user name on a messaging app, given further on: "在飞机上找…，用户名 lianshang_laowang".
    re.compile(
        rf"(?<![a-z]){_APPS_BARE}(?:上|里)?[^。！？!?\n]{{0,30}}?(?:用户名|名字|username|user{_S}name|"
        r"\bid\b|账号)\s*(?:是|为)?\s*[:：]?\s*@?[a-z][a-z0-9_]{3,}"
    ),
    # 加一下我, 加下我: a contact asked for with no app named.
    re.compile(rf"{_ADD}(?:一下|下)我|{_ADD}我(?:一下|下)(?!载)"),
    # An e-mail address that calls itself support on a mail service anyone can sign up to.
    re.compile(
        _NOT_SENDER
        + r"(?<![a-z0-9._%+\-])[a-z0-9._%+\-]*(?:support|help|service|admin|official|rescue|"
        r"recover|refund|imwallet|kefu|客服)[a-z0-9._%+\-]*@(?:gmail|googlemail|outlook|hotmail|live|yahoo|"
        r"proton(?:mail)?|qq|163|126|yeah|sina|icloud|gmx|aol|mail|yandex)\."
    ),
    # … or any such inbox to write or send to ("email x@protonmail.com", "截图发到邮箱
    # x@outlook.com"): a person's mailbox, not a desk. Not one named as someone's ("their email
    # x@gmail.com").
    re.compile(
        r"(?:(?<![’']s )(?<!their )(?<!his )(?<!her )(?<!an )(?<!the )(?<!this )(?<!that )"
        r"(?<!from )(?<!fake )(?<!scam )(?<!my )(?<!your )(?<!our )"
        r"\b(?:e-?mail|contact)(?:\s+(?:us|me|him|her|them))?(?:\s+at)?|"
        r"(?:发|寄|发送|转发)(?:到|至|给)(?:[^。！？!?\n]{0,6}?邮箱)?)\s*[:：]?\s*[a-z0-9._%+\-]+@"
        r"(?:protonmail|proton|gmail|googlemail|outlook|hotmail|live|yahoo|qq|foxmail|163|126|yeah|"
        r"sina|tutanota|tuta|icloud|aol|yandex|gmx|zoho|mail)\.(?:com|me|net|cn|ch|io)\b"
    ),
    # … or on a domain that calls itself support or the wallet (not the sender of a mail one
    # received: "an email from support@…").
    re.compile(
        _NOT_SENDER + r"(?<![a-z0-9._%+\-])[a-z0-9._%+\-]+"
        r"@[a-z0-9\-.]*(?:support|helpdesk|help|service|official|secure|imwallet|im-wallet|recover|"
        r"verify|validat|refund)[a-z0-9\-.]*\.[a-z]{2,}"
    ),
    # A phone number given as the official or support line (客服电话：400-…).
    re.compile(
        rf"(?:客服|官方|人工|售后|服务)(?:的)?(?:电话|热线|专线)\s*(?:是|为)?\s*[:：]?\s*{_LONG_NUMBER}|"
        rf"(?:请|直接)?(?:致电|拨打|打电话给?)[^。！？!?\n]{{0,24}}?{_LONG_NUMBER}|"
        # … a 400 or 800 number called or named as a line ("我上周打了 400-8712-6633").
        rf"(?:专线|热线|打了?|\bhot{_S}?line\b|\bsupport{_S}line\b|\bcall(?:ed)?\b){_S}"
        rf"{_SERVICE_NUMBER}|"
        # … or to ring ("打这个电话：400-8 2 6-5 5 1 3").
        rf"打(?:这个|下面的?|以下的?)?电话\s*[:：]?\s*{_SERVICE_NUMBER}|"
        # … given further on ("可以打这个电话咨询一下，我朋友就是这么解决的：壹叁捌 …").
        rf"(?<![别勿])(?<!不要)(?<!千万别)打(?:这个|下面的?|以下的?)电话[^。！？!?\n]{{0,30}}?"
        rf"(?:{_PHONE}|{_SERVICE_NUMBER})|"
        # … a number to add or to ring ("加 📱 +86 138 …").
        rf"(?:{_ADD}|\U0001f4f1|\U0001f4de|\u260e)[^。！？!?\n]{{0,6}}?{_PHONE}|"
        # … or right after a title, as a signature gives it ("财务部 王经理 📞 幺三八 …").
        rf"(?:经理|专员|主管|顾问|助理|总监|部长|客服|老师)\s*[:：]?\s*{_PHONE}|"
        # … or a mobile given as the line of someone to contact ("联系我们的专属顾问，电话 139…").
        rf"联系[^。！？!?\n]{{0,20}}?(?:电话|手机|\btel\b|\bphone\b)\s*(?:号码?)?\s*[:：]?\s*{_PHONE}"
    ),
    # … or with only a space ("薇信 zhuanjia_777", "✈️ @x_fix_kevin", "whatsapp +1 415 …"): a
    # handle then has a digit or an underscore, a number is a phone or QQ number ("微信 支付",
    # "telegram 群" and "telegram 2024-12-05" name no one). Not after "line" or "signal", which
    # are words.
    re.compile(
        rf"(?<![a-z0-9]){_NOT_AN_ADDRESS}{_APPS_BARE}\s*(?:群号?|号码?)?\s*[:：]?\s*(?:"
        # … a hyphen in it too ("微信 imqb-guanfang01").
        r"(?:@\s?)?(?=[a-z0-9_\-]*[0-9_])[a-z][a-z0-9_\-]{3,}(?![a-z0-9_\-])|"
        rf"{_PHONE}|\d{{7,}})"
    ),
    # … or further on in the same clause ("whatsapp our agent on +852 6123 4567"): a phone
    # number, not a date or an amount.
    re.compile(rf"(?<![a-z]){_APPS_BARE}[^。！？!?\n,，;；]{{0,40}}?{_PHONE}"),
    # … or its number given after a comma ("WhatsApp佢哋，號碼係六五 九八 …").
    re.compile(
        rf"(?<![a-z]){_APPS_BARE}[^。！？!?\n]{{0,20}}?(?:号码|电话|\bnumber\b)\s*(?:是|系|係|为|\bis\b)?\s*[:：]?\s*"
        rf"{_LONG_NUMBER}"
    ),
    re.compile(
        _NOT_SENDER
        + r"@[a-z0-9_]*(?:support|helpdesk|help|service|admin|official|rescue)[a-z0-9_]*"
    ),
    # WhatsApp as "WA" is a word only after "on", "via" …, and then with a number further on.
    re.compile(rf"\b(?:on|via|through|by)\s+wa\b[^。！？!?\n]{{0,40}}?{_LONG_NUMBER}"),
    # The writer's own line: "text our help line …, 44 7911 …", 我们的客服热线.
    re.compile(
        rf"(?:\bour{_S}(?:\w+{_S}){{0,3}}(?:help{_S}?line|hot{_S}?line|support{_S}line)|我们的(?:客服)?热线)"
        rf"[^。！？!?\n]{{0,40}}?{_LONG_NUMBER}"
    ),
    # Contact details kept on the profile: "check my bio", 主页有联系方式.
    re.compile(
        rf"\b(?:check|see|look{_S}at|in|on|linked{_S}on|via){_S}(?:my|our){_S}(?:bio|profile)\b|"
        rf"\b(?:number|handle|contact|id|telegram|whats{_S}app|wechat)\b[^.!?\n]{{0,30}}?"
        rf"\b(?:footer|signature|sig){_S}(?:of|under|below){_S}my{_S}posts?\b|"
        r"(?:看|见|点)(?:一下|下|看|开)?我(?:的)?(?:主页|简介|个人资料|签名|头像)"
        # … not a post there ("看一下我主页发的那篇教程").
        r"(?!(?:里|上)?(?:发|写|贴|置顶)的?(?:那|这)?(?:篇|个|条)?(?:帖|教程|文章|攻略|截图|视频))|扫(?:描|一下)?(?:我)?(?:的)?(?:头像|主页)|"
        r"(?:群号|联系方式|微信|v信|qq|赖|line|id|电报|飞机|tg)[^。！？!?\n]{0,6}?(?:我)?(?:放|写|留)?"
        r"(?:在|见|看)?(?:我的?)(?:个人)?(?:主页|简介|签名|头像)|"
        r"(?:群号|联系方式)[^。！？!?\n]{0,2}?我?(?:放|写|留)(?:在)?(?:个人)?(?:主页|简介|签名|头像)|"
        r"联系方式\s*(?:看|见)\s*(?:我的?)?(?:个人)?(?:主页|简介|签名|头像)|"
        # … and so is a build to install or a link to follow ("邀请链接在我主页").
        r"(?:链接|地址|安装包|下载|邀请|二维码)[^。！？!?\n]{0,4}?在我(?:的)?(?:个人)?(?:主页|简介|签名|头像)|"
        r"(?:转|打|充)(?:到|至|进)?我(?:的)?(?:个人)?(?:主页|简介|签名|头像)(?:里|上)?的?(?:地址|钱包)|"
        r"(?:头像|主页|简介|签名)(?:上|里)?的?二维码[^。！？!?]{0,10}?(?:进群|加我|扫)|"
        r"二维码(?:见|在)(?:我的?)?(?:头像|主页|简介|签名)|我(?:来)?拉你(?:们)?进(?:群|去)|"
        rf"\bscan{_S}(?:the{_S})?qr{_S}(?:code{_S})?(?:in|on){_S}my\b|联系方式(?:在|见)(?:我的?)?(?:主页|简介|签名)|"
        r"(?:主页|简介|签名|资料|profile|bio)[,，\s]*(?:里面|里|上面|上)?\s*有\s*(?:我的)?\s*(?:联系方式|微信|电报|v)|"
        # "点我头像看个人简介": the profile opened for what it holds.
        r"点(?:开)?我(?:的)?(?:头像|主页|名字)[^。！？!?\n]{0,4}?(?:看|进)(?:我的?)?(?:个人)?(?:主页|简介|签名|资料)|"
        # Details to be had by DM ("地址私信获取").
        r"(?:地址|链接|方式|联系方式|教程|资料)(?:请)?(?:私信|私聊)(?:获取|领取|索取)|"
        # A desk of one's own to add ("加我们的专属客服").
        r"加(?:我们|我)?的?(?:专属|一对一|vip)(?:客服|顾问|专员)"
    ),
    # A person to find on a messaging app ("search "Marcus" on Telegram", 电报上搜), and sent to
    # with a referral ("tell him the forum sent you").
    re.compile(
        rf"\bsearch\b[^.!?\n]{{0,40}}?\b(?:on|in){_S}(?:telegram|tg|whats{_S}app|wechat|discord|"
        rf"signal|there)\b|\b(?:on|in){_S}(?:telegram|tg|whats{_S}app|wechat|discord)\b[^.!?\n]{{0,30}}?"
        # … (not the writer's own search: "我在电报上搜…")
        rf"\bsearch\b|(?<!我在)(?<!我在 )(?<!我)(?:电报|飞机|tg|微信|v信|qq|小红书|抖音|快手|"
        r"微博|推特|discord|telegram|whatsapp)\s*(?:上|里)?[,，\s]*"
        # … told to search, not searched already ("我在飞机上搜到好几个…").
        r"(?:搜|搜索|查找)(?!到|了|过)"
    ),
    re.compile(
        rf"\btell{_S}(?:him|her|them){_S}(?:that{_S})?(?:i|the{_S}forum|\w+(?:{_S}from{_S}(?:the{_S})?"
        rf"(?:\w+{_S})?(?:forum|group|community|thread))?){_S}(?:sent|referred){_S}you\b|(?:就说|说是)(?:在)?(?:我|(?:im\s*)?(?:论坛|社区)|这里|帖子)(?:上|里)?(?:的)?"
        r"(?:介绍|推荐|看到|过来|来)的|报我(?:的)?名字|"
        # … or the note to leave when adding ("加的时候备注“IM论坛”，不然他不通过").
        r"(?:加|添加)(?:他|她|我)?(?:的时候|时)(?:请|记得)?备注"
    ),
    # "let's continue on WhatsApp": the talk moved off the forum.
    re.compile(
        rf"\b(?:continue|talk|chat|move|carry{_S}on)\s+(?:this\s+)?(?:on|to|in|over)\s+"
        rf"(?:whats{_S}app|telegram|wechat|signal|line|discord|tg)\b"
    ),
    # Someone else's contact given to be used: "his signal is +1 415 …", 他的微信是 x.
    re.compile(
        rf"\b(?:his|her|their){_S}(?:signal|whats{_S}app|telegram|tg|wechat|line|number|phone|"
        rf"contact|email|e-mail|handle|discord)(?:\s+is\b|\s*[:：])\s*(?:@?[a-z0-9_]{{4,}}|\+)|"
        rf"(?:他|她|他们)的?(?:{_APPS_BARE}|signal|line|电话|手机|邮箱|联系方式)(?:号)?\s*(?:是|:|：)"
    ),
    # 添加官方客服企业微信: someone official to add, on a messaging app.
    re.compile(rf"{_ADD}{_OFFICIAL_ACCOUNT}"),
    # An ID given on Line or Signal, words that are only an app beside one ("Line客服 ID：@x").
    re.compile(
        r"(?<![a-z])(?:line|signal)[,，\s]*(?:官方|客服|专员|技术|support)*\s*(?:\bid\b|号|账号|帳號)\s*[:：]\s*"
        # … a handle with a dot in it too ("可以用Line，ID：@imw.hk").
        r"@?[a-z0-9_](?:[a-z0-9_]|\.(?=[a-z0-9_])){3,}"
    ),
    # Support said to have moved to a messaging app ("官方已将客服迁移至电报，请搜索…").
    re.compile(
        rf"(?:客服|官方|售后|技术|工单)[^。！？!?\n]{{0,8}}?(?:迁移|转移|搬|移)(?:至|到)\s*{_APPS_BARE}"
    ),
    # … or a little after the app ("揾咗 LINE 上面 IM钱包嘅官方客服帮手，ID：@imwallet.hk").
    re.compile(
        rf"(?:{_APPS_BARE}|(?<![a-z])(?:line|signal)(?![a-z]))[^。！？!?\n]{{0,30}}?\bid\s*[:：]\s*@?"
        r"[a-z0-9_](?:[a-z0-9_]|\.(?=[a-z0-9_])){3,}"
    ),
    # "Line加 imhelp888", 来Signal找我, "my tag is walletmedic".
    re.compile(
        rf"(?<![a-z])(?:{_APPS_BARE}|line|signal)\s*(?:上|里)?\s*(?:加|add|联系|找|contact)\s*[:：]?\s*"
        r"@?[a-z][a-z0-9_.]{3,}|"
        rf"(?:来|到|上|去)\s*(?:{_APPS_BARE}|line|signal)\s*(?:上|里)?\s*(?:找|联系|私聊|私信|加)我|"
        # … or with no word before it ("Signal上找我，搜 imw 点 support").
        # Not someone who found the writer there ("有人在TG上找我").
        rf"(?:^|(?<=[,，。.!！?？\s]))(?:{_APPS_BARE}|line|signal)\s*(?:上|里)?\s*(?:找|联系|私聊|私信|加)我"
        r"(?!了|过|说|的)|"
        rf"\bmy{_S}(?:tag|handle|discord|telegram|tg|wechat|whats{_S}app|signal|line|qq)"
        rf"(?:{_S}(?:id|tag|handle))?{_S}(?:is|:)\s*@?[a-z][a-z0-9_.#]{{3,}}"
    ),
    # An app, what to search on it, and the writer found there ("绿色聊天软件搜 yi ba qi … 就能加到
    # 我").
    re.compile(
        rf"{_APPS_BARE}[^。！？!?\n]{{0,10}}?(?:搜|搜索)[^。！？!?\n]{{1,40}}?(?:就能|就可以|即可|可以)?"
        r"(?:加到我|加我|找到我|就是我)"
    ),
    # A handle in pieces to be joined ("Handle is @im_wallet + _support + _88").
    re.compile(
        rf"(?:handle|id|username|user{_S}name|账号|帐号|用户名)\s*(?:is|是|[:：])\s*@?[a-z0-9_]+"
        r"(?:\s*\+\s*@?[a-z0-9_]+)+"
    ),
    # An app used as a verb on the writer ("直接WhatsApp我哋：…", "直接LINE我們比較快").
    re.compile(
        r"(?<![a-z])(?:whats\s*app|line|signal|telegram|tg|wechat|微信|电报|飞机)\s*(?:我哋|我们|我)"
        r"(?:\s*[:：]|比较快|比较方便|快|吧|即可|就行|就好|咨询|处理|详聊|详谈)"
    ),
    # 私聊 as the way the writer handles it ("私 聊 处理", "私聊解决"), no 我 needed.
    re.compile(r"(?<![别勿不])私聊(?:处理|解决|咨询|办理|详谈|沟通|发你|给你)"),
    # The writer's avatar or profile, for the contact on it ("点我头像就能看到联系方式").
    re.compile(
        r"(?:点|看|戳)我(?:的)?(?:头像|主页|简介|资料)[^。！？!?\n]{0,12}?(?:联系方式|微信|电报|飞机|qq|联系)"
    ),
    # Pulled into the writer's group ("想进群的楼下扣"跟单"，我一个个拉", "拉你进用户互助群").
    re.compile(
        r"(?:我|我们)(?:可以|来|帮你|会)?(?:一个个|挨个|逐个)?拉(?:你|你们|大家)?进[^。！？!?\n]{0,8}?群|"
        r"(?:我|我们)(?:一个个|挨个|逐个)拉"
    ),
    # What to say when adding the writer ("加的时候说论坛来的", "加的时候验证填"钱包""): the
    # reader is to add someone.
    # Not a token added ("添加的时候填错了精度").
    re.compile(r"(?<![添增参附追叠])加(?:我|的)?(?:的)?时候(?:请)?(?:说|备注|注明|写明|验证)"),
    # An app and a search for the writer's own name on it ("✈️搜我ID同名就能找到").
    re.compile(
        rf"(?:{_APPS_BARE}|{_APPS_ZH})[^。！？!?\n]{{0,6}}?(?:搜|找|加)(?:一下)?我?的?"
        r"(?:id|用户名|昵称|名字)?\s*(?:同名|一样的)"
    ),
    # A handle to search for ("✈️ 搜索 @ moonwhale_signals_cn"), or a group's admin to go to ("找群管
    # @ImW_Anna").
    re.compile(
        r"(?:搜索?|查找)\s*[:：]?\s*@\s?(?=[a-z0-9_]*[0-9_])[a-z0-9_]{4,}|"
        r"找(?:群管|管理员?|群主|助理|老师|经理|客服|专员)\s*[:：]?\s*@\s?[a-z0-9_]{4,}"
    ),
    # … or an app called by a nickname, and a number on it ("一个叫"wei"的软件，号是 …").
    re.compile(
        r"叫[\"“「]?[a-z\u4e00-\u9fff]{1,6}[\"”」]?的(?:软件|app|聊天软件)[^。！？!?\n]{0,12}?(?:号|id|账号)"
    ),
    # The way to reach the writer kept on their profile ("方法我写在主页简介里了，按那个方式联系
    # 我").
    re.compile(
        r"(?:地址|链接|网址|入口|联系方式)[^。！？!?\n]{0,6}?(?:放|写|挂|留)在(?:我的?)?(?:签名档?|主页|简介|个人资料)|"
        r"(?:主页|简介|个人资料|签名档?)[^。！？!?\n]{0,20}?联系我|联系我[^。！？!?\n]{0,12}?(?:主页|简介|个人资料)"
    ),
    # The handle the same as the writer's name here ("LINE ID 跟我的論壇暱稱一樣").
    re.compile(
        r"(?:id|账号|帐号|用户名|号)\s*(?:跟|和|与)我(?:的|在)?(?:这里的?|论坛的?)?(?:昵称|暱称|用户名|名字|id|网名)"
        r"(?:一样|相同)"
    ),
    # "find me on the blue app with the plane", "come find me on discord".
    re.compile(
        rf"\bfind{_S}me{_S}(?:on|in){_S}(?:the{_S})?(?:\w+{_S}){{0,4}}(?:app|chat|messenger|discord|"
        rf"telegram|tg|whats{_S}app|signal|line|wechat)\b"
    ),
    # A Discord invite code to join.
    re.compile(
        rf"\b(?:discord|dc)\b[^\n]{{0,160}}?\binvite{_S}code\b|\binvite{_S}code\b[^\n]{{0,60}}?"
        rf"\bdiscord\b"
    ),
    # A contact on a messaging app, and the line to say when writing to it ("加了那个飞机…你可以
    # 试试，记得说是论坛过来的", "tell him u came from the forum"): a referral is passed on.
    re.compile(
        rf"(?:{_APPS_ZH}|{_APPS_EN}|\u2708)[^。！？!?\n]{{0,80}}?(?:"
        r"说(?:是|你是)?(?:从)?(?:论坛|这里|这个帖子|帖子|群里)(?:过来|来)的|"
        rf"\b(?:tell|say|mention)(?:{_S}to)?{_S}(?:him|her|them){_S}(?:that{_S})?(?:u|you)"
        rf"(?:{_S}(?:came|come|are|were))?{_S}from{_S}(?:the{_S})?(?:\w+{_S})?(?:forum|group|here)\b)"
    ),
]

# "I am", "I'm", "we are"; "im" without its apostrophe only as a word of its own, and not after a
# word that makes it a name: the wallet is called IM ("a DM from "IM Support"", "imwallet").
_I_AM = (
    rf"(?:\bi{_S}am{_S}|\bi[’']m{_S}|(?<![\w\"\u201c\u300c'])(?<!from )(?<!the )(?<!by )(?<!of )"
    rf"(?<!fake )(?<!real )(?<!does )(?<!do )(?<!can )(?<!will )(?<!is )(?<!did )"
    rf"im(?![a-z0-9])(?!{_S}wallet){_S}|\bwe{_S}are{_S}|\bwe[’']?re{_S})"
)
# … and not a name of accounts or a team: "imwallet support accounts", "IM support team".
_NOT_A_NAME = r"(?![\s\"”」']*(?:accounts?|team|page|channel|group|bot|handle|profile|s\b|[’']s))"

_SUPPORT_CLAIM = [
    re.compile(
        r"(?:我(?:们)?|本人)(?:是|为)\s*(?:im\s*钱包|钱包)?\s*(?:中文|英文|官方)?(?:社区|论坛)?\s*(?:的)?\s*"
        r"(?:官方|客服|技术支持|管理员|工作人员|(?:技术|客服|运营|安全|风控)(?:部|中心|团队)|"
        r"(?:论坛|社区|本站|这里|本论坛)的?(?:版主|管理))"
    ),
    re.compile(
        rf"{_I_AM}(?:an?{_S}|the{_S})?(?:official{_S})?"
        rf"(?:(?:im{_S})?wallet{_S}|walletdesk{_S})?(?:support|admin|administrator|moderator|"
        rf"staff|agent|helpdesk|customer{_S}service)\b{_NOT_A_NAME}"
    ),
    re.compile(
        rf"{_I_AM}(?:from|with|in|on){_S}(?:the{_S})?"
        rf"(?:official{_S})?(?:(?:im{_S})?wallet{_S}|walletdesk{_S})?(?:support|help|admin|staff)|"
        rf"{_I_AM}(?:from|with|in|on){_S}(?:the{_S})?(?:official{_S})?(?:im|imwallet|im{_S}wallet|"
        rf"walletdesk){_S}(?:team|security|department)\b|"
        rf"{_I_AM}(?:on|from|with|in){_S}the{_S}(?:payments?|escalations?|billing|finance|security|"
        rf"compliance|withdrawals?|deposits?){_S}(?:desk|side)\b"
    ),
    # The wallet's desk introducing itself ("Hi, this is the IM Wallet Security Team"), not asked
    # about ("is this the IM Wallet support team?").
    re.compile(
        rf"(?<![\w\"“'])this{_S}is{_S}(?:the{_S})?(?:official{_S})?(?:im{_S}?wallet|walletdesk)"
        rf"(?:[’']s)?{_S}(?:official{_S})?(?:security|support|risk|compliance|help|service|"
        rf"customer{_S}service|recovery)(?:{_S}(?:team|desk|center|centre|department))?\b(?![^.!\n]{{0,40}}\?)"
        r"|这里是\s*(?:im\s*钱包|im\s*wallet)\s*(?:官方)?\s*(?:客服|安全|风控|技术|运营)"
        r"(?![^。！？!?\n]{0,12}?(?:吗|么|[?？]))"
    ),
    # … or by a job at the wallet ("我是IM钱包华南区客户经理").
    re.compile(
        r"(?:我(?:们)?|本人)(?:是|为)\s*(?:im\s*钱包|im\s*wallet)[^，,。！？!?\n]{0,8}?"
        r"(?:经理|专员|顾问|主管|负责人|工作人员|员工)"
    ),
    # … named beside a contact in brackets ("（IM錢包香港服務中心）"), or as the notice's first line
    # ("IM Wallet Compliance Department\nYour withdrawal …").
    re.compile(
        r"(?<=[0-9a-z_\s])[(（]\s*(?:im\s*钱包|im\s*wallet)[^)）]{0,8}?(?:服务中心|客服中心|客服部|安全中心|支持中心|"
        r"service\s+cent(?:er|re)|support\s+cent(?:er|re))\s*[)）]|"
        rf"^\W*(?:the{_S})?(?:im{_S}?wallet|im钱包)\s*(?:risk|security|compliance|support|fraud|"
        rf"withdrawals?|settlement|finance|legal)(?:{_S}(?:control|review))?{_S}(?:team|department|desk|"
        rf"cent(?:er|re)|office|division)\b(?!{_S}(?:is|are|was|were|has|have|will|never|does|did)\b|\?)"
    ),
    # … or its words on a case it has taken ("已为您升级至二线处理（工单 #87602）", "I've picked up
    # your ticket (ref WD-77410)", "this is Kevin from the wallet desk").
    re.compile(
        r"已(?:经)?为(?:您|你)(?:升级|转交|转接|提交|加急|登记|受理)|"
        r"我是负责[^。！？!?\n，,]{0,8}?(?:工单|客服|售后|审核|复核|风控)的(?:同事|工作人员|专员)|"
        rf"\b(?:i[’']?ve|i{_S}have|we[’']?ve|we{_S}have){_S}(?:picked{_S}up|escalated|taken{_S}over|been{_S}assigned)"
        rf"{_S}your{_S}(?:ticket|case|request)\b|"
        # … "I've escalated this to our recovery team", "your question has been escalated to
        # compliance".
        rf"\b(?:i[’']?ve|i{_S}have|we[’']?ve|we{_S}have){_S}(?:escalated|forwarded|referred){_S}(?:this|it)"
        rf"{_S}to{_S}(?:our|the){_S}|\byour{_S}(?:ticket|case|request|question|issue){_S}has{_S}been{_S}"
        rf"(?:escalated|forwarded|referred){_S}to\b|"
        rf"\bi[’']?m{_S}[a-z]+{_S}from{_S}(?:the{_S})?im{_S}?wallet\b(?![’']s{_S}(?:discord|telegram|forum|community))|"
        rf"\bthis{_S}is{_S}[a-z]+{_S}from{_S}(?:the{_S})?(?:im{_S}?)?wallet{_S}(?:desk|support|team|help{_S}?desk|"
        rf"security)\b"
    ),
    # The wallet's community staff by another title ("我是IM钱包社区运营小助手").
    re.compile(
        r"(?:我(?:们)?|本人)(?:是|为)\s*(?:im\s*钱包|im\s*wallet)\s*(?:官方)?\s*(?:社区|论坛)?\s*的?\s*"
        r"(?:运营|小助手|助手|专员|客服专员)"
    ),
    # The wallet speaking of what it opened ("我们在官方Discord开了被盗补偿通道").
    re.compile(
        r"我们(?:已经?)?在官方[^。！？!?\n，,]{0,12}?(?:开了|开通了|开放了|上线了|推出了|设立了)"
    ),
    # An official tag or signature: "[Official] Wallet v2 migration", "— IM Wallet Team".
    re.compile(
        r"[\[【(]\s*(?:official|官方|公告|announcement|admin|管理员|版主|moderator|mod)\s*"
        r"(?:提示|提醒|通知|notice|reminder)?\s*[\]】)]|"
        # … or the wallet's own desk as the tag ("【IM钱包客服】", "[IM Wallet Support]").
        r"[\[【]\s*(?:im\s*钱包|im\s*wallet|imwallet)\s*(?:官方)?\s*(?:客服|客服中心|安全中心|风控|"
        r"技术支持|support|team|security)\s*[\]】]"
    ),
    re.compile(
        r"(?:^|[\n。!！])\s*(?:版主|管理员|\bmoderator\b|\bmod\b|\badmin\b)\s*"
        r"(?:提醒|通知|公告|说明|notice|reminder|update)\s*[:：]"
    ),
    re.compile(
        r"(?:im\s*钱包|im\s*wallet|imwallet)\s*(?:官方|安全中心|客服中心|风控中心|风控部|运营中心)\s*"
        r"(?:提醒|通知|公告|声明)|"
        r"[\[【]\s*(?:安全|系统|官方|重要)?通知\s*[\]】]|(?:^|[\n。!！])\s*(?:im\s*钱包)?(?:客服|官方)"
        r"(?:提醒|通知)[:：]|\bsecurity(?:\W+team)?\W*notice\b"
    ),
    # … or after the last sentence, where a signature line ends up once the lines are one ("…
    # within 24h.\nIM Wallet Trust & Safety"): a desk by its kind, not "IM Wallet support" alone.
    re.compile(
        rf"[.!。！]\s*(?:the{_S})?(?:im{_S}?wallet|im钱包)\s*(?:trust{_S}(?:&|and){_S}safety|"
        rf"(?:risk(?:{_S}control)?|security|compliance|fraud|escalations?|customer{_S}(?:care|service))"
        rf"{_S}(?:team|desk|department|center|centre|operations)|安全中心|风控中心|安全部|风控部|"
        rf"客服中心|运营中心)(?:{_S}team)?[^\w?？]*$"
    ),
    re.compile(
        rf"(?:^|\n|[—–\-]{{1,2}}\s*)(?:the{_S})?(?:im{_S}?wallet|im钱包|walletdesk)\s*"
        rf"(?:(?:risk|security|support|compliance|escalations?|vip|service|help){_S})?"
        rf"(?:team|团队|官方|support|客服|staff|安全中心|客服中心|运营中心|安全部|技术部|风控部?|"
        rf"风控中心|desk|tier{_S}\d|level{_S}\d)\s*$|"
        # … a name before it ("— Daniel W. | IM Wallet Security Response Team").
        rf"[—–]{{1,2}}\s*[^\n|]{{1,30}}?[|/]\s*(?:the{_S})?(?:im{_S}?wallet|im钱包)\s*"
        rf"(?:(?:risk|security|support|compliance|escalations?|vip|service|help|response|incident)"
        rf"{_S}){{0,2}}(?:team|desk|团队|安全中心|客服中心)\s*$|"
        # … or a support title and the wallet's name ("Kevin L. | Senior Support Specialist, IM
        # Wallet").
        rf"[|/]\s*(?:(?:senior|lead|chief|head){_S})?(?:customer{_S})?(?:support|security|compliance|risk|"
        rf"service|help{_S}?desk)\s+(?:specialist|agent|officer|manager|lead|engineer|analyst|"
        rf"representative|associate)\s*[,，@]\s*(?:the{_S})?(?:im{_S}?wallet|im钱包)\s*$|"
        # … "IM" alone only with the desk's kind between: "— IM Compliance Desk".
        rf"[—–\-]{{1,2}}\s*im{_S}(?:risk|security|support|compliance|escalations?|vip|service|help)"
        rf"{_S}(?:team|desk|department|center|centre|ops|operations)\s*$"
    ),
    # A role signed at the end: "—— 论坛版主 阿杰", "— 管理员".
    re.compile(
        r"[—–\-]{1,2}\s*(?:论坛|社区|本站)?(?:版主|管理员|官方客服|客服专员|技术支持|"
        r"(?:安全|管理|运营|风控)(?:组|团队|小组))\s*"
        r"[\w\u4e00-\u9fff]{0,6}\s*$"
    ),
    re.compile(r"我们(?:的)?官方(?:技术|客服|团队|人员|工作)|我们(?:是)?官方(?!渠道|网站|app)"),
    # "admin here.", "Hi, support here 👋": a role introducing itself, not "support here is slow".
    re.compile(
        rf"(?:^|[.!?。！？\n]\s*|\b(?:hi|hello|hey|dear{_S}\w+)\b{_S}"
        rf"(?:(?:sir|madam|ma[’']?am|friend|bro|dear|all|everyone)\b{_S})?)"
        rf"(?:(?:im{_S})?wallet{_S})?(?:official{_S})?(?:admin|support|moderator|mod|staff|"
        rf"customer{_S}(?:service|care|support)|helpdesk|care{_S}team)\s+here\b(?!\s*(?:is|are|was|were|has|have|only|"
        rf"never|always|said|says|told|seems|takes|will|can|does|did|do|don[’']?t|won[’']?t|would|should|"
        rf"must|usually|answers?|repl(?:y|ies)|responds?|posts?)\b)"
    ),
    re.compile(
        rf"\bi{_S}work{_S}(?:for|at|with){_S}(?:the{_S})?(?:im{_S})?wallet|"
        rf"\bi{_S}work{_S}(?:on|in|for|at|with){_S}(?:the{_S})?im{_S}(?:wallet{_S})?"
        rf"(?:(?:dev|development|engineering|support|security|tech|core|backend|risk){_S})?team\b"
    ),
    # … or a name from the wallet's desk, "here" ("Hi all, Daniel from the IM Wallet help desk
    # here.").
    re.compile(
        rf"(?:^|[.!?。！？]\s*|\b(?:hi|hello|hey)\b{_S}(?:(?:all|everyone|guys|folks|there)\b{_S})?)"
        rf"[a-z]+{_S}(?:from|with|of){_S}(?:the{_S})?im{_S}?wallet{_S}(?:help{_S}?desk|support|"
        rf"security|risk|compliance|service|care|community)(?:{_S}(?:team|desk|center|centre))?{_S}here\b"
    ),
    # A name, then a title at the wallet: "Alex here, Community Moderator @ IM Wallet".
    re.compile(
        rf"(?:^|[.!?。！？]\s*|\b(?:hi|hello|hey)\b{_S})[a-z]+{_S}here{_S}(?:\w+{_S}){{0,2}}(?:moderator|mod|admin|manager|agent|specialist|"
        rf"representative|rep|officer|lead|staff|support){_S}(?:@|at|from|with|of){_S}(?:the{_S})?"
        rf"im{_S}?wallet\b"
    ),
    # "I'm an account manager at IM Wallet".
    re.compile(
        rf"{_I_AM}(?:an?{_S}|the{_S})?(?:\w+{_S}){{0,2}}(?:manager|representative|rep|officer|"
        rf"agent|specialist|advis[eo]r|consultant|employee){_S}(?:at|from|with|of|for){_S}"
        rf"(?:im{_S}?wallet|walletdesk)"
    ),
    # "our official support" claims to be it; "the official support is the in-app ticket" names it.
    re.compile(rf"\bour{_S}official{_S}(?:support|admin|helpdesk|customer{_S}service)"),
    # … or its line ("For urgent cases call our hotline, the number is in the image").
    re.compile(
        rf"\bour{_S}(?:hotline|help{_S}?line|support{_S}(?:line|number|hotline)|customer{_S}service{_S}"
        rf"(?:line|number))\b|我们的?(?:客服|服务|售后)?(?:热线|专线|客服电话)"
    ),
    # "我是版主": the forum's own role, which a non-staff account does not have ("如果我是版主"
    # wishes).
    re.compile(
        r"(?<!如果)(?<!要是)(?<!假如)我(?:就)?是(?:这里|本版|本站|论坛|社区)?的?(?:版主|管理员|超管)"
        r"(?!的(?:朋友|亲戚|家人))"
    ),
    # The wallet's desk introducing itself ("我这边是IM钱包安全中心"), not asked about
    # ("这里是IM钱包客服吗？").
    re.compile(
        r"(?:我(?:们)?这边|我这里|这里|这边)(?:是|为)\s*(?:im\s*钱包)\s*(?:官方)?\s*"
        r"(?:客服|安全|风控|技术支持|技术|运营)(?:中心|部|团队)?(?![^。！？!?\n]{0,8}[吗?？])"
    ),
    # … or in Chinese, by "the system" ("您的地址已被系统标记为"高风险"").
    re.compile(
        r"(?:您|你)的(?:地址|账户|账号|钱包|资产)(?:已经?|已)被(?:系统|平台|官方|风控(?:系统|中心)?)"
        r"(?:标记|冻结|限制|锁定|风控|列入)"
    ),
    # The wallet's desk telling the reader what it did to their account: "IM Wallet risk control
    # has flagged your account" (what it did to the writer's is a story: "… flagged my account").
    re.compile(
        rf"\bim{_S}?wallet{_S}(?:risk(?:{_S}control)?|security|compliance|support|fraud"
        rf"(?:{_S}prevention)?)(?:{_S}(?:team|department|center|centre|desk))?{_S}(?:has|have)"
        rf"{_S}(?:flagged|detected|frozen|restricted|locked|suspended|limited|blocked)\b"
        rf"(?:{_S}\w+){{0,4}}?{_S}your\b"
    ),
]

_REMOTE_TOOLS = re.compile(
    r"any\s*desk|team\s*viewer|向日葵|to\s*desk|rust\s*desk|ultra\s*viewer|quick\s*support|"
    r"qq\s*远程|远程(?:协助|控制|桌面)|腾讯会议|会议号|屏幕共享|"
    r"共享(?:一下|下)?(?:你的|您的)?(?:手机|电脑)?屏幕|远程"
)
# "open" as a command ("open AnyDesk", "open it"), not a window left open ("the app open on the
# same PC").
_INSTALL = re.compile(
    r"下载|安装|打开|install(?!ed)|download(?!ed)|\bopen\b(?![\s\W]*(?:on|in|at|while|all|and|or)\b|[\s\W]*$)|"
    r"\b(?:use|run|id|code|session)\b|帮你|操作"
)
# An install word said not to do ("never install it", 别下载) installs nothing.
_NEGATED_INSTALL = re.compile(
    r"(?:\b(?:never|don[’']?t|do\s+not|not)\s+|(?:不要|别|千万别|切勿|勿|不能|不用)\s*)"
    r"(?:下载|安装|打开|install|download|open|use|run)\w*"
)
# The writer's own use of a remote tool ("I use AnyDesk at work", 我在用 TeamViewer) asks nobody.
_OWN_USE = re.compile(
    r"\b(?:i|we|my\s+(?:company|employer|office|work|boss|school)|our\s+(?:company|office|it))\s+"
    r"(?:(?:also|always|only|often|sometimes|still|just)\s+)?(?:use|uses|run|runs|used|ran|have|has|"
    r"had|keep|installed)\b|"
    r"(?:我|我们|公司)(?:家|电脑|手机)?(?:也|一直|平时|每天|在)?(?:用|使用|装了|装着|有)|"
    # … asked about, to the end of the question ("Is it a bad idea to use TeamViewer to help him
    # set up IM Wallet?"), unless the reader is in it ("should I use AnyDesk so you can fix it").
    r"(?:\bshould\s+i|\bis\s+it\s+(?:a\s+)?(?:bad|good|safe|ok|okay|wise|smart|dangerous|risky)"
    r"\s+(?:idea\s+)?(?:for\s+me\s+)?to)\s+(?:use|install|run)\b"
    r"(?![^.!?\n]*\b(?:you|your|u|ur)\b)[^.!?\n]*"
)

# A code asked of the reader: "your code", "send me", "发我" … A post about one's own codes
# ("验证码收不到怎么办") asks nobody for anything.
_TO_ME = re.compile(
    r"你的|发我|发给我|给我|告诉我|私信我|\b(?:your|me)\b|"
    # … or to the writer's people ("send the SMS code to our agent", "发给我们的专员").
    rf"\bto{_S}(?:our|my){_S}(?:agents?|team|staff|support|specialists?|officers?|advis[eo]rs?|"
    rf"engineers?|colleagues?|department|desk)\b|发给我们的?(?:客服|专员|工作人员|同事)"
)
# A code that did not come ("验证码一直不给我发", "系统没发给我验证码") is a complaint, not an ask;
# not any 没 or 未 is ("您的账户存在未完成的实名认证" is the pretext for asking).
_CODE_NOT_COME = re.compile(
    r"没有?(?:收到|到|来|发|显示|反应|用)|一直没|还没|未(?:收到|到|发|显示|送达)|不给|不发|收不到|"
    r"不到|发不出|没法|"
    # … or one nobody needs ("客服根本用不着你的验证码").
    r"用不着|不需要|无需|不会(?:问|要)"
)
# Where a service sends its code ("交易所会发一个验证码到你的手机"): the reader's phone, not an
# ask of the reader; "验证码发到你手机了，发给我" still hands it to the writer.
_CODE_TO_READERS_PHONE = re.compile(
    r"(?:发|发送|寄)(?:一个|个)?(?:短信)?验证码(?:会)?到(?:你|您)的?(?:手机|邮箱|号码)|"
    r"验证码(?:会)?(?:发|发送)?到(?:你|您)的?(?:手机|邮箱|号码)|"
    # … or that someone else sends the reader ("截图里别带到…还有别人私信你的验证码之类的").
    r"别人(?:私信|发|发送|转)(?:给)?(?:你|您)的"
)

# A secret asked for in a sentence whose ask names no secret: "private key needed to restore
# your balance, paste it here or send by dm". The secret guard reads clause by clause and the
# clause that names the key asks nothing; the sentence, read whole, hands it over here or in
# private. A warning in the sentence ("never paste your seed here") asks nobody for anything.
_SENTENCE = re.compile(r"(?:[^。！？!?\n.]|\.(?!\s|$))+")
_SECRET_WORD = re.compile(
    r"助记词|助記詞|私钥|私鑰|密钥|恢复短语|keystore|(?:那|这)串(?:英文)?(?:单词|词)|"
    r"备份卡(?:片)?上的?(?:那些|这些)?(?:英文)?(?:单词|词)|记得的(?:那些|几个)?(?:英文)?单词|单词按顺序|"
    # … or the paper it was copied onto ("你把抄写的那张纸拍下来").
    r"(?:抄写|手抄|抄下来?|写下来?|备份)(?:的|了)?(?:那张|那页|这张)?纸|"
    r"(?:十二|二十四|\d{1,2})\s*个(?:英文)?(?:单词|词)|英文单词|几个(?:英文)?单词|单词和(?:大概的?)?顺序|(?:前|后)(?:六|五|四|三|两|几|\d)个(?:词|单词)|"
    r"\bpaper{s}backups?\b|\bbackup{s}card|\bwords{s}on{s}(?:your|the){s}(?:backup|recovery|paper|card)|\bseeds?(?:{s}(?:phrase|words?))?\b|"
    r"(?:recovery|backup){s}(?:phrase|words?)|mnemonic|secret{s}(?:phrase|words?)|private{s}keys?|"
    r"\b(?:12|24){s}words?\b|\bthe{s}(?:[89]|1\d|2[0-4]){s}words?\b".replace("{s}", _S)
)
_HAND_OVER_HERE = re.compile(
    rf"\b(?:paste|post|send|drop|share|type|put|submit|leave)\b(?:{_S}(?:it|them|that|this)\b|"
    rf"(?:\s+(?:your|ur|the|all|those|these|\d{{1,2}}|seed|recovery|backup|secret|private)){{1,3}}"
    rf"\s+(?:words?|phrase|seed|keys?|mnemonic)\b)?"
    rf"{_S}(?:here|below|in{_S}(?:the{_S})?(?:comments?|repl(?:y|ies)|thread|chat))\b|"
    rf"\breply{_S}with{_S}(?:it|them|that|this|the{_S}\w+)\b|"
    # … or put into a form or a "channel" ("把助记词提交到“安全通道”表单").
    r"(?:提交|填写|填入|填到|上传)(?:到|在|进)?[^。！？!?\n]{0,12}?(?:表单|表格|通道)|"
    # … or kept at hand for a call ("have your private key ready for the identity check").
    rf"\bhave{_S}(?:your|ur){_S}[^.!?\n]{{0,30}}?\bready\b|"
    # Shown to the writer: "show me your seed phrase", "can I see your private key", 让我看看.
    rf"\bshow(?:ing)?{_S}me{_S}(?:your|ur)\b|\bshow{_S}(?:it|them){_S}to{_S}me\b|"
    # "what is the backup phrase in your app?": the reader's, asked for by what it is.
    rf"\bwhat(?:{_S}is|{_S}are|[’']s)?{_S}the{_S}(?:backup|recovery|seed|secret|mnemonic|"
    rf"12{_S}word|24{_S}word)(?:{_S}(?:phrase|words?|key))?{_S}(?:in|on|of){_S}(?:your|ur){_S}"
    rf"(?:app|wallet|phone|account)\b(?!{_S}(?:for|used|made|stored|kept|generated)\b)|"
    rf"\b(?:can|could|may){_S}i{_S}(?:see|have|check|look{_S}at){_S}(?:your|ur)\b|"
    r"我看(?:看|一下|下)?你的|"
    rf"\b(?:send|share|forward|pass|give)\b(?:{_S}(?:it|them|that|this|me|us)\b)?{_S}"
    rf"(?:by|via|in|through|over|on|per){_S}(?:an?{_S}|the{_S})?"
    rf"(?:dm|pm|d{_S}m|p{_S}m|direct{_S}message|private{_S}(?:message|chat)|inbox)\b|"
    r"(?<!哪里)(?<!哪儿)(?<!在哪)(?:发|贴|粘贴|复制|留|回复|写|填|打)(?:到|在|给)?(?:帖子|本帖)?(?:这里|这儿|这|下面|楼下|评论区?|回复里?|私信|"
    r"私聊)|"
    r"(?<!原话)(?:发|贴|传)(?:上来|出来)|(?:在|到)?(?:这里|楼下|下面|评论区|本帖)(?:回复|留言|发|贴)|"
    r"本帖(?:下面|下方|里)|"
    r"私信发|私聊发|私信给|私聊给|发私信|发私聊|"
    # … or typed into a page the writer gives ("你把私钥输到我给的页面里").
    r"(?:输|输入|填|填写|粘贴|导入)(?:到|进|在)我(?:给|发)(?:你)?的(?:页面|网页|网站|链接|表格|表单)|"
    # … or to an e-mail address ("拍张照发到 x@y.me", "email a photo of it to x@y").
    r"(?:发|寄|传)(?:到|至)\s*[a-z0-9._%+\-]+@|"
    rf"\b(?:send|email|e-mail|mail|forward)\b[^.!?\n]{{0,30}}?\bto{_S}[a-z0-9._%+\-]+@"
)
# "The phrase" or "the words" handed to the writer, the secret named only before ("…the recovery
# tool the devs use. Send me the phrase in a private message").
_PHRASE_TO_WRITER = re.compile(
    rf"\b(?:send|dm|pm|give|tell|read|text)\b{_S}me{_S}(?:the|your|ur|those|these){_S}"
    rf"(?:\d{{1,2}}{_S})?(?:phrase|words|mnemonic)\b"
)
# Handed to the writer ("把那串英文单词发给我", "send the 12 words to me"); "tell me where the seed
# phrase is kept" asks for nothing.
_SECRET_TO_WRITER = re.compile(
    # … or photographed for the writer to go through ("拍下来，光线亮一点，我帮你逐个比对").
    r"拍(?:下来|照|张照|一下|清楚)[^。！？!?\n]{0,12}?我帮你|"
    rf"发给我|发我|传给我|私信给我|私聊给我|回复给我|回给我|报给我|\bread\b{_S}(?:them{_S}|it{_S})?(?:to{_S})?me\b|"
    rf"\b(?:send|dm|pm|text|forward|email|e-mail)\b(?:{_S}(?:it|them|those|these|that|the{_S}\w+"
    # … two things at once: "send the file and its password to me".
    rf"(?:{_S}and{_S}(?:its|the|your|ur){_S}\w+)?))?(?:{_S}over)?{_S}(?:to{_S})?me\b"
    # … not someone else's sent ("how many people send me their seed"), nor coins sent to the
    # writer ("he'll send me some USDT").
    rf"(?!{_S}(?:their|his|her|some|a{_S}few|\d))|"
    # "send it over", to nobody else named.
    rf"\b(?:send|pass|hand)\b{_S}(?:it|them|those|these|that){_S}over\b(?!{_S}(?:to|into|the)\b)"
)
# Not the victims called to the writer ("被骗的找我们追回中心，先付500U立案费"): an offer.
_VICTIMS_CALLED = (
    r"(?!的?(?:朋友|人|兄弟|家人|用户)?们?(?:都|请|可以|可)?"
    r"(?:找|联系|来找|私信|私聊|加)(?:我|我们))"
)
_NOT_AT_EASE = (
    rf"{_S}(?:(?:very|too|really|so){_S})?(?:comfortable|confident|sure|familiar|tech|"
    rf"good{_S}(?:with|at)|know{_S}how|have{_S}(?:the{_S})?time)"
)
_NOT_WORKING = (
    rf"{_S}(?:be{_S})?(?:open(?:ing)?|load(?:ing)?|sync(?:ing)?|work(?:ing)?|show(?:ing)?(?:{_S}up)?|"
    rf"start(?:ing)?|launch(?:ing)?|connect(?:ing)?|respond(?:ing)?|appear(?:ing)?|display(?:ing)?|"
    rf"arrive|arrived|arriving|go{_S}through|log{_S}in|let{_S}me|accept(?:ing)?|recogni[sz]e|"
    rf"import(?:ing)?|unlock(?:ing)?)\b"
)
# "can't hurt to try", "doesn't matter", "won't take long": an n't that warns nobody off.
_NOT_A_WARNING = (
    rf"{_S}(?:hurt|matter|take{_S}long|take{_S}a{_S}minute|cost{_S}(?:you{_S})?anything|worry|"
    rf"be{_S}used)\b"
)
_WARNING = re.compile(
    # "两千万" is a number, not 千万 ("by all means").
    r"不要|别把|别发|别贴|别给|勿|切勿|(?<![一二两三四五六七八九十百几\d])千万|绝不|永远不|(?<!会)不会|小心|"
    r"谨防|警惕|避雷|"
    rf"骗{_VICTIMS_CALLED}|"
    # "If you're not comfortable doing it yourself" or "don't know how" warns nobody off.
    # … nor "not in the Web Store yet", which says where a thing is not listed.
    rf"\bnever\b|\bnot\b(?!{_NOT_AT_EASE})(?!{_S}(?:(?:listed{_S})?(?:in|on){_S}the{_S}(?:\w+{_S})?store|yet)\b)|"
    # … nor does "if the app won't open" or "it doesn't sync", which tell what is broken; "don't
    # open it" still warns.
    rf"n[’']t\b(?!{_NOT_AT_EASE})(?:(?<=\bdon[’']t)|(?!{_NOT_WORKING}))(?!{_NOT_A_WARNING})|\bdont\b|\bno{_S}one\b|"
    r"\bnobody\b|\bscam|\bphish|\bbeware\b|"
    r"\bfake\b|\bavoid\b".replace("{_S}", _S)
)


# A sentence that goes on to call the ask a scam reports it: "I got a DM asking for my seed
# phrase, it's a scam right?". The secret guard reads the clause, which asks; the sentence does
# not. Only when the scam is named after the ask, and the ask hands nothing to the writer: "to
# beat the scammers, send me your seed" and "send me your seed, or scammers get it" still ask.
_SCAM_REPORT = re.compile(r"骗|钓鱼|\bscam|\bphish|\bfake\b|\bfraud")
_TO_WRITER = re.compile(
    rf"发我|发给我|给我|告诉我|私信我|私聊我|"
    rf"\b(?:send|give|tell|dm|pm|show|pass|share|forward|text)\b(?:{_S}\w+)?{_S}me\b|\bto{_S}me\b"
)


# An ask said back with two question marks ("请回复助记词"…" 回复助记词？？这也太离谱了") is
# disbelief.
_ECHOED = re.compile(r"\s*(?:[?？]\s*){2,}|\s*[?？]\s*[!！]")


def _reported_as_scam(folded: str, start: int, end: int) -> bool:
    # Handed to the writer, or posted up here ("把…验证码原文发上来…官方通道和诈骗通道的格式
    # 不一样"): the scam named after it is the pretext, not a report.
    if _TO_WRITER.search(folded[start:end]) or _HAND_OVER_HERE.search(folded[start:end]):
        return False
    for match in _SENTENCE.finditer(folded):
        if match.start() <= start < match.end():
            return bool(_SCAM_REPORT.search(folded[end : match.end()]))
    return False


# A code not called a code ("谷歌验证器上的6位数字", "the six digits in your authenticator"), or
# called one in a sentence whose ask is in another clause ("your 2fa code expires in 5 minutes,
# reply with it here"); handed over here or to the writer ("发过来").
_CODE_WORD = re.compile(
    r"验证码|驗證碼|动态码|校验码|恢复码|备用码|验证器.{0,8}?(?:数字|号码|码|截图|页面|界面)|"
    rf"\bbackup{_S}codes?\b|"
    # A code sent to the reader's phone ("I'll send a code to your phone").
    rf"\bcodes?{_S}(?:to|on){_S}your{_S}(?:phone|number|mobile|cell|e-?mail|inbox)\b|"
    r"(?:\d|[六八])位(?:数字|数|号码|码)|(?:短信|信息|邮件)(?:里|中)?.{0,6}?(?:数字|号码)|"
    # What an authenticator shows, asked for without the word code: "the number Authy shows",
    # "screenshot the Google Authenticator screen".
    rf"\b(?:authy|authenticator){_S}(?:app{_S})?(?:screen|page|shows?|displays?)\b|"
    rf"\bscreen{_S}?shot{_S}(?:of{_S})?(?:the{_S}|your{_S})?(?:google{_S})?(?:authy|authenticator)|"
    rf"\b(?:2fa|otp|sms|e-?mail|login|verification|authenticator|security){_S}(?:codes?|numbers?|digits)\b|"
    rf"\b(?:\d|six|eight){_S}digits?\b"
)
# Handed to the writer; "发过来了" is a code that came.
_CODE_TO_WRITER = re.compile(
    rf"(?:发过来|传过来|发一下|发我|发给我|告诉我|报给我|截图给我|拍照发|截图发|回复给我|回给我|念给我)(?!了)|"
    # … with the code between the verb and 给我 ("发送手机收到的短信验证码给我").
    r"(?:发送|提供|转发|报)[^。！？!?\n]{0,16}?给我(?!了|自己)|"
    # "请回复您手机刚收到的短信验证码": asked of the reader politely.
    r"(?:请|麻烦|务必)(?:您|你)?(?:直接)?(?:回复|提供|告知|发送|报一下)|"
    rf"\b(?:send|tell|give|text|read)\b(?:{_S}(?:it|them))?{_S}me\b|"
    # … or sent back here ("just reply with it so I can re-link your account").
    rf"\b(?:reply|respond|answer){_S}(?:here{_S})?with{_S}(?:it|them|the{_S}code|that{_S}code|the{_S}digits)\b|"
    # … or shared so the writer can act on it ("share the 6-digit code you just received so i
    # can confirm you're the owner").
    rf"\b(?:share|post|send|give|provide|drop)\b[^.!?\n]{{0,40}}?\bso{_S}(?:that{_S})?(?:i|we){_S}"
    rf"(?:can|could|will|may)\b"
)


# A next sentence that asks for something of its own ("3. 把12个单词抄在纸上 4. 有问题在本帖下面
# 回复", "Got a code? Post a screenshot of the error below") does not ask for what came before.
_OWN_TOPIC = re.compile(
    r"问题|疑问|截图|哈希|订单|报错|反馈|\bquestions?\b|\bscreenshots?\b|\berrors?\b|\bhash\b|"
    r"\btxid\b|\bfeedback\b|\bissues?\b"
)


def _asks_in_sentence(
    folded: str,
    topic: re.Pattern[str],
    *asks: re.Pattern[str],
    unless: re.Pattern[str] = _WARNING,
    window: int = 1,
) -> bool:
    """Whether a sentence names ``topic`` and asks for it, without a warning (or ``unless``).
    With ``window`` 2, the ask may come in the sentence after the one that names the topic:
    "验证码收到了吗？收到了就直接发在这个帖子里", or a guide's step "3. 复制全部12个单词" followed
    by "4. 直接回复在本帖下面"; neither sentence may warn."""
    sentences = [match.group(0) for match in _SENTENCE.finditer(folded)]
    for index, sentence in enumerate(sentences):
        if not topic.search(sentence):
            continue
        for reach in sentences[index : index + window]:
            joined = sentence if reach is sentence else f"{sentence} {reach}"
            if reach is not sentence and _OWN_TOPIC.search(reach):
                continue
            if (
                any(ask.search(reach) for ask in asks)
                and not _WARNING.search(joined)
                and not unless.search(joined)
            ):
                return True
    return False


# Sharing one's screen is remote access without an app to name: "share your screen with me on
# Zoom". The writer's own screen ("while I share my screen") asks nobody.
_SCREEN_SHARE = re.compile(
    rf"\bshare{_S}(?:your|ur){_S}(?:screen|desktop|display)\b|"
    rf"\b(?:happy|glad|able|can|let[’']?s|we{_S}can){_S}(?:to{_S})?share{_S}screens\b|"
    # … or a video call with the phone's screen held to the camera ("你开个视频通话，把手机屏幕对着
    # 摄像头，我一步步看着你操作").
    r"(?:你|您)[^。！？!?\n]{0,8}?视频(?:通话|聊天)?[^。！？!?\n]{0,20}?(?:屏幕|手机)(?:对着|对准)(?:摄像头|镜头)|"
    # … the call named first ("最快的办法是视频连线，…你把手机屏幕对着摄像头就行").
    r"视频(?:通话|聊天|连线|会议)[^。！？!?\n]{0,40}?(?:你|您)[^。！？!?\n]{0,6}?(?:屏幕|手机)(?:对着|对准)(?:摄像头|镜头)|"
    rf"\bscreen{_S}?shar(?:e|ing){_S}with{_S}(?:me|us)\b|"
    # … or a video call where the reader shows the screens ("a quick video call and you show me
    # the screens as you go").
    rf"\bvideo{_S}call\b[^.!?\n]{{0,60}}?\bshow{_S}me{_S}(?:the|your){_S}(?:screens?|phone|app)\b"
)


# Coins sent to be "doubled": "send 0.1 ETH to the official address and get 0.2 back", 转 1000U
# 返 2000U. Held when the sentence promises more back than is sent, or double; a refund of what
# was sent ("if I send 1 ETH and it fails, do I get 1 ETH back?") promises nothing.
_COIN = r"(?:eth|btc|usdt|usdc|bnb|trx|sol|matic|pol|ton|doge|ltc|u|个?币|以太坊?|比特币)"
_AMOUNT = r"(\d+(?:\.\d+)?)"
_SEND_FUNDS = re.compile(
    rf"\b(?:send|transfer|deposit)\b[^。！？!?\n\d]{{0,20}}{_AMOUNT}\s*{_COIN}(?![a-z])|"
    rf"(?:转|打|发|充|存)(?:入|进|到)?[^。！？!?\n\d]{{0,8}}{_AMOUNT}\s*{_COIN}(?![a-z])"
)
_MORE_BACK = re.compile(
    rf"\b(?:get|receive|earn)\b[^。！？!?\n\d]{{0,12}}{_AMOUNT}\s*(?:{_COIN}\s*)?(?:back|in{_S}return)\b|"
    # "I … send back 0.2 as welcome bonus", "we return you 300".
    rf"\bsend{_S}(?:(?:u|you){_S})?back{_S}{_AMOUNT}|\b(?:return|give){_S}(?:u|you){_S}(?:back{_S})?{_AMOUNT}|"
    # "send 100 USDT … you'll get 300 USDT": the same coin, more of it.
    rf"\b(?:get|receive|earn)\b[^。！？!?\n\d]{{0,12}}{_AMOUNT}\s*(?=(?:usdt|usdc|eth|btc|bnb|trx|sol)\b)|"
    rf"(?:返还?|退还?|回|拿回|收到)[^。！？!?\n\d]{{0,4}}{_AMOUNT}\s*{_COIN}?"
)
# A share above all of it: 110% and up.
_OVER_ALL = r"(?:1[1-9]\d|1\d[1-9]|[2-9]\d\d|[1-9]\d{3,})\s*%"
_DOUBLE = re.compile(
    rf"\b(?:get|receive){_S}(?:back{_S})?(?:double|twice|2x|x2|triple)\b|"
    rf"\b(?:get|receive)\b[^.!?\n]{{0,15}}?\b(?:back{_S})?(?:doubled|tripled)\b|"
    rf"\bdoubles?{_S}(?:it|them|your|the{_S}amount)\b|"
    rf"\b(?:sends?|pays?|gives?)(?:{_S}(?:it|them|you))?{_S}back{_S}(?:double|twice|2x|triple)\b|返还?双倍|双倍返|翻倍(?!的?(?:吗|么|嘛))|(?<!的)两倍|(?:返|送|得到|拿回|收到)[^。！？!?\n]{{0,8}}?的两倍|加倍返|"
    r"[2-9３-９]\s*倍(?:返|收益)|返还?\s*[2-9]\s*倍|"
    r"按\s*1\s*[:：比]\s*(?:[2-9]|1\.\d*[1-9])(?![\d.])\s*(?:的比例)?\s*(?:返|退|回|发放|到账)|"
    rf"\bback{_S}plus{_S}\d+{_S}%|多返\s*\d+\s*%|额外(?:返|送)\s*\d+\s*%|"
    # … or more than all of it, as a share ("系统自动返还200%", "get 150% back").
    rf"(?:返还?|退还|回馈)\s*{_OVER_ALL}|\b(?:get|receive|returns?|sends?{_S}back){_S}{_OVER_ALL}|"
    r"(?:返|还|送)(?:您|你)?双倍|"
    rf"\brefund\w*\b(?:{_S}\w+){{0,3}}{_S}(?:twice|double|doubled|2x|x2)\b"
)


# Any amount sent for double back: "转入任意数量USDT，2小时内返还双倍".
_SEND_ANY = re.compile(
    rf"\b(?:send|transfer|deposit)\b[^。！？!?\n]{{0,30}}?\b{_COIN}\b|"
    rf"(?:转|打|充|存)(?:入|进|到)?[^。！？!?\n]{{0,30}}?{_COIN}|"
    rf"(?<!我)(?<!我们)把[^。！？!?\n]{{0,12}}?(?<![a-z]){_COIN}(?![a-z])[^。！？!?\n]{{0,6}}?(?:转|打|充|存)(?:入|进|到|给)|"
    # … or the coin first ("U 打到机器人合约里").
    r"(?<![a-z])(?:u|usdt|usdc|eth|trx|bnb)\s*(?:转|打|充|存)(?:入|进|到)"
)
# A rate above one to one for coins sent: "用我们的 bridge 提前取出，rate 1:1.2".
_BETTER_RATE = re.compile(
    r"(?:\b(?:rate|ratio)\b|比例|汇率|兑换)[^。！？!?\n\d]{0,6}"
    r"1\s*[:：]\s*(?:1\.\d*[1-9]|[23])(?![\d.])"
)


# A cost that doubles ("对方地址没收过USDT，消耗还会翻倍", "手续费会翻倍") is what the chain takes,
# not what anyone pays back.
_COST_DOUBLES = re.compile(
    r"(?:手续费|费用|矿工费|gas\s*费?|消耗|燃烧|能量|带宽|扣(?:的|费)?)[^。！？!?\n，,]{0,4}?翻倍"
)


def _promises_more_back(sentence: str) -> bool:
    sentence = _COST_DOUBLES.sub(lambda match: " " * len(match.group(0)), sentence)
    any_sent = _SEND_ANY.search(sentence)
    if any_sent and (_DOUBLE.search(sentence, any_sent.end()) or _BETTER_RATE.search(sentence)):
        return True
    sent = _SEND_FUNDS.search(sentence)
    if not sent:
        return False
    back = _MORE_BACK.search(sentence, sent.end())
    return bool(back and _amount_of(back) > _amount_of(sent))


# What follows a colon is said to whoever the part before it names: "Anyone who lost funds in the
# fake support wave: send a 50 USDT unlock fee … and get it back plus 10%" asks, though the
# sentence names a fake.
_COLON = re.compile(r"：|:(?=\s)")


# A fee or a deposit that is to release what is held: "a one-time verification deposit of 0.05
# ETH is required", 先交解冻费. The fees a chain or an exchange charges are not of this kind.
_RELEASE_FEE = re.compile(
    rf"\b(?:verification|validation|activation|unlock(?:ing)?|unfreez(?:e|ing)|release|clearance|"
    rf"compliance|anti{_S}money{_S}laundering|aml){_S}(?:deposit|fee|payment|charge)s?\b|"
    rf"\bgas{_S}deposits?\b|\b(?:anti{_S}bot|registration|registry|whitelist|entry|claim|refund){_S}deposits?\b|"
    # … or the address or wallet named for it ("send 30 USDT to the activation address T…",
    # "remit 8% … to the escrow wallet below").
    rf"\b(?:activation|unlock|unfreeze|verification|acceleration|escrow|clearance|release)"
    rf"{_S}(?:address|wallet|account)\b|"
    rf"\bto{_S}release{_S}(?:the{_S}|your{_S})?(?:funds?|withdrawal|coins?|assets?)\b[^.!?\n]{{0,20}}?"
    rf"\b(?:remit|send|pay|transfer|deposit)\b|"
    # … or paid to an address to have a transaction mined ("send 0.01 ETH to 0x… with your tx
    # hash as the input data and it gets mined in the next block").
    rf"\b(?:send|pay|transfer)\b[^.!?\n]{{0,20}}?\d(?:[^.!?\n]|\.(?=\d)){{0,40}}?\bto{_S}"
    rf"(?:0x[0-9a-f]{{6}}|t[a-z0-9]{{20}})[^.!?\n]{{0,80}}?\b(?:gets?|will{_S}be|ll{_S}be|is)\s+(?:mined|"
    rf"confirmed|pushed{_S}(?:through|to{_S}the{_S}next{_S}block)|included|accelerated|unstuck|released)\b|"
    # … sent as a fee to push a transaction through ("send 0.02 ETH to 0x… as the acceleration
    # fee").
    rf"\b(?:send|pay|transfer)\b[^.!?\n]{{0,20}}?\d(?:[^.!?\n]|\.(?=\d)){{0,80}}?\b(?:as|for){_S}(?:the{_S}|an?{_S})?"
    rf"(?:acceleration|speed{_S}?up|relay|unlock|activation){_S}fee\b|"
    # A tax paid up front or to an address before funds are released.
    rf"\b(?:withdrawal|release|exit|compliance|regulatory){_S}tax\b|税费|(?:提现|提币|解冻)税|"
    # … or any tax, when paying it is what lets the funds out: "缴纳 5% 个人所得税方可提现",
    # "pay the 5% tax before you can withdraw".
    r"税[^。！？!?\n]{0,30}?(?:方可|才能|才可以|后才|之后才|后即可|后自动|(?:交|缴|付)(?:完|了)(?:就|即|后)?(?:自动|会|能)?)"
    r"[^。！？!?\n]{0,4}?"
    r"(?:提现|提币|解冻|到账|放款|出金|解除|解封)|"
    # … or a payment asked before a release ("a gas pre-payment of 150 USDT … before release").
    rf"\bpre{_S}?pay(?:ment)?s?\b|"
    rf"\b(?:revers|recover|refund|unlock|releas|unfreez)\w*\b[^.!?\n]{{0,50}}?\b(?:cover|pay|send)\b"
    rf"[^.!?\n]{{0,30}}?\bfees?\b|\b(?:fee|payment|deposit|gas)\b[^.!?\n]{{0,40}}?\bbefore{_S}"
    rf"(?:the{_S}|its{_S}|their{_S})?(?:release|unlock|unfreez)|"
    rf"\btax(?:es)?\b[^.!?\n]{{0,50}}?\bbefore{_S}(?:you{_S}can{_S}|it{_S}can{_S}be{_S})?"
    rf"(?:withdraw|released?|unlock|claim|receive|collect)|"
    rf"\btax(?:es)?\b[^.!?\n]{{0,80}}?\b(?:funds?|coins?|withdrawals?|assets?|balance)\b[^.!?\n]{{0,20}}?"
    rf"\b(?:released?|unlocked|unfrozen)\b|"
    # … or sent to someone, and then it is released ("Send the tax to the customer manager and
    # it releases automatically").
    rf"\b(?:send|pay|transfer)\b{_S}(?:the{_S}|your{_S})?(?:tax|fee|deposit)\b[^.!?\n]{{0,50}}?"
    rf"\b(?:releases?|released|unlocks?|unlocked|unfreezes?|unfrozen)\b|"
    r"(?:验证|激活|解冻|解锁|认证|保证|审核|反洗钱|同步)(?:审查|审核|核查)?(?:手续)?(?:费|金)|押金|"
    # … or a prize or a reward that must be paid for before it is claimed ("领取前需先缴纳5%个人
    # 所得税").
    r"(?:领取|领奖|兑奖|提取|兑换)(?:奖金|奖品|奖励|空投)?(?:前|之前)[^。！？!?\n]{0,12}?(?:税|费|保证金)|"
    # … or a fee to open a case for stolen coins ("先交1000U立案费，追回后再付佣金").
    r"(?:立案|开案|追回|找回|追款|挽回)(?:服务)?费|"
    # … or to be checked and "refunded after review" ("转500U到风控审核地址做资金验证").
    r"资金验证|(?:审核|验证)(?:通过)?后(?:全额|原路)?(?:退还|返还|退回)|"
    r"(?:资金)?流水证明|(?:审核|验证)(?:通过|过)了?(?:后|之后)?[^。！？!?\n]{0,10}?(?:一起|全额|原路)(?:退还|返还|退回)|"
    # … or "activated and sent back the way it came" ("你转100U进去，系统检测到后自动激活并原路
    # 退回").
    r"(?:激活|检测|验证|审核)(?:到|通过|完成)?后[^。！？!?\n]{0,8}?(?:原路|全额)(?:退回|退还|返还)|"
    # … or coins sent to the writer's own address to be "verified" ("转888U到我给你的地址做验证").
    r"到我(?:给你|发你|发|给|提供)的(?:地址|钱包|账户)|"
    # … or an "acceleration fee" that is what gets a withdrawal through ("缴纳加速费200U才能到账").
    r"(?:加速|提速)费[^。！？!?\n]{0,12}?(?:才能|才可以|方可|即可|后)(?:到账|放款|提现|出金|放行|释放)|"
    # … paid first ("先付0.05ETH加速费，地址私信获取").
    r"先(?:付|交|转|打|缴)[^。！？!?\n]{0,12}?(?:加速|提速)费|"
    # … or energy the writer rents out, paid to an address first ("找我租能量…先付后到，直接把
    # TRX转到 T…").
    r"找我[^。！？!?\n]{0,6}?(?:租|买|换)(?:能量|带宽)|"
    # … or sent to an address that follows ("加速费 0.05 ETH，转到 0x…"), or to an address named
    # for it ("转0.5 TRX到加速地址 T…").
    r"(?:转|打|付|充)[^。！？!?\n]{0,20}?(?:加速|提速|解冻|激活|验证|复核|审核|同步)(?:服务|专用)?(?:地址|合约|节点|通道)|"
    # … named first, then paid ("往加速服务地址 0x… 打 0.01 ETH", "往激活地址 T… 转 30 TRX").
    r"(?:往|向|给)\s*(?:这个|下面的?|以下的?)?(?:节点|官方|平台)?(?:加速|提速|解冻|激活|验证|复核|审核|同步)(?:服务|专用)?(?:地址|合约)"
    r"[^。！？!?\n]{0,60}?(?:转|打|付|充)|"
    r"(?:加速|提速)费[^。！？!?\n]{0,20}?(?:转|打|付|充)(?:到|至|进|给)|"
    # … or the address first, the fee after ("往 0x8B2e… 付0.02 ETH加速费").
    r"(?:往|向|给)\s*(?:0x[0-9a-f]{6}|t[a-z0-9]{20})[^。！？!?\n]{0,50}?(?:付|转|打|充)[^。！？!?\n]{0,20}?"
    r"(?:加速|提速|解冻|激活|验证|审核|审查)费|"
    # … paid to an address given ("支付0.02ETH加速费到下方地址").
    r"(?:加速|提速)费[\"”」']?(?:到|至|转到|打到)(?:下方|下面|以下|这个|我的|我给的|我发的|我)?的?(?:地址|钱包|账户)|"
    # A share of the stuck amount deposited to prove the funds ("prove the source of funds by
    # depositing 10% of the amount", "先存入10%的资金做验证").
    # A fee a bridge takes is a share too ("pay 0.3% of the amount"): this one comes back.
    rf"\b(?:deposit|send|pay|transfer)(?:ing|s)?{_S}(?:another{_S})?\d+(?:\.\d+)?\s?%{_S}of{_S}(?:the{_S}|your{_S})?"
    rf"(?:amount|balance|funds?|withdrawal|total|sum)\b[^.!?\n]{{0,60}}?\b(?:released?|unlock\w*|"
    rf"unfr\w*|verif\w*|prove|proof|back|returned|refunded)\b|"
    rf"\b(?:prove|proof|verif\w*)\b[^.!?\n]{{0,40}}?\b(?:by|through){_S}(?:deposit|send|pay|transfer)"
    rf"(?:ing)?{_S}(?:another{_S})?\d+(?:\.\d+)?\s?%|"
    r"(?:存入|转入|充值|支付|缴纳|打入|充入)[^。！？!?\n]{0,8}?\d+(?:\.\d+)?\s?%[^。！？!?\n]{0,8}?"
    r"(?:验证|证明|保证金|解冻|释放|放款)|"
    # Any fee that is what unfreezes: "交10%手续费就能解冻提现".
    r"(?:手续费|服务费|费用|矿工费|gas费|油费)[^。！？!?\n]{0,6}?(?:就能|才能|方可|即可|后)"
    r"(?:解冻|解锁|解封|提现|到账|放款|拿回|找回|追回|取回|释放)|"
    # … sent to the writer's own address ("打到我这个地址我帮你操作").
    r"(?:打|转|付|充)(?:到|至|进)我(?:这个|的这个)(?:地址|钱包)"
)
# The writer's own paid service to push a transaction through: "I can get it accelerated through
# a mining pool partner for 0.002 BTC" (a fee the network charges is nobody's offer).
_PAID_ACCELERATION = re.compile(
    rf"\b(?:i|we)(?:[’']ll|{_S}(?:can|will|could))\b[^.!?\n]{{0,30}}?\baccelerat\w*\b[^.!?\n]{{0,60}}?"
    rf"\bfor{_S}\d+(?:\.\d+)?{_S}{_COIN}(?![a-z])"
)
_PAY_IT = re.compile(
    r"\b(?:required|requires?|must|needs?|pay(?:ing)?|send(?:ing)?|deposit(?:ing)?|transfer(?:ring)?|"
    r"cover|remit(?:ting)?)\b|需要|须|先(?:交|付|转|打|缴|存)|缴纳|存入|"
    r"支付|交|转|付|充|打(?:到|至|给|入|款)|打\s*\d"
)


# Coins for gas or a fee sent so that the writer releases what is held: "I can run the unlock
# script for you, just send 0.05 ETH for gas … and I'll release it".
_FOR_A_FEE = re.compile(
    rf"\b(?:send|pay|transfer|deposit)\b(?:[^.!?\n]|\.(?=\d)){{0,40}}?\bfor{_S}(?:the{_S})?(?:gas|fees?|network{_S}fees?)\b|"
    r"(?:转|打|充|付|交|缴)[^。！？!?\n]{0,20}?(?:gas\s*费|矿工费|手续费)|"
    # … or sent to "our" relayer, address or contract, which the writer then pushes through.
    rf"\b(?:send|pay|transfer|deposit)\b(?:[^.!?\n]|\.(?=\d)){{0,40}}?\bto{_S}our{_S}"
    rf"(?:relayer|address|wallet|contract|vault|account)\b"
)
_WRITER_RELEASES = re.compile(
    rf"\b(?:i|we)(?:[’']ll|{_S}will|{_S}can)(?:{_S}\w+)?{_S}(?:release|unlock|unfreeze|recover|return|restore|"
    rf"send{_S}(?:it|them|everything){_S}back|push{_S}(?:it|them){_S}through)\b|我(?:们)?(?:来|帮你|给你|就)?(?:解冻|放行|解锁|找回|恢复|追回)|"
    r"帮你(?:把\S{0,4}?)?(?:抢回|追回|找回|拿回|解冻)|帮你把[^。！？!?\n]{0,24}?(?:回来|提取)"
)


# Paying said not to do ("不转「保证金」", 别交): no ask, unless it is the threat
# ("不交保证金就无法提现").
_NEGATED_PAY = re.compile(
    r"(?:不|别|勿|不要|千万别|切勿)(?:要|需要|用|必)?(?:给|向)?(?:任何人|别人|谁|对方)?(?:交|付|转|缴|充|打)"
    # … the fee named with it blanked too ("不需要给任何人交"激活费"").
    r"(?:[\"“「]?[^。！？!?\n，,\"”」]{0,4}?(?:费|金|税)[\"”」]?)?"
    r"(?![^。！？!?\n]{0,12}?(?:就|则|将|会被|无法|不能))|"
    # … or a fee said not to exist ("没有任何"激活费"要交给别人").
    r"(?:没有|并没有|根本没有|不存在|从来没有)(?:任何|什么)?[“\"「]?[^。！？!?\n，,]{0,4}?(?:费|金|税)"
    r"[”\"」]?(?:要|需要)?(?:交|付|缴|转)"
)
# A fee told as what someone asked of the writer's family or of someone else ("提现说要先交20%
# 个人所得税才能出金，…又让交"风控保证金""): a story, not an ask.
_FEE_ASKED_OF_OTHERS = re.compile(
    r"(?:说|称|又让|还让|让他|让她|叫他|叫她|要他|要她|要求他|要求她)(?:要|需要|必须)?(?:先|再)?(?:交|缴|付|转)|"
    # … "a guy in a Discord server says I need to pay …".
    rf"\b(?:he|she|they|someone|somebody|(?:the|a){_S}(?:guy|scammer|agent|man|woman))"
    rf"(?:{_S}(?:in|on|from){_S}(?:an?|the){_S}\w+(?:{_S}\w+)?)?\s+(?:said|says|claimed|told{_S}me)"
    rf"(?:{_S}that)?{_S}i{_S}(?:also{_S}|still{_S}|now{_S})?(?:need(?:ed)?|had{_S}to|have{_S}to|must)\b"
)


# … or what a notice the writer got said ("一封中奖通知，说我中了5000 USDT，领取前需先缴纳…"): the
# notice is where it came from.
_NOTICE_TOLD_THE_WRITER = re.compile(
    r"(?:通知|短信|邮件|私信|消息)[,，]?\s*(?:上|里)?(?:说|称|写着)我"
)


# Coins sent to the writer's bot, pool or scheme for a promised yield: "你把U转到机器人钱包，每12
# 小时自动返本金+收益", "send USDT to the bot wallet, principal + profit paid back daily".
_PROMISED_YIELD = re.compile(
    r"(?:日收益|日化|日息|每天|每日)\s*\d+(?:\.\d+)?\s?%|返本(?:金)?|本金\s*[+＋和加及]\s*(?:收益|利润|利息)|连本带利|本息|保本|稳赚|"
    r"(?:每天|每日|每\s*\d+\s*(?:个)?(?:小时|天))[^。！？!?\n]{0,6}?(?:自动)?返还?(?:收益|利润|利息|本金)|"
    r"利润[^。！？!?\n]{0,4}?(?:五五|四六|三七|二八|对半)分|"
    rf"\bprincipal{_S}(?:\+|plus|and){_S}(?:profits?|interest|returns?|gains?)\b|"
    rf"\bguaranteed{_S}(?:returns?|profits?|income)\b|"
    rf"\b(?:daily|weekly|hourly){_S}(?:returns?|profits?|payouts?){_S}of\b"
)


# A fee's node or address given with the story of paying it ("我往加速节点 0x4bE2… 转了0.05 ETH，
# 十分钟就到账了…卡住的朋友可以试试"): vouched for, it is where the next reader pays.
_FEE_ADDRESS = re.compile(
    r"(?:加速|提速|解冻|激活|验证)(?:节点|服务|通道|地址|合约)+\s*[:：]?\s*(?:0x[0-9a-f]{6}|t[a-z0-9]{20})|"
    rf"\b(?:accelerat\w*|speed{_S}?up|unlock|activation|release)(?:{_S}(?:node|service|address|"
    rf"contract|relay))+\s*[:：]?\s*(?:at{_S})?(?:0x[0-9a-f]{{6}}|t[a-z0-9]{{20}})"
)


# Coins sent and more got back, told as proof ("Sent 500 USDT to T… and got 1000 back within 20
# min. Still running till Sunday"): the next reader is the one to send.
_SENT_GOT_MORE = re.compile(
    rf"\b(?:sent|transferred|deposited)\b[^.!?\n\d]{{0,10}}{_AMOUNT}\s*{_COIN}(?![a-z])[^.!?\n]{{0,60}}?"
    rf"\b(?:got|received)\b[^.!?\n\d]{{0,10}}{_AMOUNT}|"
    rf"(?:转了|打了|充了|存了)\s*{_AMOUNT}\s*{_COIN}[^。！？!?\n]{{0,30}}?(?:返了|回了|收到了?|到账了?)\s*{_AMOUNT}"
)


def _got_more_back(read: str) -> bool:
    for told in _SENT_GOT_MORE.finditer(read):
        amounts = [float(group) for group in told.groups() if group]
        if len(amounts) == 2 and amounts[1] > amounts[0]:
            return True
    return False


# Coins put into the writer's keeping ("你把资产转到我们的多签地址，专人7×24小时监控", "you
# transfer into an insured vault we operate", "move your balance to the holding address below").
_INTO_OUR_KEEPING = re.compile(
    # … or to the writer's, to be sent back ("你先转过来放着…我再原数转回去").
    r"转(?:过来|给我)(?:先)?(?:放着|保管|存着|放我这)|(?:我|我们)(?:再|会|就)?(?:原数|原额|如数|全额)(?:转|打|退)(?:回|还)|"
    r"(?:你|您)(?:把|将)[^。！？!?\n]{0,12}?(?:转|打|存|充|放)(?:到|入|进|至)(?:我们|我司|本公司|平台)的?"
    r"[^。！？!?\n]{0,8}?(?:地址|钱包|账户|合约|金库|托管)|"
    rf"\b(?:you|u){_S}(?:can{_S}|just{_S}|simply{_S})?(?:transfer|move|send|deposit)\b[^.!?\n]{{0,40}}?"
    rf"\b(?:vault|wallet|address|account|contract)s?{_S}(?:that{_S})?we{_S}(?:operate|run|manage|control|"
    rf"hold|own|provide)\b|"
    rf"\b(?:move|transfer|send)\b{_S}(?:all{_S}(?:of{_S})?)?(?:your|ur){_S}(?:\w+{_S})?(?:balance|funds|"
    rf"assets|coins|tokens|usdt)\b[^.!?\n]{{0,30}}?\bto{_S}(?:the|our|a|this){_S}(?:\w+{_S})?(?:holding|"
    rf"custody|escrow|quarantine|protection|safekeeping|temporary)(?:{_S}(?:safe|secure|safety|protected))?\s+"
    rf"(?:address|wallet|account|vault)\b"
)


def _asks_for_funds(read: str, *, fees: bool = True) -> bool:
    """Coins asked for, more promised back, or (``fees``) a fee to release what is held. The
    promise may come in the next sentence: "Deposit 50 USDT. You will receive 150 back."."""
    read = _COLON.sub("。", read)
    read = _NEGATED_PAY.sub(lambda match: " " * len(match.group(0)), read)
    if (
        _FEE_ASKED_OF_OTHERS.search(read) and _SOURCE.search(read)
    ) or _NOTICE_TOLD_THE_WRITER.search(read):
        fees = False
    if fees and _FEE_ADDRESS.search(read) and _ENDORSING.search(read):
        return True
    if _asks_in_sentence(read, _INTO_OUR_KEEPING, _INTO_OUR_KEEPING, unless=_FEE_QUESTION):
        return True
    if fees and _got_more_back(read):
        return True
    if fees and _asks_in_sentence(read, _RELEASE_FEE, _PAY_IT, unless=_FEE_QUESTION):
        return True
    if fees and _asks_in_sentence(read, _FOR_A_FEE, _WRITER_RELEASES, unless=_FEE_QUESTION):
        return True
    if fees and _asks_in_sentence(
        read, _PAID_ACCELERATION, _PAID_ACCELERATION, unless=_FEE_QUESTION
    ):
        return True
    if _asks_in_sentence(read, _SEND_ANY, _PROMISED_YIELD, unless=_FEE_QUESTION, window=2):
        return True
    sentences = [sentence.group(0) for sentence in _SENTENCE.finditer(read)]
    return _asks_in_sentence(read, _SEND_ANY, _SEND_ANY, unless=_OWN_QUESTION) and any(
        _promises_more_back(" ".join(sentences[index : index + 2]))
        for index in range(len(sentences))
    )


def _amount_of(match: re.Match[str]) -> float:
    return float(next(group for group in match.groups() if group))


def _not_installed_text(read: str) -> str:
    return _NEGATED_INSTALL.sub(" ", _OWN_USE.sub(" ", read))


# --- what a post reports or warns about -------------------------------------------------------
#
# People warn each other by quoting the scam and by saying who asked what. Those words are the
# scam's, not the writer's: they are blanked before the rules read the post (links are still
# read: a phishing link is held whoever posts it).

# A quoted message of three words or more (or six Chinese characters), in a post that outside
# the quotes reports or warns ("Got this: "d.m me …". Reported it", 「加我威信 …」这种都是骗子).
# A quoted handle alone ("the real support is "@x"") is not a message, and "it's not a scam"
# outside the quotes vouches for them.
_QUOTED = re.compile(r'"[^"]+"|“[^”]+”|「[^」]+」|『[^』]+』|«[^»]+»')
_HAN_CHAR = re.compile(rf"[{_HAN}]")
# … or named as a line someone keeps saying ("每个帖子底下都是一句"私我秒解决"").
_CITED_LEAD = re.compile(
    r"(?:一句|这句|那句|同一句|原话是?|写着|喊着?|(?:私聊|私信|告诉|跟|对)(?:你|您)(?:说)?)\s*[:：]?\s*$"
)
_CITED_AS_SAYING = re.compile(
    # … also after more quotes in a row ("把"私信我""DM me for help"这种回复…").
    r"\s*(?:[“\"「『][^”\"」』]*[”\"」』]\s*)*(?:这种|这样的?|这类|之类|的人|的号|的账号|的评论|的回复|的帖子)"
)
# What comes right before a message quoted as received: a colon, or "说".
_RECEIVED_LEAD = re.compile(
    r"(?:[:：]|说|看到|收到|写着|回复|留言|留|评论|saying|says|said|replied|wrote|commented)\s*$"
)
# … or right after, as received too ("楼上说的"加我微信带你赚钱"我也收到了", ""…" I got that too").
_RECEIVED_TOO = re.compile(
    r"\s*(?:这种|这个|这条|同样的)?(?:我|我们)(?:也|都)(?:收到|遇到|碰到)(?:了|过)|"
    rf"\s*(?:i|we){_S}(?:got|received|get){_S}(?:that|this|the{_S}same(?:{_S}\w+)?|it){_S}too\b"
)
_REPORTING = re.compile(
    r"骗|钓鱼|假的|举报|别理|别信|(?:不要|别)相信|不要信|上当|小心|谨防|警惕|冒充|假冒|转载|原话|"
    # A reminder of the steps ("提醒一下流程：领取前要先…") is the scam's own.
    r"提个?醒(?![^。！？!?\n]{0,4}?(?:流程|步骤|操作))|教训|复盘|千万(?:别|不要)|"
    # The police called, a link one was told not to click, an "upgrade" asked about.
    r"报警|反诈|别点|(?:有|是)(?:这种|这样的?|这个|这)[^。！？!?]{0,8}吗|注意[:：]|差点|自称|"
    r"(?:这种|这个|这样的?)[^。！？!?\n]{0,12}?(?:安全|正常|靠谱|可信)吗|"
    # … and people asked to be banned ("那些天天喊"私信我解决"的人能不能封了").
    r"(?:能不能|可不可以|赶紧)(?:把[^。！？!?\n]{0,12}?)?(?:直接)?(?:封|删)|"
    # … or what someone posts again and again ("那个"资深技术顾问"又来了，每个帖子底下都是一句…").
    r"(?:每个|每条|每篇|各个)[^。！？!?\n]{0,10}?都是(?:一句|这句|同一句|那句)|(?:那个|这个|那位|这位)[^。！？!?\n]{0,16}?又来了|"
    r"仿冒|山寨|请勿|不是官方|假(?:app|网站|客服|钱包|链接|官网|域名|群|号|账号)|恶意|拉黑|(?:别|不要)(?:打|回拨|回电)|"
    # Which account is the official one, asked.
    rf"\bis{_S}@?\w+[^.!?\n]{{0,30}}\bofficial{_S}(?:account|one|page|site)[^.!?\n]{{0,10}}\?|"
    rf"\bwhich{_S}one{_S}(?:should|do|can){_S}i{_S}trust\b|是不是官方|是官方的吗|"
    # Savings lost, the police, survivors, what no moderator will ever do.
    rf"\blost{_S}(?:his|her|their|my|our){_S}(?:savings|funds|money|coins|crypto)\b|\bpolice\b|"
    rf"\bsurvivors?\b|\bvanished\b|\bno{_S}(?:real{_S})?(?:moderator|admin|staff|support|employee)s?"
    rf"{_S}(?:will|would){_S}ever\b|"
    # Domains listed as look-alikes or defanged so nobody clicks; a victim interviewed.
    rf"\blook-?alikes?\b|\bdefang|\bvictims?\b|\btake-?down\b|\btaken{_S}down\b|"
    rf"\bclicked{_S}(?:on{_S})?(?:a|the|that|this){_S}link\b|点(?:了|开了)(?:一个|那个)?链接|"
    r"一律(?:别|不要)|切勿|(?:别|不要)(?:装|下载)|是真的吗|宣导|"
    # What someone posted in a group, and the writer thrown out for asking ("他直接把我踢了").
    r"群里[^。！？!?\n]{0,6}?(?:发|说|喊|刷)|(?:把我|被)(?:踢|拉黑|移出)|"
    # What came of it, told after the fact ("转了1000U过去说会退2000U，结果当然没有").
    r"结果(?:当然|根本|并)?(?:没有|没了|没退|没返|没收到)|是不是真的|真的假的|骗局|话术|"
    r"(?:当然|根本|结果)[^。！？!?\n]{0,4}?(?:没有?|什么也没|什么都没|啥也没)(?:返|退|收到|到账)|"
    # What someone posted, doubted ("Someone posted "Signal: +44 …" in a reply and I doubt it").
    rf"\b(?:someone|somebody|a{_S}guy|this{_S}guy|a{_S}user){_S}(?:posted|wrote|replied|commented)\b|"
    rf"\bi{_S}doubt\b|"
    # … a call to end at once, what someone may ask of the reader ("如果有人让你下载向日葵").
    r"(?:立刻|马上|直接|赶紧)挂(?:断|掉|电话)|如果有人(?:让|叫|要|要求)你|"
    r"\bis\s+(?:this|it|that)\s+(?:real|legit|genuine|safe|normal)\b|\btrick\b|\bdrain\w*|"
    r"\bscam|\bphish|\bfake\b|\bfraud|"
    # Not "your address will be reported": a threat, the scam's own word.
    r"(?<!be )(?<!been )\breport|\bpretend|\bimpersonat|\bquot(?:e|ing|ed)\b|"
    # "… every time I've read that sentence on this forum": the quoted line is someone else's.
    rf"\b(?:read|seen|heard|gotten|got|received){_S}(?:that|this|the{_S}same){_S}(?:exact{_S})?"
    rf"(?:sentence|line|message|phrase|script)\b|"
    rf"\bbeware\b|\bwarn(?:ing|ed)?\b|\bpsa\b|\b(?:fall(?:s|ing)?|fell){_S}for\b|\bwalk{_S}away\b|\bred{_S}flags?\b|"
    # A caller who only claimed to be someone, a number one is told not to ring back, a site
    # everyone is told not to visit ("大家别去"). Not "heads up": the scam's notices open so too.
    rf"\bclaim(?:ing|ed|s)?{_S}to{_S}be\b|所谓的?[“\"「]|别进|"
    # Asked of the moderators ("mods pls remove", "版主删一下"), flagged, or money lost.
    rf"\bmods?\b[^.!?\n]{{0,16}}?\b(?:remove|delete|ban|check|nuke|look|take)\b|"
    r"(?:版主|管理员)[^。！？!?\n]{0,6}?(?:删|封|处理一下|清理)|吐槽|"
    # The writer flagging it; "your wallet is flagged" is the scam's own word.
    rf"\bflagging{_S}(?:it|this|that|them|him|her|the)\b|\b(?:i|we)(?:[’']ve|{_S}have)?{_S}flagged\b|"
    rf"\blost{_S}(?:about{_S}|around{_S}|nearly{_S}|over{_S}|almost{_S})?[\d,.]+{_S}k?{_S}"
    rf"(?:usdt|usdc|eth|btc|u|dollars|bucks)\b|"
    rf"\bdon[’']?t{_S}(?:call|ring|dial|text){_S}(?:back|them|it|that|this)\b|(?:大家|千万)别去|"
    # A domain to look at twice, a notice the real site does not have, money a scam takes.
    r"注意(?:看|核对|检查|分辨)?(?:一下)?(?:域名|网址|链接)|"
    r"根本没有(?:这个|这种|这样的?|这条)?(?:公告|活动|通知|说法|政策|功能)|来偷|偷钱|偷币|盗币|"
    r"偷(?:我|你|他|别人)的?(?:钱|币|资产|u)|"
    # Not done, and why ("我没签", "我还没加", "先不点", "我先关掉了"); a copy as good as the real
    # one, forged, a mine to step around, someone's picture taken, a thing asked about.
    r"(?:我|还|并|先)(?:没|没有|不)(?:签|点|操作|连接|授权|理他|理她|理会|回复|加|给|转)|我先关掉|"
    r"(?:跟|和|与)官网(?:做得|长得)?一模一样|伪造|避雷|盗用|冒用|靠谱吗|可信吗|能信吗|"
    r"根本没有[^。！？!?\n]{0,24}?这种事|官方[^。！？!?\n]{0,8}?有[^。！？!?\n]{0,10}?(?:活动|空投|公告)吗|"
    rf"\bblock{_S}(?:him|her|them)\b|\blegit{_S}reason\b|"
    # "Always check the link before you click", "Not clicking", "Feels off", "Is X legit?",
    # "I hung up. Posting the number so others recognise it".
    rf"\bbefore{_S}(?:you{_S})?click|\bnot{_S}clicking\b|\bdidn[’']?t{_S}click\b|"
    rf"\b(?:feels|seems|felt|looks){_S}off\b|\blegit{_S}\?|\b(?:is|are){_S}(?:real|genuine)\W*\?|"
    rf"\basking{_S}here{_S}before\b|\bhung{_S}up\b|挂了电话|挂断了|"
    rf"\bso{_S}(?:others|other{_S}people|nobody{_S}else|no{_S}one{_S}else){_S}(?:can{_S})?"
    rf"(?:recogni[sz]e|knows?|falls?)\b"
)
_VOUCHING = re.compile(
    rf"(?<!是)不是骗|(?<!是)不是假|非骗|正规|靠谱(?!吗)|放心|我(?:刚|已经|刚刚)(?:做|弄|搞|认证|迁移)完|\bnot{_S}(?:an?{_S})?(?:scam|fake)|\bno{_S}scam|"
    rf"(?<!is this )(?<!is it )(?<!is that )(?<!are they )\blegit\b(?![\s\W]*\?)"
    # "Legit staff never ask you to move to DMs" says what the real ones do, vouching for nobody.
    rf"(?!{_S}(?:staff|support|admins?|moderators?|mods|team|employees?|agents?)\b)"
)
# A clause that says someone else was asked ("对方让他下载 AnyDesk", "they told him to install
# AnyDesk"), speaking to nobody here and offering nothing.
_CLAUSE = re.compile(r"(?:[^。！？!?\n，,；;.]|\.(?!\s|$))+")
_OTHERS_EN = (
    r"(?:\bsome(?:one|body)\b|\b(?:a|this|that|some)\s+(?:guy|person|user|stranger|scammer|"
    r"account)\b|\bthey\b|\bhe\b|\bshe\b|\bscammers?\b)"
)
_THIRD_PARTY = re.compile(
    rf"让他|让她|叫他|叫她|要他|要她|对方让|骗子让|他们让|"
    # … or the writer, by someone named ("柜员让我共享屏幕", "the teller asked me to share"); a
    # bare 让我 is "let me".
    rf"(?:员|方|他|她|们|子|行|人)(?:就|又|还|便|竟然|居然|直接)?(?:要求|让|叫|要)我|"
    rf"\b(?:asked|told|wanted|got){_S}(?:him|her|them){_S}to\b|"
    rf"\bhad{_S}(?:him|her|them){_S}(?:install|download|open|share|send|scan|sign|type)\b|"
    rf"\b(?:was|were|been|got){_S}(?:sent|told|asked|instructed|directed){_S}to\b|"
    # … or told by someone that ("was told by a "compliance officer" that she had to pay").
    rf"\b(?:was|were|been|got|being){_S}(?:told|asked|instructed|promised|advised){_S}by\b|"
    rf"\b(?:says|said|claims|claimed){_S}(?:he|she|they)(?:[’']s|[’']re|{_S}is|{_S}was|{_S}are|"
    rf"{_S}were){_S}(?:from|with)\b|"
    rf"\btold{_S}(?:him|her|them|she|he|they){_S}(?:had|has|have|needed|needs){_S}to\b|"
    # … or by what they said they were ("someone claiming to be support on WhatsApp (+44 …)").
    rf"\b(?:some(?:one|body)|an?{_S}(?:guy|person|man|woman|caller|stranger|account)){_S}"
    rf"(?:claiming|pretending|posing|saying){_S}(?:to{_S}be|as|(?:he|she){_S}(?:is|was))\b|"
    rf"\b(?:seen|saw|noticed|spotted){_S}@|"
    rf"{_OTHERS_EN}[^.!?\n]{{0,40}}?\b(?:keeps?|kept)\s+(?:posting|sending|spamming|dropping|sharing)\b|"
    r"(?:有人|某人|对方|骗子)[^。！？!?\n]{0,12}?(?:一直|老是|总是|不停地?)(?:发|贴|刷)|"
    rf"\b(?:he|she|they|someone|somebody|(?:the|a|an|this|that|some){_S}\w+(?:{_S}\w+)?){_S}"
    rf"(?:asked|told|wanted|got){_S}(?:me{_S})?"
    rf"to\b|"
    rf"{_OTHERS_EN}[^.!?\n]{{0,40}}?\b(?:asking|telling|wanting|asked|told|wanted){_S}me{_S}to\b|"
    rf"\b(?:a|the|this|that|some){_S}(?:website|site|page|pop-?up|popup|app|e-?mail|message|"
    rf"notification){_S}(?:says|said|tells|told|claims|claimed)\b|"
    rf"\b(?:a|the|this|that|some){_S}(?:guy|person|stranger|caller|man|woman){_S}(?:asked|wanted)"
    rf"{_S}(?:for|me)\b|"
    # … or a page or a pop-up that told the writer ("弹出一个窗口…让我输入助记词"),
    r"(?:窗口|弹窗|页面|网页|网站|提示|短信|邮件)(?:里|上)?(?:就|又|还|直接)?(?:要求|让|叫|要)我|"
    # … or gave the writer something ("卖家直接发给我助记词"),
    r"(?:卖家|商家|对方|骗子|那人|他|她|他们)(?:直接|就|又|还|先)?(?:发给|给)了?我|"
    # … and what they said (群主说要帮我…, 对方称…).
    r"(?:群主|管理员|客服|对方|骗子|那人|那个人|他|她|他们|有人|自称\S{0,12}的人)(?:说|称|表示|声称)"
)
_TO_READER = re.compile(r"你|您|\byou\b|\byour\b|\bu\b|\bur\b")
# Someone else contacting the writer ("有人私信我说…", "Someone there offered to DM me"): a
# report of being contacted, not the writer's offer.
_OTHERS = (
    r"(?:(?:一个|有个|某个)(?:叫|名叫|名字叫)\s*\S{1,40}?\s*的人|"
    # … or an account so called, its name in quotes ("有个叫"IM钱包安全中心"的QQ号").
    r"(?:一个|有个|某个)(?:叫|名叫|名字叫)[^，,。.!?！？]{1,32}?的(?:账号|帐号|号|qq号?|微信号?|"
    r"电报号?|飞机号?|tg号?|telegram号?)|"
    # … or by what they called themselves, in quotes ("一个“官方”加我TG"), or by their role in a
    # group ("群里管理员私聊我").
    r"(?:有|某|好几|[一两三四五六七八九十几\d]+)个[“\"「『][^”\"」』]{1,12}[”\"」』]|"
    r"(?<![是当])(?:管理员|群管|群主)(?=(?:又|还|就|直接|主动)?(?:私聊|私信|联系|加|说|让|要))|(?<![持所拥没占])有人|有个|有一个|有[两三四五六七八九十几\d]+个|好几个|好些|一堆|一群|一帮|某人|对方|骗子|陌生人|一个(?:人|账号|号)|自称|(?<!其)他们?|她们?|"
    r"(?:很多|好多|不少|一些|许多)人|\b(?:many|some|lots\s+of|a\s+lot\s+of)\s+people\b|"
    r"\bsome(?:one|body)\b|"
    r"\b(?:an?|this|that|some)\s+(?:guy|person|user|stranger|scammer|account)\b|\bthey\b|"
    r"\bhe\b|\bshe\b|\bscammers?\b|\bpeople\b)"
)
_CONTACTED_BY_OTHERS = re.compile(
    rf"{_OTHERS}[^，,。.!?！？]{{0,24}}?(?:私信|私聊|联系|加|回复|留言|评论|拉)(?:了)?(?:我|说)|"
    # … or told or reached by someone ("我昨天被一个人说"…"", "被人拉进一个群").
    rf"被(?:{_OTHERS}|人)[^，,。.!?！？]{{0,12}}?(?:私信|私聊|联系|加|说|找|拉进?)|"
    rf"{_OTHERS}[^,.!?]{{0,24}}?\b(?:dm[’']?e?d|pm[’']?e?d|messaged|texted|e-?mailed|contacted)"
    rf"\s+me\b|"
    rf"{_OTHERS}[^,.!?]{{0,24}}?\b(?:offered|offers|wants?|wanted|tried|tries|keeps?|kept|"
    rf"started|asked|asks)\s+to\s+(?:dm|pm|message|contact|call|text)\s+me\b|"
    # … or rang them ("guy called me claiming to be from …").
    rf"(?:{_OTHERS}|(?:^|[:：]\s*|\b(?:a|some|this|that)\s+)(?:guy|dude|man|woman|lady|caller|person))"
    rf"[^,.!?]{{0,12}}?\b(?:called|rang|phoned)\s+me\b|"
    # … or answered the writer's post elsewhere ("A "giveaway" account replied to my tweet
    # saying …"), the account named by a word or two of its own.
    rf"(?:{_OTHERS}|\b(?:an?|this|that|some)\s+(?:\S+\s+){{1,2}}?account\b)[^,.!?]{{0,24}}?"
    rf"\b(?:replied|responded|commented)\s+(?:to|on|under)\s+(?:me|my\s+\w+)\b"
)
# … or by an account named by its handle ("@x messaged me 5 min after I posted"), unless the
# writer's own ("our team lead @x messaged me") or the reader is sent to it ("message him").
_HANDLE_CONTACTED_ME = re.compile(
    r"@[a-z0-9_]{3,}[^,.!?]{0,12}?\b(?:messaged|dm[’']?e?d|pm[’']?e?d|texted|contacted|"
    r"approached|added|called)\s+me\b"
)
_OURS = re.compile(r"\bour\b|\bwe\b|我们")
_SENT_TO_THEM = re.compile(
    r"\b(?:message|contact|dm|pm|text|add|call|ask|reach|ping)\s+(?:him|her|them)\b|"
    r"联系他|加他|找他|私信他|联系她|加她|找她"
)
_OFFER = re.compile(
    # Not someone at a handle who wrote to the writer ("有个Telegram号 @x 私聊我").
    rf"加我|加到我|联系我|找我|(?<![a-z0-9_]\s)(?<![a-z0-9_])(?:私信我|私聊我)|我帮|我来|私聊发你|私信发你|(?:点|看|戳)我的?(?:头像|主页|简介)|{_ADD}{_OFFICIAL_ACCOUNT}\s*[:：]?\s*@?[a-z0-9_]{{4,}}|"
    rf"\b(?:dm|pm|message|contact|text|add|reach|send|signal|wechat|whats{_S}app|telegram|ping){_S}me\b|"
    rf"\bi{_S}(?:will|can)\b|\bi[’']ll\b|\bwe{_S}(?:will|can)\b"
)
# A clause that warns about everyone who does a thing ("任何让你加微信的都是假的", "anyone who
# DMs you first is a scammer").
_EVERYONE = re.compile(r"任何|凡是|所有|\banyone\b|\banybody\b|\bwhoever\b|\bevery(?:one|body)\b")
_SCAM_WORD = re.compile(r"骗|钓鱼|假|冒充|\bscam|\bphish|\bfake\b|\bfraud|\bimpost|\bpretend")


_NAMED_AS_FAKE = re.compile(
    r"(?:冒充|假冒|仿冒|山寨|高仿)\S{0,12}?(?:账号|帐号|号|群|频道)|举报了?|(?:盗用|冒用)[^。！？!?\n]{0,30}|\breport(?:ed|ing)\b|"
    r"\b(?:fake|impersonat\w*|copycat|clone)(?:[^\w]+[a-z]+){0,2}[^\w]+"
    r"(?:account|handle|profile|channel|group)s?\b|"
    # … or a handle said to be fake right after it ("Telegram 上的 @x 是假的", "@x is a scam").
    r"@\s?[a-z0-9_]{3,}\s*(?:是|就是|都是|也是)?\s*(?:假的|骗子|钓鱼|冒充的|诈骗)|"
    r"@\s?[a-z0-9_]{3,}\s+(?:is|are)\s+(?:a\s+)?(?:fake|scam|scammer|phishing|impersonator)\b"
)


_EXAMPLES = re.compile(
    rf"之类|等等|比如|例如|看起来像|长得像|\blooks?{_S}like\b|\bsuch{_S}as\b|\be\.g\.|\bfor{_S}example\b"
)
_NEVER_DOES = re.compile(
    r"没有(?:任何)?(?:官方|客服|工作人员|管理员|版主)\S{0,4}会|"
    r"(?:官方|客服|工作人员|管理员|版主|真客服|正规客服|我们)?\s*(?:也|都|从来|永远|更)?\s*"
    # … not "whether or not" (会不会受影响).
    r"(?:(?<!会)不会|从不|绝不|决不|永远不会)(?:主动)?|"
    r"\b(?:staff|support|admins?|moderators?|mods|they|nobody|no\s+one|real\s+\w+|the\s+team)\s+"
    r"(?:will\s+)?(?:never|won[’']?t|will\s+not|doesn[’']?t|does\s+not|don[’']?t|do\s+not)\b|"
    # … said after what they do ("staff here answer in the thread … and will never ask you to
    # move to Telegram").
    r"\bwill\s+never\s+(?:ask|dm|pm|message|contact|request)\b"
)
# Contact the writer says they do not want ("not asking anyone to DM me", "不需要私信我").
_NOT_ASKING_TO_CONTACT = re.compile(
    rf"\b(?:not|never|no{_S}need{_S}(?:for{_S}anyone{_S})?to|nobody{_S}needs{_S}to)\b{_S}"
    rf"(?:(?:asking|looking{_S}for|wanting|expecting|need|needing){_S})?"
    rf"(?:(?:anyone|anybody|people|you|y[’']?all){_S})?(?:to{_S})?(?:dm|pm|message|contact|text){_S}me\b|"
    r"(?:不需要|不用|别|不要)(?:任何人|大家|你们)?(?:私信|私聊|联系)我"
)
_WRITER_ANSWERED = re.compile(
    r"(?:^|(?<=[,，。!！?？:：\n]))\s*我(?:就|当时|直接|也|便|故意)?(?:跟他|对他|跟她|对她|回他|回她)?"
    r"(?:说|回复|回道|回了句|回)(?!一下|两句|几句|句|实话)|"
    rf"(?:^|(?<=[,.!?:\n]))\s*i{_S}(?:just{_S}|then{_S})?(?:said|replied|answered|told{_S}(?:him|her|them)|"
    rf"wrote{_S}back)\b"
)
# A greeting speaks to the reader without telling them anything ("楼主你好 一个叫 x 的人私聊我").
_GREETING = re.compile(r"(?:楼主|大家|各位)?(?:你好|您好)")
_SENTENCE_END = re.compile(r"[。！？!?\n]|\.(?:\s|$)")
_CONTACT_OFFER = re.compile(
    rf"加我|联系我|找我|私信我|私聊我|{_APPS_ZH}|\b(?:dm|pm|message|contact|text|add){_S}me\b"
)
# What the real staff never ask for, as the head of a list of things.
_ASKS_FOR_A_LIST = re.compile(
    rf"\bask(?:s|ed)?{_S}(?:you{_S})?(?:for|to)\b|索要|问你要|向你要|要你"
)
# Between two items of one list: a comma and spaces, nothing that ends a sentence.
_LIST_GAP = re.compile(r"[\s,，、]*")
_GOES_ON = re.compile(
    rf"\s*(?:但是?|可是|不过)?(?:然后|接着|又|还|就|并)?(?:说|让我|叫我|要我|要求我|让|发|需要|必须|要)|"
    # … the payment they asked first, and how ("先付15%立案费，用USDT支付").
    r"\s*先(?:付|交|缴|转|打)|\s*用\s*(?:usdt|usdc|u|btc|eth|trx|币)\s*(?:支付|付款|付)|"
    # … or the next step of their script ("…要去 x 点"同步"，然后输入助记词验证").
    r"\s*(?:然后|接着|再)(?:去|要|就)?(?:输入|填|点|下载|安装|导入|扫|转|付)|"
    # … and the account they used, named by its app ("微信号是 x", "飞机号为 y").
    rf"\s*(?:对方|他|她)?的?(?:{_APPS_ZH}|手机|电话)?\s*(?:账号|帐号|号码|号|id|用户名)\s*(?:是|为|叫|[:：]|"
    r"(?=@?[a-z0-9_]))|"
    r"\s*(?:自称|称)|"
    r"\s*(?:能|可以|会)帮(?:我|你)|"
    r"\s*(?:and\s+)?(?:then\s+)?(?:said|says|asked|asks|told|wanted|asking|saying|telling|knew|"
    r"claimed|insisted)\b"
)


_THOSE_WHO = re.compile(
    r"([^。！？!?\n，,]{2,40}?的)[,，]\s*(?:基本上?|几乎|全部|统统|一律)?(?:都|全)(?:是|有)"
    r"(?:问题|骗子|假的|骗局|诈骗|坑)"
)
_SAW = re.compile(
    rf"\W*(?:i{_S})?(?:just{_S}|also{_S}|today{_S}|yesterday{_S})?(?:saw|seen|watched|came{_S}across|"
    rf"spotted|got)\b[^.!?\n]{{0,60}}?\b(?:stream|livestream|video|tweet|ad|advert|advertisement|"
    rf"e-?mail|sms|text|dm|comment|reply)s?\b|"
    r"\W*(?:我|刚|刚刚|昨天|今天)?[^。！？!?\n]{0,6}?(?:看到|刷到|碰到)(?:一个|一条|一封|个|条)?"
    r"[^。！？!?\n]{0,20}?(?:直播|视频|广告|推文|短信|邮件|评论)"
)
_DESCRIBES_ACCOUNT = re.compile(
    r"\s*(?:他|她|对方)?的?(?:头像|昵称|名字|简介|主页|背景)(?:是|用的是|还是|也是|竟然是|居然是|叫)|"
    r"\s*(?:his|her|their|the)\s+(?:profile\s+pic(?:ture)?|avatar|pfp|name|bio)\s+(?:is|was|had|has)\b"
)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


# Read sentence by sentence with its end, so that a text without a question mark is read once.
_SENTENCE_AND_END = re.compile(r"[^.!?。！？\n]+[.!?。！？\n]?")
_AUTHENTIC_QUESTION = re.compile(
    rf"\b(?:official|real|legit|genuine|fake){_S}(?:account|one|page|site|handle|channel|group|"
    rf"telegram|twitter|discord|wechat|line)s?\b|"
    rf"\bis{_S}(?:this|it|that|they|he|she){_S}(?:real|legit|genuine|official)\b|"
    rf"\bis{_S}(?:this|that){_S}\w+{_S}(?:real|legit|genuine|official)\b|"
    r"是(?:不是)?(?:官方|真的|假的)|官方的吗|真的吗|靠谱吗"
)


def _without_reports(folded: str) -> str:
    """``folded`` with what it quotes or reports of others blanked (same length)."""
    read = folded
    quotes = list(_QUOTED.finditer(folded))
    outside = _QUOTED.sub(" ", folded)
    # Quoted in a report, or as what someone who wrote to the writer said ("A user DM'd me here
    # saying "…"").
    reports = _REPORTING.search(outside) or _CONTACTED_BY_OTHERS.search(outside)
    if quotes and reports and not _VOUCHING.search(outside):
        for quote in quotes:
            quoted = quote.group(0)[1:-1]
            # … or an offer of coins for more back, however short ("转0.1ETH返1ETH"), or words
            # cited as the scam's ("注意“看我主页”这种说法").
            if (
                len(quoted.split()) >= 3
                or len(_HAN_CHAR.findall(quoted)) >= 6
                or _SEND_FUNDS.search(quoted)
                or _CITED_AS_SAYING.match(folded, quote.end())
                or _CITED_LEAD.search(folded, max(0, quote.start() - 8), quote.start())
            ):
                read = _blank(read, quote.start(), quote.end())
    elif quotes and not (
        _VOUCHING.search(outside) or _ENDORSING.search(outside) or _OFFER.search(outside)
    ):
        # A message someone received, quoted after saying so ("My grandma got a text: "…"").
        for quote in quotes:
            lead = folded[max(0, quote.start() - 40) : quote.start()]
            if (_RECEIVED_LEAD.search(lead) and _SOURCE.search(lead)) or _RECEIVED_TOO.match(
                folded, quote.end()
            ):
                read = _blank(read, quote.start(), quote.end())
    # A question whether an account or a site is the real one cites it ("Is @IMWallet_Help the
    # official account?", "这个号是官方的吗？").
    for question in _SENTENCE_AND_END.finditer(read):
        words = question.group(0)
        if words[-1] in "?？" and _AUTHENTIC_QUESTION.search(words) and not _OFFER.search(words):
            read = _blank(read, question.start(), question.end())
            # … and the link it asks about, right after it ("Is this group official? t.me/x").
            after = read[question.end() : question.end() + 200]
            spaces = len(after) - len(after.lstrip())
            first = next(iter(links_in(after)), None)
            if first is not None and first.start == spaces:
                read = _blank(read, question.end() + first.start, question.end() + first.end)
    reported = False
    warning = _REPORTING.search(outside)
    # What the writer saw, told in a report ("Saw a YouTube "live stream" of Vitalik with a QR
    # code: send 1 to 50 ETH and get double back … It's a deepfake scam"): the sentence is theirs.
    if warning and not _VOUCHING.search(outside):
        for seen in _SENTENCE_AND_END.finditer(read):
            if _SAW.match(seen.group(0)) and not _OFFER.search(seen.group(0)):
                read = _blank(read, seen.start(), seen.end())
    # What the writer answered the one who wrote to them ("有个"客服"私信说…。我说好啊，你先把你
    # 的私钥发我…他秒拉黑我"): told back in the story, said to the scammer, not to the reader.
    if reports and warning:
        for answered in _WRITER_ANSWERED.finditer(read):
            close = _SENTENCE_END.search(read, answered.end())
            stop = close.start() if close else len(read)
            # … unless it hands the reader a contact ("我说你们别信他们，加我微信 x").
            if not _CONTACT_OFFER.search(read, answered.end(), stop):
                read = _blank(read, answered.start(), stop)
    never_until = -1
    for clause in _CLAUSE.finditer(read):
        words = clause.group(0)
        # … and the rest of its list ("support will never ask for your key, seed phrase, SMS
        # codes, or to screen share"): the items after a comma are what they never ask for too.
        if (
            never_until >= 0
            and _LIST_GAP.fullmatch(folded, never_until, clause.start())
            and not _OFFER.search(words)
        ):
            read = _blank(read, clause.start(), clause.end())
            never_until = clause.end()
            continue
        never_until = -1
        # Examples a warning lists ("常见账号名叫…，Telegram @x 之类", "handles such as @x").
        if warning and _EXAMPLES.search(words) and not _OFFER.search(words):
            read = _blank(read, clause.start(), clause.end())
            continue
        # What the real staff never do ("官方不会主动私信你，更不会让你加微信", "support will never
        # ask for your phrase") describes the scam by its opposite.
        if _NEVER_DOES.search(words) and not _OFFER.search(words):
            read = _blank(read, clause.start(), clause.end())
            never_until = clause.end() if _ASKS_FOR_A_LIST.search(words) else -1
            continue
        refused = _NOT_ASKING_TO_CONTACT.search(words)
        if refused and not _OFFER.search(_blank(words, refused.start(), refused.end())):
            read = _blank(read, clause.start() + refused.start(), clause.start() + refused.end())
            continue
        # What the same person went on to say or ask ("有人私信我说是客服，让我加微信 x"): the
        # subject is not written again.
        if reported and _GOES_ON.match(words) and not _OFFER.search(words):
            read = _blank(read, clause.start(), clause.end())
            continue
        # … with the account described in between ("…私信我，头像是IM钱包的logo，说要我…").
        if reported and _DESCRIBES_ACCOUNT.match(words) and not _OFFER.search(words):
            read = _blank(read, clause.start(), clause.end())
            continue
        reported = False
        # An account named as the impersonator or reported ("我发现一个冒充客服的Telegram账号 @x",
        # "a fake support account @x", "I reported @x on Telegram"): the contact is the one
        # reported, not offered.
        if (
            _NAMED_AS_FAKE.search(words)
            and not _OFFER.search(words)
            and not _TO_READER.search(words)
        ):
            read = _blank(read, clause.start(), clause.end())
            continue
        if (
            _CONTACTED_BY_OTHERS.search(words)
            or (
                _HANDLE_CONTACTED_ME.search(words)
                and not _OURS.search(words)
                and not _SENT_TO_THEM.search(folded)
            )
        ) and not _TO_READER.search(_GREETING.sub(" ", words)):
            read = _blank(read, clause.start(), clause.end())
            reported = True
            continue
        if _OFFER.search(words) or _VOUCHING.search(words):
            continue
        third_party = _THIRD_PARTY.search(words) and not _TO_READER.search(words)
        everyone = _EVERYONE.search(words)
        warns_everyone = everyone and _SCAM_WORD.search(words, everyone.end())
        if third_party or warns_everyone:
            end = clause.end()
            # Everyone the scam touched, then told what to do: "anyone who lost funds in the fake
            # support wave: send a 50 USDT unlock fee …". What follows the colon is not blanked.
            told = _COLON.search(words, warns_everyone.end()) if warns_everyone else None
            if told and not third_party:
                end = clause.start() + told.start()
            read = _blank(read, clause.start(), end)
            reported = bool(third_party)
    # Those who do a thing, then called a scam ("论坛里主动留联系方式让你私聊的，基本都有问题").
    for those in _THOSE_WHO.finditer(read):
        if not _OFFER.search(those.group(1)):
            read = _blank(read, those.start(1), those.end(1))
    return _without_jests(_without_described_scams(_without_warning_list(read), folded))


# Someone else's own secret asked for in jest ("建议先把他自己的助记词发出来让大家帮他验证一下"),
# and an ask the post itself calls a joke to report ("just send me your seed lol … (obviously a
# joke. if anyone says this unironically, report them)"): the reader is asked for nothing.
_THEIR_OWN_SECRET = re.compile(r"把(?:他|她|他们|对方|骗子)(?:自己)?的(?:助记词|私钥)")
_JOKE_TOLD = re.compile(
    r"\b(?:obviously|clearly|just|only)\s+(?:a\s+)?(?:joke|joking|kidding)\b[^)\n]{0,80}?"
    r"\b(?:report|block|ban)\b|(?:开玩笑的|玩笑话)[^。\n]{0,30}?(?:举报|拉黑)"
)


def _without_jests(read: str) -> str:
    for mention in _THEIR_OWN_SECRET.finditer(read):
        read = _blank(read, mention.start(), mention.end())
    told = _JOKE_TOLD.search(read)
    return _blank(read, 0, told.start()) if told else read


# A sentence that tells what others did or sent and then calls it a scam ("最近有人冒充客服让
# 你加微信、加QQ，都是骗子"), or is followed by a short question whether it was one ("…要回复
# 助记词解冻。钓鱼的吧？", "… my wallet will be frozen. Is this real?"), offering nothing itself.
_SOURCE = re.compile(
    rf"\b(?:dm|e-?mail|mail|message|text|sms|call)s?{_S}(?:that{_S})?(?:i|we|he|she|they|my{_S}\w+){_S}"
    rf"(?:got|received|get|gets)\b|"
    rf"{_OTHERS}|发件人|(?<![您你])(?<!您刚)(?<!你刚)收到(?:了|的)?(?:一)?(?:封|条|个)?"
    rf"(?:邮件|短信|私信|消息|电话)|"
    rf"\b(?:got|gets?|received|receive|getting){_S}(?:an?{_S})?(?:\w+{_S})?(?:e-?mail|mail|dm|message|text|"
    rf"call|sms|pop-?ups?|popup|notification|alert|window)\b|\b(?:my|his|her)\s+(?:dad|mom|mum|father|mother|friend|brother|sister|parents?|"
    rf"wife|husband|uncle|aunt|grandma|grandpa|colleague)\b|"
    r"我(?:爸|妈|朋友|同事|家人|老婆|老公|阿嬷|阿公|奶奶|爷爷|外婆|外公|姥姥|姥爷|父母|长辈|亲戚|舅舅|姑姑|阿姨|叔叔)"
)
_SCAM_QUESTION = re.compile(
    rf"骗{_VICTIMS_CALLED}|钓鱼|假的|是真的吗|是不是真的|真的假的|靠谱吗|有点?怀疑|是托|托儿|"
    rf"\bscam|\bphish|\bfake\b|\bfraud|"
    rf"\bis{_S}(?:this|it|that){_S}(?:real|legit|true|genuine|official)\b|\blegit\b|"
    rf"\bis{_S}(?:this|it|that){_S}a{_S}(?:real{_S})?thing\b|\bis{_S}there{_S}any{_S}(?:legit|real|good){_S}reason\b"
)
# A story that ends well sells the one who helped: "找到一个追回团队…三天就追回来了，有需要的可以
# 联系他们", "got everything back via …, tell them I referred you".
_ENDORSING = re.compile(
    rf"追回来|找回来|搞回来|弄回来|要回来|追回了|找回了|(?<!说能)(?<!说可以)(?<!称能)帮我(?:追|找)|"
    rf"推荐|可以联系|联系他|找他|试试|"
    rf"(?<!worth a )\btry\b|"
    rf"\brecommend(?:s|ed|ing)?\b|\bgot{_S}(?:it|them|everything|all|my{_S}\w+)(?:{_S}\w+){{0,2}}{_S}back\b|"
    rf"\brecovered\b|\bhelped{_S}me\b|\breal{_S}deal\b|靠谱(?!吗|不)|\breach{_S}out{_S}to{_S}(?:him|her|them)\b|"
    rf"\bmention{_S}(?:this|the){_S}forum\b|\breturned{_S}(?:everything|it|all|my)\b|"
    r"我(?:已经|也)?(?:已)?到账了|亲测(?:有效|可以|到账|靠谱)"
)
_OWN_CONTACT = re.compile(
    rf"我的(?:微信|v信|电报|飞机|qq|whatsapp|telegram|电话|手机|邮箱)|"
    rf"\bmy{_S}(?:telegram|whats{_S}app|wechat|signal|discord|number|phone|e-?mail|handle)\b"
)


# Selling a service: "我们是专业链上追踪团队", "contact @x", "不成功不收费".
_SELLS = re.compile(
    # … or the writer's own group ("我们有个能量团购群，每天群里发内部价").
    rf"我们是|我们(?:可以|能|专业)|我们团队|本团队|我们(?:有个|有一个|建了个|开了个)[^。！？!?\n，,]{{0,8}}?群|本人(?:可以|能|专业)|\bwe{_S}are{_S}an?\b|"
    rf"\bour{_S}team{_S}(?:can|will)\b|(?:联系|找|contact|reach|message)\s*@|"
    rf"先(?:追回|找回)后(?:付款|收费)|不成功不收费|\bno{_S}(?:recovery|win){_S}no{_S}fee\b|"
    rf"专业|成功率|先追后付|成功后再?收费|不收费|免费|24小时|在线|我认识|白帽|追回团队|"
    rf"\bspecialist|\bcertified\b|\bprofessional|\bsuccess{_S}rate\b|\bupfront\b|"
    rf"\bfor{_S}free\b|\bfree{_S}(?:wallet{_S}|case{_S})?(?:audit|consultation|evaluation|assessment|"
    rf"review|trace|tracing)\b|\bsmall{_S}fee\b|\bi{_S}know{_S}a\b|\bwhite{_S}hat|\bhacker\b|"
    rf"\blicensed\b|\blawyers?\b|\battorneys?\b|\bretainer\b|\bcase{_S}review\b|律师|"
    rf"\brecovery{_S}(?:agent|expert|team|service)"
)
# Naming a "real" channel: "唯一真正的官方客服是 Telegram @x" (with a contact, it is the scam).
_NAMES_THE_REAL = re.compile(
    rf"唯一|真正的?(?:官方)?(?:客服|渠道|账号)|真正的?\s*(?:official\s*|real\s*)?"
    rf"(?:team|support|admins?|channel|group)\b|只在(?:这个)?\s*(?:telegram|tg|电报|微信|qq|群)|\b(?:the{_S})?only{_S}(?:official|real|legit){_S}(?:\w+{_S})?(?:support|channel|account|site|website|page|group|team|admin|link|address|one|contact|handle)s?\b|"
    rf"\bthe{_S}real{_S}(?:support|admin|account|team)\b|"
    rf"\bthe{_S}official{_S}(?:page|site|website|link|support|account|channel|one|address)\b|"
    r"官方(?:网站|网址|入口|页面|链接|地址|账号)是|官网是|"
    r"官方(?:指定)?的?[^，,。.!?！？\s]{0,4}?(?:工具|网站|网址|入口|页面|链接|地址|中心|平台)"
)


def _warns(folded: str, own_domains: tuple[str, ...] = ()) -> bool:
    """Whether the post as a whole warns: it reports or warns about a scam, and nowhere offers
    help, vouches, sells a helper or a service, gives the writer's own contact, or names a
    "real" channel that is a link or a contact ("唯一官方验证入口：x.top，别信其他网站")."""
    # The real site named as one (a trusted or own domain) is the warning's advice.
    if _NAMES_THE_REAL.search(folded) and (
        any(not _trusted(link.domain, own_domains) for link in links_in(folded))
        or any(rule.search(folded) for rule in _PRIVATE_CONTACT)
    ):
        return False
    # What it quotes is the scam's ("请于24小时内点击…"), not the writer's.
    outside = _QUOTED.sub(" ", folded)
    return bool(
        _REPORTING.search(folded)
        and not _OFFER.search(outside)
        and not _VOUCHING.search(outside)
        and not _ENDORSING.search(outside)
        and not _OWN_CONTACT.search(outside)
        and not _SELLS.search(outside)
    )


def _without_described_scams(read: str, folded: str) -> str:
    """``read`` with each sentence blanked that, as written (``folded``), reports a scam."""
    sentences = list(_SENTENCE.finditer(folded))
    # A post that warns: what others said or sent in it is reported, wherever the warning
    # stands ("…大家别信", "please warn your parents").
    whole_warns = _warns(folded)
    for index, sentence in enumerate(sentences):
        words = sentence.group(0)
        if (
            # An offer in quotes is the scam's ("Scammers keep saying "signal me"").
            _OFFER.search(_QUOTED.sub(" ", words))
            or _VOUCHING.search(words)
            or _OWN_CONTACT.search(words)
            or _NAMES_THE_REAL.search(words)
            or _ENDORSING.search(words)
        ):
            continue
        source = _SOURCE.search(words)
        if not source:
            continue
        following = sentences[index + 1].group(0).strip() if index + 1 < len(sentences) else ""
        preceding = sentences[index - 1].group(0).strip() if index else ""
        # The helpers a story of coins got back goes on to name ("…他们帮我追回来了一大半。别信
        # 那些说追不回的，他们企鹅群：…") are sold, not reported.
        if _ENDORSING.search(preceding) and any(rule.search(words) for rule in _PRIVATE_CONTACT):
            continue
        if (
            whole_warns
            or _SCAM_WORD.search(words, source.end())
            or (len(following) <= 40 and _SCAM_QUESTION.search(following))
            or (len(preceding) <= 40 and _SCAM_QUESTION.search(preceding))
        ):
            read = _blank(read, sentence.start(), sentence.end())
    return read


# A list of scammers' lines under a heading that says so ("骗子话术整理：\n1. 自称客服…\n2. 让你加
# 微信…"): each item describes a scam.
_LIST_HEADING = re.compile(
    rf"骗子|骗局|诈骗|话术|防骗|套路|\bscam|\bphish|\bred{_S}flags?\b|\bwarning\b|\bpsa\b"
)
# Folded text has no line breaks left: items are told by their marks ("1. ", "2、", "• ").
_LIST_MARK = re.compile(r"(?:^|(?<=\s))(?:\d{1,2}\s*[.、)）]|[-•*·▪●])\s")


_CONTACT_DETAIL = re.compile(
    r"@|\d{5,}|(?<![a-z0-9])(?=[a-z0-9_]*[0-9_])[a-z][a-z0-9_]{3,}|[a-z0-9\-]+\.[a-z]{2,}"
)


# A list the post calls fake, after a colon ("以下这些都是假的，别信：纸飞机 @x、微信 y、网站 z",
# "the following are all fake: @x, y.top"), up to the end of its sentence.
_FAKES_LISTED = re.compile(
    r"(?:以下|下面|下列)(?:这些|的|几个)?[^。！？!?:：]{0,10}?(?:假的|骗子|冒充|诈骗)[^。！？!?:：]{0,8}?[:：]|"
    r"(?:假|冒充的?|骗子的?)(?:号|账号|客服|网站|网址|群|链接)[^。！？!?:：]{0,6}?(?:汇总|合集|列表|清单|名单)?[:：]|"
    rf"\b(?:the{_S})?following{_S}(?:\w+{_S}){{0,3}}(?:are|is){_S}(?:all{_S})?(?:fake|scams?|"
    rf"impostors?|impersonators?)\b[^.!?:\n]{{0,20}}:"
)


def _without_fakes_listed(read: str) -> str:
    for heading in _FAKES_LISTED.finditer(read):
        close = _SENTENCE_END.search(read, heading.end())
        stop = close.start() if close else len(read)
        listed = read[heading.end() : stop]
        if not (_OFFER.search(listed) or _OWN_CONTACT.search(listed)):
            read = _blank(read, heading.end(), stop)
    return read


def _without_warning_list(read: str) -> str:
    read = _without_fakes_listed(read)
    marks = list(_LIST_MARK.finditer(read))
    if len(marks) < 2:
        return read
    heading = read[: marks[0].start()]
    if len(heading) > 40 or not _LIST_HEADING.search(heading) or _OFFER.search(heading):
        return read
    bounds = [mark.start() for mark in marks] + [len(read)]
    for start, end in pairwise(bounds):
        item = read[start:end]
        # An offer listed with nothing to reach ("1. 加我微信帮你处理") is the scam's line; one
        # with a handle, a number or a link is the writer's own.
        offers = _OFFER.search(item) and _CONTACT_DETAIL.search(item)
        if not offers and not _OWN_CONTACT.search(item):
            read = _blank(read, start, end)
    return read


# A clause in which the writer asks about their own secret ("Do I need to sync the wallet after
# restoring from the seed phrase?", 我需要重新输入助记词吗) asks nobody for it.
_OWN_QUESTION = re.compile(
    rf"\b(?:do|should|can|must|could|would|shall){_S}i\b|\bhow{_S}(?:do|can|should){_S}i\b|"
    # "Can support reverse it if I pay a fee?": the writer's own payment, asked about.
    rf"\bif{_S}i{_S}(?:pay|send|cover|transfer)\b|"
    rf"\bi{_S}(?:was|were){_S}(?:about|going){_S}to{_S}pay\b|\bi{_S}almost{_S}paid\b|差点(?:就)?(?:交|付|转)|"
    rf"\bis{_S}it{_S}(?:ok|okay|safe|fine|alright|risky|a{_S}problem)\b|安全吗|有风险吗|可以吗|"
    r"我(?:需要|要不要|该不该|应该|能不能|可以(?!帮|替|给你|为你)|还要|不想|不打算|没打算)"
)
# A fee asked about ("这个解冻费是真的吗", "do I need to pay an unlock fee?") is not asked for.
_FEE_QUESTION = re.compile(
    rf"{_SCAM_QUESTION.pattern}|{_OWN_QUESTION.pattern}|吗|\bdo{_S}i\b|"
    # … or the chain's own charge explained: TRON takes a little more from the first transfer to
    # a new address ("第一次给新地址转会多扣一点激活费，这是链上规则").
    r"(?:多扣|扣除|扣掉|扣了|自动扣)[^。！？!?\n]{0,8}?激活费|激活费[^。！？!?\n]{0,8}?(?:被扣|自动扣|扣除)|链上(?:的)?规则|"
    # … or Solana's deposit for the receiver's new token account, a few thousandths of a SOL
    # ("第一次转要帮他创建一个，押金大约0.002 SOL").
    r"(?:押金|租金|\brent\b)[^。！？!?\n]{0,12}?0\.0\d*\s*sol\b"
)


# How to restore a wallet: "下载官方App，选“导入钱包”，输入助记词就能恢复" tells the reader to type
# the phrase into their own app. Not when it is to be typed on a page, a link or a form, or handed
# to anyone.
_RESTORE = re.compile(r"导入|恢复|还原|\bimport|\brestor|\brecover")
_TYPED_IN = re.compile(
    rf"输入|(?:输|填|填写|粘贴)(?:助记词|私钥)|用(?:助记词|私钥)|通过(?:助记词|私钥)|\benter\b|\btype\b|"
    rf"\bwith{_S}(?:the|your){_S}(?:seed|recovery|secret){_S}(?:phrase|words)\b"
)
_ELSEWHERE = re.compile(
    r"网站|网页|页面|链接|表单|这里|下面|私信|私聊|我|\b(?:site|page|link|form|here|below|me|us)\b|"
    r"\.[a-z]{2,}\b"
)


def _restores_in_the_app(folded: str, start: int) -> bool:
    for match in _SENTENCE.finditer(folded):
        if match.start() <= start < match.end():
            sentence = match.group(0)
            return bool(
                _RESTORE.search(sentence)
                and _TYPED_IN.search(sentence)
                and not _ELSEWHERE.search(sentence)
            )
    return False


# "Can someone tell me where the app keeps the recovery phrase?" asks for directions, not for the
# phrase; "tell me what your seed phrase is" asks for the reader's.
_HOW_QUESTION = re.compile(
    rf"\btell{_S}(?:me|us){_S}(?:where|how|what|why|if|whether|when|which)\b|"
    r"告诉我(?:怎么|怎样|如何|在哪|哪里|为什么|是否|是不是)|"
    # How the writer does it ("请问怎么导出私钥？"): the reader's is asked for with 你的.
    r"(?:怎么|怎样|如何)(?:才能)?(?:导出|备份|查看|找到|保存|抄写|显示)|"
    # … or asked outright ("请问如果…抄了助记词", "想请教大家怎么做助记词的传承").
    r"请问|请教|求问|求教|想问一下|问一下大家|"
    # What a thing is ("验证者的 keystore 和助记词是两套东西吧", "the difference between …").
    rf"区别|一样吗|一回事|两套东西|两个东西|什么意思|\bdifference{_S}between\b|\bsame{_S}thing\b|"
    # Whether a thing needs it at all ("正规的撤销授权工具需要助记词吗？").
    r"(?:需要|要)(?:输入|导入|提供|填写?)?(?:助记词|私钥|验证码)(?:吗|嘛|么)"
)
_READERS = re.compile(r"你的|您的|\byour\b|\bur\b")


def _asks_how(clause: str) -> bool:
    return bool(
        _HOW_QUESTION.search(clause)
        and not _READERS.search(clause)
        and not _SECRET_TO_WRITER.search(clause)
        and not _HAND_OVER_HERE.search(clause)
    )


# "如果你已经把助记词告诉了别人怎么办", "if you have already shared your seed": what to do, not
# an ask, unless the same clause hands it over ("如果想找回就把助记词发给我").
_CONDITIONAL = re.compile(r"(?:[^:：]{0,8}[:：])?\s*(?:如果|假如|要是|万一|if\b|in\s+case\b)")


def _asks_about_own_secret(clause: str) -> bool:
    return bool(
        _OWN_QUESTION.search(clause)
        and not _TO_READER.search(clause)
        and not _TO_WRITER.search(clause)
    )


# A clause about a secret that asks nobody for it: kept back ("私钥存在本地 .env 里不上传",
# "只要不发助记词就行"), kept offline, a test one ("输入测试助记词", "a testnet key"), the
# writer's own use ("为什么我用同一个私钥导入"), or what a scammer can do with it
# ("拿到验证码就能登录").
_NOT_AN_ASK = re.compile(
    r"不上传|不发|不给|不透露|不泄露|不外传|不存|只要不|(?:别|不要|勿)(?:带|截|拍|露|出现)(?:到|进|上)?|\boffline\b|离线|手抄|"
    # Something of the writer's own ("a screenshot of my seed I took"), someone else's sent to the
    # writer in a joke ("see how many people send me their seed"), or whether it is ever right
    # ("is there ever a legit reason to type your seed into a website?").
    rf"\bof{_S}my{_S}(?:seed|phrase|recovery|private|mnemonic|secret|keys?)\b|"
    rf"\b(?:send|give|dm|hand)\b{_S}me{_S}(?:their|his|her)\b|"
    rf"\bis{_S}there{_S}(?:ever{_S})?(?:a|any){_S}(?:legit|good|real|valid|safe){_S}reason{_S}to\b|"
    # … written on paper ("write the recovery phrase on paper together").
    rf"\bon{_S}(?:a{_S}(?:piece{_S}of{_S})?)?paper\b|(?:写|抄)(?:在|到)纸上|"
    # What is to be feared ("怕的是把助记词发出去"), which of several sets ("原来那套助记词"),
    # what a message said of the writer's ("说我的助记词需要重新验证").
    r"(?:最|就)?怕的是|(?<![别不])(?:害怕|担心)(?:会)?把|(?:原来|之前|以前|另一|哪)(?:那|一)?套|"
    r"(?:说|称|声称)我的(?:助记词|私钥|钱包|账户|账号)|"
    # … or what it had the writer type in ("一个机器人说要验证，让我输入助记词"); "让我输入你的助记
    # 词" would be the writer typing the reader's.
    r"(?<![请就])(?:让|叫|要|要求|骗)我(?:先|去|再|马上|赶紧)?(?:输入|输|填写?|导入|提交|上传)"
    r"(?![^，,。！？!?]{0,3}(?:你|您))|"
    # … or what someone told the writer to do with their own ("my friend says I should give
    # him my private key").
    rf"\b(?:says?|said|tells?{_S}me|told{_S}me|wants?{_S}me{_S}to|asked{_S}me{_S}to)\b"
    rf"[^.!?\n]{{0,50}}\bmy{_S}(?:private{_S}keys?|seed|recovery|secret|mnemonic|phrase|keys?)\b|"
    # What each holder must have ("每个签名人都需要有自己的助记词吗"): a thing owned, not asked for.
    r"(?:需要|要|得|应该|必须)有(?:自己的|各自的|独立的)|"
    # What support did not ask for ("全程没有要任何私钥或验证码").
    r"没有?(?:要|问|索要|让我(?:提供|发))过?(?:任何|我的)?|"
    # What happens to it, told as a consequence ("导入助记词的那一刻私钥就被上传了"), or what
    # many people do with it ("很多人把助记词截图存起来").
    r"被[^，,。！？!?\n]{0,4}?(?:上传|同步|备份|盗|偷|转走|拿走|窃取)|那一刻|"
    # … or what a thing asks for, described ("It asks for your recovery phrase on install").
    rf"\b(?:it|this|that|the{_S}(?:extension|app|site|page|form|tool|website|popup|pop-up))\b{_S}"
    rf"(?:also{_S}|then{_S})?(?:asks|asked|wants|wanted|requires|required|prompts|prompted){_S}(?:you{_S})?for\b|"
    # … or never given to anyone ("我从来没有告诉别人助记词").
    r"(?:从来|从)(?:没有?|不|未)(?:告诉|给|发给|透露给?|泄露给?|说给)过?|"
    r"从未(?:告诉|给|发给|透露|泄露)|"
    # … or shown by someone close ("助记词被我儿子拍照发给他同学看").
    r"被我(?:的|家)?(?:熊孩子|小孩|儿子|女儿|孩子|家人|老公|老婆|爸|妈|朋友|同事)[^，,。！？!?]{0,6}?(?:拍照|拍了|截图|截屏|发给|看到|看了)|(?:很多|好多|不少|有些|一些)人|"
    # … checked against the writer's own copy ("删之前先核对一遍助记词"), or done before
    # ("有没有在别的网页输过助记词", "没给过任何人助记词"),
    r"(?:删|卸载|换)(?:掉)?(?:钱包|app|手机|机)?(?:之前|前)|(?:输入|输|填|给|发|贴|导入|告诉|截图|存)过(?!来|去)|"
    # … or typed in by the writer themself ("然后自己输入了助记词，资产都回来了").
    r"(?:自己|亲自)(?:在[^,，。!！?？]{0,12}?)?(?:输入|输|填写?|导入)了?(?:助记词|私钥)|"
    # … or the site the writer typed it into ("我输私钥的那个网站叫…").
    r"我(?:之前|当时|刚才|昨天)?(?:输|输入|填|填写|导入)(?:了|过)?(?:助记词|私钥)的|"
    # … or when ("刚才在一个"钱包同步"网站输入了助记词").
    r"(?:刚才|刚刚|昨天|前天|之前|当时|今天|上周|上个月)[^，,。！？!?]{0,20}?(?:输入|输|填写?|导入)了(?:助记词|私钥)|"
    # … or what the scammer does with it ("screen share = he reads your phrase").
    rf"\b(?:he|she|they|scammers?|the{_S}scammer|someone){_S}(?:reads?|sees?|gets?|takes?|steals?|"
    rf"can{_S}see|will{_S}see|copies|drains?)\b|"
    # "let me just DM my seed phrase to …, what could go wrong": the writer's own, in jest.
    rf"\blet{_S}me{_S}(?:just{_S})?(?:dm|send|give|post|paste|share|hand){_S}(?:over{_S})?my\b|"
    rf"测试(?:网|链)?(?:用|上)?的?(?:助记词|私钥)|"
    # … or what viewing it asks of its owner ("app里查看助记词也需要钱包密码", "use "show recovery
    # phrase" (needs your password)"), or the keys a multisig needs ("多签需要多个私钥一起签名").
    r"(?:查看|导出|备份)(?:助记词|私钥)(?:也|都|还)?(?:需要|要)(?:输入)?(?:钱包)?密码|多(?:个|把)私钥|"
    rf"\b(?:tap|use|open|select|choose|press|click)\b{_S}(?:show|view|export|back{_S}?up){_S}"
    rf"(?:recovery|seed|secret){_S}phrase\b|"
    # … or the reader's own checked to be where it should be ("确认一下自己的助记词在不在",
    # "重装之前一定先确认助记词在手边").
    r"(?:确认|检查|看看|看一下|查一下)(?:一下|下)?(?:自己的|你的)?(?:助记词|私钥)(?:还)?(?:在不在|是否还在|"
    r"在手边|在身边|在手上|还在吗|在吗|放在哪|在哪|是(?:否)?(?:抄|写|记)(?:对|错)|有没有(?:抄|写|记)错)|"
    # … or the writer's understanding checked ("验证一下我的理解对不对：助记词=…").
    r"(?:验证|确认|核实|检查)(?:一下|下)?我的(?:理解|想法|猜测|猜想|思路|说法|结论)|"
    r"(?:验证|确认|核实|检查)(?:一下|下)?[^，,。！？!?]{0,30}?的(?:理解|想法|猜测|说法)|想(?:确认|问|了解|知道)(?:一下|下)?|\btest(?:net)?{_S}(?:seed|mnemonic|private{_S}key|keys?|wallet)\b|"
    r"(?:拿到|得到|有了)(?:你的)?\S{0,4}?(?:验证码|助记词|私钥)(?:就|便)|"
    # What the app itself asks of the writer during setup ("the app asks me to confirm my seed
    # phrase words", "钱包提示我抄写助记词").
    rf"\b(?:the|this|my|our){_S}(?:app|wallet){_S}(?:asks?|asked|asking|wants?|wanted|prompts?|"
    rf"prompted|requires?|required|makes?|made){_S}me{_S}to\b|"
    r"(?:app|应用|钱包|软件)(?:里|的时候|时)?(?:会)?(?:让我|要我|提示我|要求我)"
)
# The writer, or the writer's family, doing something with their own secret ("我把助记词抄在纸上",
# "我妈把助记词拍照存在了相册里").
_WRITER_ACTS = re.compile(
    r"(?:我(?:的)?(?:妈妈?|爸爸?|父母|家人|老人|奶奶|爷爷|外婆|外公|姥姥|姥爷|老公|老婆|对象|孩子|"
    r"儿子|女儿)?(?:之前|以前|当时|曾经|早就|已经|一直|刚才|刚刚|刚|昨天)?"
    r"(?:手贱|手欠|手残|手滑|不小心|没注意|一时糊涂)?|"
    r"(?:^|(?<=[,，;；]))\s*(?:她|他)(?:们)?(?:老是|总是|经常|一直|又|还|已经)?)"
    r"(?:用|拿|在|把|自己)"
)


def _not_an_ask(clause: str) -> bool:
    if _SECRET_TO_WRITER.search(clause) or _HAND_OVER_HERE.search(clause):
        return False
    return bool(
        _NOT_AN_ASK.search(clause)
        or (_WRITER_ACTS.search(clause) and not _TO_READER.search(clause))
    )


# An approval or a signature asked for "to verify": "approve the verification contract 0x… for
# USDT in your wallet", "授权这个合约完成验证". Signing it hands over the coins; a developer who
# verifies their own contract asks no reader.
_APPROVE = re.compile(r"\bapprove\b|\bsign\b|授权|签名|签署|签一下|签个|签下")
_TO_VERIFY = re.compile(
    r"\b(?:verif\w*|prove|proof|validat\w*|ownership|owner)\b|验证|核验|证明|认证"
)
_APPROVAL_OBJECT = re.compile(
    r"\bcontract\b|\bpermit\b|\bmessage\b|\ballowance\b|合约|消息|0x[0-9a-f]{40}"
)


# A QR code to scan and then approve what it opens ("扫描下方二维码…授权后系统自动释放资金",
# "Scan the QR code in the attached image … and approve the transaction"): the scan is the
# signature. One scanned in the past ("我扫了…") is a story.
_SCAN_QR = re.compile(
    rf"扫(?!了|过)(?:描|一扫|一下)?[^。！？!?\n]{{0,12}}?二维码|二维码[^。！？!?\n]{{0,12}}?扫(?!了|过)|"
    rf"\bscan\b[^.!?\n]{{0,30}}?\bqr\b|\bqr{_S}code\b[^.!?\n]{{0,30}}?\bscan\b"
)
_APPROVE_SCANNED = re.compile(
    rf"授权|签名|签署|确认交易|连接钱包|\bapprove\b|\bsign\b|\bconfirm{_S}the\b|"
    rf"\bconnect{_S}(?:your{_S})?wallet\b"
)


# … for the scam's reason: a release, a check, a claim ("扫码连接 dApp，签名前看清内容" is a guide).
_SCAN_PRETEXT = re.compile(
    r"解冻|释放|核验|验证|认证|领取|到账|冻结|激活|\bverif|\bclaim|\bunlock|\bunfreez|\brelease|"
    r"\bsuspen|\bregulat|\bactivat|\bfrozen\b|升级|白名单|无法转账|\bupgrad|\bwhitelist|\bmigrat|"
    r"\bre-?binds?\b|\bnode\b|绑定|节点"
)


# Readers told to approve without a second thought, where a link is to connect to ("连接时需要签名
# 授权一次，正常的，放心授权", "just approve it, it's safe"): the drainer's reassurance.
_REASSURED_APPROVAL = re.compile(
    r"放心(?:地)?(?:授权|签名|签|点确认|确认)|"
    rf"\bjust{_S}(?:approve|sign){_S}(?:it|them|the{_S}\w+)\b|\bgo{_S}ahead{_S}and{_S}(?:approve|sign)\b|"
    rf"\b(?:it[’']?s|totally|completely){_S}safe{_S}to{_S}(?:approve|sign)\b|"
    # … or one signature said to do it all ("hit "Revoke All" and sign once. One signature covers
    # everything"): a real revoke is a transaction per approval.
    rf"\bsign{_S}(?:it{_S})?(?:just{_S})?once\b|\b(?:one|a{_S}single){_S}signature{_S}(?:covers|revokes|handles|"
    rf"fixes|does)\b|(?:只|只需要?|只要)签(?:名)?一次|一次签名(?:就|即可)|"
    # … or one it pops up, confirmed and done ("会弹一个签名，确认就行").
    r"弹(?:出)?(?:一个|个)?(?:签名|授权)[^。！？!?\n]{0,4}?[,，]?\s*(?:点)?(?:确认|同意)(?:一下)?(?:就行|就好|即可|就可以|就ok)|"
    rf"\bsignature\b[^.!?\n]{{0,30}}?\bjust{_S}(?:confirm|accept|approve)\b"
)


def _reassures_an_approval(read: str) -> bool:
    if not any(
        _REASSURED_APPROVAL.search(sentence.group(0))
        and read[sentence.end() : sentence.end() + 1] not in ("?", "？")
        and "吗" not in sentence.group(0)
        and not _WARNING.search(sentence.group(0))
        for sentence in _SENTENCE.finditer(read)
    ):
        return False
    return any(
        not _trusted(link.domain, ()) and link.domain not in _MESSAGING_HOSTS
        for link in links_in(_undefanged(read))
    )


def _asks_to_approve(read: str) -> bool:
    if _reassures_an_approval(read):
        return True
    if _SCAN_PRETEXT.search(read) and _asks_in_sentence(
        read, _SCAN_QR, _APPROVE_SCANNED, unless=_FEE_QUESTION, window=2
    ):
        return True
    return any(
        _APPROVE.search(sentence)
        and _TO_VERIFY.search(sentence)
        and _APPROVAL_OBJECT.search(sentence)
        and _TO_READER.search(sentence)
        and not _WARNING.search(sentence)
        and not _FEE_QUESTION.search(sentence)
        for sentence in (match.group(0) for match in _SENTENCE.finditer(read))
    )


# --- links ------------------------------------------------------------------------------------

# A letter of a domain: ASCII or any other letter (an internationalised domain), never a space
# ("at\u3000forms.gle" is a word and a domain, not one domain).
# Chinese and full-width punctuation ends a domain as a space does ("就到了，solscan.io").
_HOST_CHAR = (
    r"a-z0-9\u00a1-\u167f\u1681-\u1fff\u200b-\u2027\u202a-\u202e\u2030-\u205e\u2060-\u2fff"
    r"\u3040-\ufeff\ufff0-\uffff"
)
_URL = re.compile(
    rf"(?:https?://)?(?:[{_HOST_CHAR}](?:[{_HOST_CHAR}-]{{0,61}}[{_HOST_CHAR}])?\.)+"
    r"(?:[a-z]{2,24}|xn--[a-z0-9-]+)(?::\d{2,5})?(?:/[^\s<>\"'，。）)]*)?",
    re.IGNORECASE,
)
# Words a phishing domain is made of: validation, wallet-connect, sync, rectify, claim, unlock …
_BAD_DOMAIN_WORD = re.compile(
    r"validat|verif|walletconnect|wallet-connect|connect-?wallet|wallet-?connect|dapps?-|"
    r"-dapps?|sync|rectif|recover|restor|unlock|unfreez|claim|airdrop|reward|giveaway|bonus|"
    r"support|helpdesk|"
    r"official|imwallet|im-wallet|secure-?wallet|wallet-?secure|wallet-?fix|fix-?wallet|migrat|"
    r"activat|upgrad|qianbao|(?<!data)seed|mnemonic|phrase|privatekey|private-key|"
    # A "safety centre" of the wallet's own name ("im-safe-center.top").
    r"safe-?cent(?:er|re)|secur\w*-cent(?:er|re)|^im-|"
    # A "fix" as a part of the name ("im-swap-fix.app"), and builds handed out for testing.
    r"(?:^|[.-])fix(?:[.-]|$)|testflight\.apple\.com"
)
# Messaging links: a private contact, not a reference.
_MESSAGING_HOSTS = frozenset(
    {
        "t.me",
        "telegram.me",
        "telegram.dog",
        "wa.me",
        "chat.whatsapp.com",
        "u.wechat.com",
        "discord.gg",
        "discord.com",
        "line.me",
        "qm.qq.com",
        "signal.group",
        "signal.me",
    }
)
# Words that around a link say it is a validation or connect site.
_VALIDATION_WORDS = re.compile(
    rf"验证钱包|钱包验证|同步钱包|钱包同步|连接钱包|授权钱包|validat\w*|verify{_S}(?:your{_S})?wallet|"
    rf"connect{_S}(?:your{_S})?wallet|sync{_S}(?:your{_S})?wallet|"
    # "connect yours at …", "must be re-synced", "claim it before Friday at …", 领取空投.
    rf"\bconnect{_S}(?:yours|it|them)\b|\bconnect{_S}(?:at|via)\b(?!{_S}all\b)|\bre{_S}sync|\bresync|"
    rf"\bclaim{_S}(?:it|them|yours|your|now)\b|领取|领空投|(?:完成|进行|去)授权|(?:资产|钱包)迁移|"
    rf"迁移(?:资产|钱包)|\bpaste{_S}(?:it|them){_S}in\b|"
    r"激活(?:钱包|权限|账户|账号)|未激活|重新绑定"
)
# A path a phishing site's page is named by, on a domain that names nothing: /claim, /airdrop.
_BAD_PATH_WORD = re.compile(
    r"claim|airdrop|reward|giveaway|validat|walletconnect|wallet-connect|rectif|unlock|unfreez"
)
# Link shorteners hide where a link goes, so its real domain cannot be shown beside it.
_SHORTENERS = frozenset(
    {
        "bit.ly",
        "tinyurl.com",
        "t.co",
        "goo.gl",
        "is.gd",
        "v.gd",
        "cutt.ly",
        "rebrand.ly",
        "t.ly",
        "s.id",
        "ow.ly",
        "buff.ly",
        "rb.gy",
        "shorturl.at",
        "tiny.cc",
        "dwz.cn",
        "url.cn",
        "suo.im",
        "t.cn",
    }
)
# Form builders: a "support desk" that is a form collects what support never asks for. Held
# when the post names support, a ticket or getting funds back.
_FORM_HOSTS = (
    "forms.gle",
    "docs.google.com/forms",
    "forms.office.com",
    "forms.microsoft.com",
    "jotform.com",
    "typeform.com",
    "tally.so",
    "wj.qq.com",
    "wjx.cn",
)
_SUPPORT_WORDS = re.compile(
    rf"support|help{_S}desk|ticket|agent|refund|restor|recover|unlock|unfreez|"
    r"客服|工单|售后|申诉|找回|解冻|退款"
)
# Domains people cite as references (block explorers, our own sites) are never held.
TRUSTED_DOMAINS = (
    "etherscan.io",
    "tronscan.org",
    "bscscan.com",
    "polygonscan.com",
    "arbiscan.io",
    "optimistic.etherscan.io",
    "solscan.io",
    "blockchair.com",
    "mempool.space",
    "blockstream.info",
    "github.com",
    # BNB Chain's own RPC endpoints, pasted when adding the network ("bsc-dataseed.binance.org").
    "binance.org",
    "bnbchain.org",
    # The help centres of the phone and authenticator makers people link to (not the makers'
    # whole domains: sites.google.com and docs.google.com host anyone's pages and forms).
    "support.google.com",
    "support.apple.com",
    "support.microsoft.com",
)


@dataclass(frozen=True)
class Link:
    """A link found in a post: the text as written and the domain it really goes to."""

    text: str
    start: int
    end: int
    domain: str
    href: str


def _domain_of(text: str) -> str:
    url = text if "://" in text else f"http://{text}"
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


@cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList(only_icann=True, accept_unknown=False)


# Names on chains, which a wallet resolves like a domain ("imwallet-support.eth").
_CHAIN_NAME_SUFFIXES = frozenset(
    {"eth", "crypto", "nft", "wallet", "sol", "bnb", "ton", "dao", "bit"}
)


def _registrable(domain: str) -> bool:
    """Whether ``domain`` ends in a top-level domain that exists (the Public Suffix List, shipped
    with the package) or a chain's name service, and names a site under it: "ethers.js" and
    "wallet.signTransaction" are code, "e.g" an abbreviation."""
    label, _, suffix = domain.rpartition(".")
    if suffix in _CHAIN_NAME_SUFFIXES:
        return bool(label)
    return _suffixes().privatesuffix(domain) is not None


_HAN_RUN = re.compile(rf"[{_HAN}]+")


def links_in(text: str) -> list[Link]:
    """Links and bare domains in ``text`` as written, with the real (punycode) domain of each.

    A dotted word that is not a registrable domain ("e.g", "v1.2", "ethers.js") is not a link.
    The domain of an e-mail address is not a link.
    Chinese written up against a domain ("到solscan.io上查") is prose, not part of it, when what
    follows the last Chinese character is a domain of its own; a name that is Chinese itself
    ("钱包.com") stays whole.
    """
    found: list[Link] = []
    for match in _URL.finditer(text):
        written = match.group(0).rstrip(".,;:!?")
        start = match.start()
        if start and text[start - 1] == "@":
            continue  # the domain of an e-mail address: read by the contact rules, not a site
        if "://" not in written:
            host = written.split("/", 1)[0]
            prose = list(_HAN_RUN.finditer(host))
            if prose and prose[-1].end() < len(host):
                rest = host[prose[-1].end() :].lstrip("-")
                if "." in rest and _registrable(_domain_of(rest)):
                    cut = len(written) - len(written[prose[-1].end() :].lstrip("-"))
                    written, start = written[cut:], start + cut
        domain = _domain_of(written)
        if not domain or "." not in domain or not _registrable(domain):
            continue
        href = written if "://" in written else f"https://{written}"
        found.append(Link(written, start, start + len(written), domain, href))
    return found


def _trusted(domain: str, own_domains: tuple[str, ...]) -> bool:
    return any(domain == d or domain.endswith(f".{d}") for d in (*TRUSTED_DOMAINS, *own_domains))


# Letters that pass for others at a glance ("imwaIlet.com" with a capital I, "irnwallet.com").
_GLANCE = str.maketrans({"0": "o", "1": "l", "i": "l", "|": "l"})


def _at_a_glance(label: str) -> str:
    return label.replace("rn", "m").replace("vv", "w").translate(_GLANCE)


def _one_edit_apart(first: str, second: str) -> bool:
    """One letter changed, added, dropped, or two neighbours swapped (the same word is not)."""
    if len(first) == len(second):
        differ = [i for i in range(len(first)) if first[i] != second[i]]
        return len(differ) == 1 or (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and first[differ[0]] == second[differ[1]]
            and first[differ[1]] == second[differ[0]]
        )
    shorter, longer = sorted((first, second), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _imitates_own(domain: str, own_domains: tuple[str, ...]) -> bool:
    """Whether ``domain`` passes for one of the site's own at a glance: a letter off
    ("imwaIlet.com", "imwalet.com"), or the same name under another ending ("imwallet.co").
    Only the site's own names: explorers' names differ by a letter from each other ("tonscan",
    "tronscan")."""
    label, _, ending = (_suffixes().privatesuffix(domain) or domain).partition(".")
    for own in own_domains:
        own_label, _, own_ending = (_suffixes().privatesuffix(own) or own).partition(".")
        if len(own_label) < 5:
            continue
        if label == own_label and ending != own_ending:
            return True
        seen, own_seen = _at_a_glance(label), _at_a_glance(own_label)
        if label != own_label and (seen == own_seen or _one_edit_apart(seen, own_seen)):
            return True
    return False


def _is_form(domain: str, path: str) -> bool:
    return any(
        f"{domain}{path}".startswith(host) or domain.endswith(f".{host}") for host in _FORM_HOSTS
    )


def link_is_suspicious(link: Link, own_domains: tuple[str, ...] = ()) -> bool:
    """Whether a link is one the guard holds for what it is, whatever the words around it: a
    messaging contact, a shortener, a look-alike (punycode) domain, or a domain or path made of
    validation, claim or support words. Such a link is never made clickable, not even in a
    published warning that cites it."""
    if _trusted(link.domain, own_domains):
        return False
    path = urlsplit(link.href.casefold()).path
    return bool(
        link.domain in _MESSAGING_HOSTS
        or link.domain in _SHORTENERS
        or "xn--" in link.domain
        or _imitates_own(link.domain, own_domains)
        or _BAD_DOMAIN_WORD.search(link.domain)
        or _BAD_PATH_WORD.search(path)
    )


# A link the same sentence calls a scam, after it ("网址是 x.xyz，根本不是官网", "x.top, clearly
# phishing") or just before it ("钓鱼网站：x.xyz", "fake site x.app"); "beware of fakes, the
# official page is x.app" does not cite x.app.
_NOT_OFFICIAL = re.compile(
    rf"{_SCAM_WORD.pattern}|不是官网|不是官方|非官方|不是真的|别信|不要信|别点|不要点|"
    # … or the writer nearly fell for it ("网址是 x-cn.net，差点就下了").
    r"差点(?:就|儿)?(?:下载?|装|安装|点|信|输|转|登|上当|中招|被骗)|"
    r"(?:别|不要)(?:去|访问|打开|登录|上)|"
    rf"\b(?:don[’']?t|do{_S}not|never){_S}(?:click|open|visit|trust)\b|"
    rf"\bnot{_S}(?:the{_S})?(?:official|real)\b|"
    rf"\bisn[’']?t{_S}(?:the{_S})?(?:official|real)\b"
)


# … unless what leads up to it vouches for it: "唯一官方验证入口：x.top，别信其他网站".
_VOUCHED_FOR = re.compile(r"唯一|官方|官网|正版|真正|\bofficial\b|\bonly\b|\breal\b|\bgenuine\b")
_NEGATED = re.compile(r"不是|非|假|\bnot\b|n[’']t\b|\bfake\b|\bscam|\bphish|骗|钓鱼")


# A link asked about: "这个网站 x.com 是官方的吗？", "Is "x.com" real?".
_ASKS_IF_REAL = re.compile(
    r"官方|官网|真的|正规|靠谱|安全|骗|钓鱼|\b(?:real|legit|official|safe|genuine|scam|phishing|fake)\b|"
    # … or whether it may be clicked ("写着"访问x.com领取奖励"，能点吗？").
    r"(?:能|可以|敢)(?:不能)?点|能不能点|点得|\bcan{_S}i{_S}(?:click|open|visit)\b".replace(
        "{_S}", _S
    )
)


# What leads up to a link is read this far back: a post of many links stays linear in its length.
_LEAD = 80


# A sentence that ends asking whether it is real, without a question mark ("…这个网址下载能免费
# 领币，是真的吗"); "在官网 x.com 上能找到吗" asks something else.
_ENDS_ASKING_IF_REAL = re.compile(
    r"(?:真的|假的|官方的?|正规的?|靠谱|可信|安全的?|骗局|骗子|骗人的?|钓鱼的?)\s*(?:吗|么|嘛)\s*$"
)


def _cited_as_scam(
    written: str, start: int, end: int, sentences: list[re.Match[str]] | None = None
) -> bool:
    if sentences is None:
        sentences = list(_SENTENCE.finditer(written))
    for index, match in enumerate(sentences):
        if match.start() <= start < match.end():
            asked = written[match.end() : match.end() + 1] in ("?", "？")
            # Read as folded: the text as typed may space its characters apart ("是 真 的 吗").
            words = _HAN_GAP.sub("", match.group(0)).casefold()
            if (asked and _ASKS_IF_REAL.search(words)) or _ENDS_ASKING_IF_REAL.search(words):
                return True
            if index and _asked_about_just_before(written, sentences[index - 1]):
                return True
            if _quoted_after_a_question(written, start):
                return True
            if _quoted_from_a_message(written, match, start, sentences[index + 1 : index + 2]):
                return True
            # A word in quotes is the scam's name for itself ("这个"官方迁移网站""), not a vouch.
            lead = _QUOTED.sub(" ", written[max(match.start(), start - _LEAD) : start].casefold())
            if _TOKEN_NAMED.search(lead):
                return True
            # The site the writer typed their phrase into, named ("刚才在一个"钱包同步"网站输入了助
            # 记词，网址是 x.com，输完就跳404了").
            if _SITE_NAMED.search(lead) and _TYPED_IT_IN.search(written):
                return True
            # … or named as what a message carried and called fake in the next short sentence
            # ("链接是 x.net。这肯定是假的吧？").
            if _SITE_NAMED.search(lead) and _called_fake_next(
                written, sentences[index + 1 : index + 2]
            ):
                return True
            if _VOUCHED_FOR.search(lead) and not _NEGATED.search(lead):
                return False
            # … and the links listed after one it calls fake ("假网站 x.net、y.com、z.com").
            before = _LISTED_LINKS.sub("", lead)[-12:]
            after = written[end : match.end()].casefold()
            # "…，其他都是假的" calls the others fake, not this one.
            others = _OTHERS_NAMED.search(after)
            if others:
                after = after[: others.start()]
            return bool(_NOT_OFFICIAL.search(after) or _NOT_OFFICIAL.search(before))
    return False


_SITE_NAMED = re.compile(
    r"(?:网址|网站|链接|域名|地址栏)(?:是|叫|为)\s*[:：]?\s*$|\b(?:the{_S})?(?:site|url|link|domain){_S}(?:was|is)\s*[:：]?\s*$".replace(
        "{_S}", _S
    )
)
_TYPED_IT_IN = re.compile(
    r"(?:刚才|刚刚|昨天|前天|之前|当时|今天|我)[^，,。！？!?]{0,20}?(?:输入|输|填写?|导入)了(?:助记词|私钥)|"
    rf"\bi{_S}(?:just{_S}|already{_S})?(?:entered|typed|pasted|put){_S}(?:in{_S})?my{_S}(?:seed|recovery|"
    rf"secret|private|12|24)"
)


# What a next sentence would say to praise one link over others: then it does not ask.
_OTHERS_NAMED = re.compile(
    r"其他|其它|别的|\bother\b|\bothers\b|\bthe{_S}rest\b".replace("{_S}", _S)
)


def _called_fake_next(written: str, following: list[re.Match[str]]) -> bool:
    if not following:
        return False
    after = following[0].group(0).casefold()
    asked = written[following[0].end() : following[0].end() + 1] in ("?", "？")
    # Called fake, or asked whether it is real; "这是官方的。" said of it vouches.
    return (
        len(after) <= 40
        and bool(_NOT_OFFICIAL.search(after) or (asked and _ASKS_IF_REAL.search(after)))
        and not _OTHERS_NAMED.search(after)
    )


_LISTED_LINKS = re.compile(
    r"[a-z0-9\-]+(?:\.[a-z0-9\-]+)+(?:/\S*)?\s*[、,，/]?\s*(?:和|以及|\band\b|\bor\b)?\s*"
)


# A token that arrived named like a site ("a random token called 'ImWalletAirdrop.com'",
# "空投的代币名字叫 x.com"): spam the writer received, not a site they send anyone to.
_TOKEN_NAMED = re.compile(
    rf"\b(?:token|coin|nft|airdrop)s?{_S}(?:called|named|with{_S}(?:the{_S})?name)\s*['\"‘“]?\s*$|"
    # … with a few words between ("a token in my wallet named like 'visit x.net …'").
    rf"\b(?:token|coin|nft|airdrop)s?\b[^.!?\n]{{0,30}}?\b(?:called|named|titled)\b(?:{_S}like)?\s*"
    r"['\"‘“][^'\"‘“’”\n]{0,24}$|"
    r"(?:代币|币|token|nft|空投)(?:的)?(?:(?:名字|名称|名)(?:叫|叫做|是|为)|叫|叫做)\s*['\"‘“]?\s*$"
)


# "Is this group official? t.me/x …", "I got this e-mail, is this from you guys? "… x[.]support
# …"": the link that follows a question whether "this" is real is what is asked about.
_ASKS_ABOUT_THIS = re.compile(
    rf"\b(?:is|are){_S}(?:this|these|that|it){_S}(?:\w+{_S}){{0,2}}?(?:official|real|legit|genuine|"
    rf"safe|fake|a{_S}scam|from{_S}(?:you|the{_S}team|im{_S}wallet|imwallet|support))\b|"
    r"这个?[^。！？!?\n]{0,12}?(?:是官方|是真的|是假的|靠谱|安全|是你们)|"
    # … or which sites are the wallet's ("is imwallet.com the only official domain?").
    rf"\bonly{_S}(?:official|real|legit|genuine){_S}(?:domain|site|website|url|link|app|address)s?\b|"
    r"唯一(?:的)?官方?(?:网站|域名|网址|官网|链接)"
)


def _asked_about_just_before(written: str, previous: re.Match[str]) -> bool:
    asked = written[previous.end() : previous.end() + 1] in ("?", "？")
    words = previous.group(0).casefold()
    return asked and len(words) <= 80 and bool(_ASKS_ABOUT_THIS.search(words))


def _quoted_after_a_question(written: str, start: int) -> bool:
    """A link inside a message quoted right after saying where it came from and asking whether
    it is real: 'I got this e-mail, is this from you guys? "… x[.]support …"'."""
    for quote in _QUOTED.finditer(written):
        if quote.start() < start < quote.end():
            lead = written[max(0, quote.start() - 120) : quote.start()].casefold()
            return bool(_SOURCE.search(lead) and _ASKS_ABOUT_THIS.search(lead))
    return False


def _quoted_from_a_message(
    written: str, sentence: re.Match[str], start: int, following: list[re.Match[str]]
) -> bool:
    """A link inside a message the writer received and quotes, which the next short sentence
    calls not official or asks about: 'Got an SMS saying "verify at x.com"? That's not the
    official domain, right?'."""
    words = sentence.group(0).casefold()
    quoted = any(
        quote.start() < start - sentence.start() < quote.end()
        for quote in _QUOTED.finditer(sentence.group(0))
    )
    if not (quoted and _SOURCE.search(words) and following):
        return _pasted_after_a_colon(written, words[: start - sentence.start()], following)
    after = following[0].group(0).casefold()
    return len(after) <= 60 and bool(_NOT_OFFICIAL.search(after) or _ASKS_IF_REAL.search(after))


# A colon before what is pasted: "原文：【IM钱包】…" is folded to "原文:【im钱包】", with no space.
_PASTE_COLON = re.compile(r"：|:(?=\s|[^\x00-\x7f])")


def _pasted_after_a_colon(written: str, before: str, following: list[re.Match[str]]) -> bool:
    """… or pasted whole after saying where it came from and a colon ("今天收到一条短信，原文：
    【IM钱包】…访问 x.cc…冻结。退订回T 这是官方发的吗？"), which the next short sentence asks about
    or calls not official; a notice posted as one's own has no such lead."""
    source = _SOURCE.search(before)
    if not (source and following and _PASTE_COLON.search(before, source.end())):
        return False
    after = following[0].group(0).casefold()
    asked = written[following[0].end() : following[0].end() + 1] in ("?", "？") or "吗" in after
    return len(after) <= 60 and bool(
        _NOT_OFFICIAL.search(after) or (asked and _ASKS_IF_REAL.search(after))
    )


# What a link found in the text as typed starts inside of: an e-mail address, when the letters
# before it are full-width or other look-alikes the link's pattern does not take.
_IN_AN_ADDRESS = re.compile(r"[@＠][^\s@＠]*$")
_CUT_OFF_BY_A_LETTER = re.compile(rf"(?![{_HAN}])[^\W\d_]")


def _link_reasons(
    text: str, folded: str, own_domains: tuple[str, ...], read: str | None = None
) -> set[HoldReason]:
    """``read``: ``folded`` with what it quotes or reports blanked (``_without_reports``). A link
    left in none of it, in a message the post quotes or asks about ("收到一条短信：…x.top…这个是
    真的吗？", "The DM I got, word for word: "…x[.]support…""), is cited, as a link a warning
    names is; one blanked only as what support "won't tell you" is still the post's own."""
    reasons: set[HoldReason] = set()
    asked_about = read is not None and (
        bool(_QUOTED.search(folded)) or bool(_SCAM_QUESTION.search(folded))
    )
    kept = (read, _undefanged(read)) if read is not None and asked_about else None
    # A defanged link ("wallet-sync[.]com") is meant to be typed in, as is any link; one the
    # post cites as a scam ("链接是 x[.]top，明显是钓鱼") is how careful people warn each other:
    # the warning is published and the link never made clickable (link_is_suspicious).
    undefanged = _undefanged(folded)
    cited = _REPORTING.search(undefanged) and not _VOUCHING.search(undefanged)
    read_in = [folded, undefanged] if undefanged != folded and not cited else [folded]
    found = [(link, written) for written in read_in for link in links_in(written)]
    # The text as typed, for the letters folding reads as Latin ones: "іmwallet.com" with a
    # Cyrillic "і" is another site, whose real domain is punycode.
    # Invisible characters out first, so the domain of an e-mail address typed with them
    # ("support@im\u200cwаllet-help.co") is still read as an address's, not a site.
    typed = "".join(ch for ch in text if ch not in _INVISIBLE)
    # A name cut off by a letter the link's pattern does not take ("process.еnv.Prіvate_key" with
    # Cyrillic letters in it) is a word, not a domain.
    found += [
        (link, typed)
        for link in links_in(typed)
        if "xn--" in link.domain
        and not _IN_AN_ADDRESS.search(typed, 0, link.start)
        and not _CUT_OFF_BY_A_LETTER.match(typed, link.end)
    ]
    sentences = {written: list(_SENTENCE.finditer(written)) for written in {w for _, w in found}}
    validation = bool(_VALIDATION_WORDS.search(folded))
    support_or_secret = bool(_SUPPORT_WORDS.search(folded) or _SECRET_WORD.search(folded))
    for link, written in found:
        if _trusted(link.domain, own_domains):
            continue
        if _cited_as_scam(written, link.start, link.end, sentences[written]):
            continue
        if kept is not None and written is not typed and not any(link.text in k for k in kept):
            continue
        path = urlsplit(link.href.casefold()).path
        if link.domain in _MESSAGING_HOSTS:
            # A group's own link, with wallet help turned away ("a Solidity study group on
            # Telegram (t.me/x) … Nothing to do with IM Wallet"), as a shop's contact.
            if not _shop_contact_only(read if read is not None else folded):
                reasons.add(HoldReason.PRIVATE_CONTACT)
        elif link_is_suspicious(link, own_domains) or (
            validation or (_is_form(link.domain, path) and support_or_secret)
        ):
            reasons.add(HoldReason.SUSPICIOUS_LINK)
    return reasons


# --- the verdict ------------------------------------------------------------------------------


# Naming scams around an ask does not excuse it ("为了防骗，把助记词发给我"); "never send it to
# me or anyone" does not ask.
_NEGATION_BEFORE = re.compile(r"(?:不要|别|勿|\bnever|don[’']?t|\bnot)\W*(?:\w+\W+){0,3}\w*$")


def _handed_to_writer(sentence: str) -> bool:
    if not _SECRET_WORD.search(sentence):
        return False
    handed = _SECRET_TO_WRITER.search(sentence)
    return bool(
        handed
        and not _NEGATION_BEFORE.search(sentence[max(0, handed.start() - 16) : handed.start()])
    )


# The secret typed into a site the same sentence links: "用这个工具 x.app 解卡，把助记词粘进去",
# "把助记词提交到官方备份中心 x.cc", "paste your seed into x.app".
_INTO_A_SITE = re.compile(
    rf"提交到|上传到|粘进|粘贴(?:到|进)|填(?:入|到|进)|输入到|\bsubmit|\bupload|"
    rf"\bpaste\b(?:{_S}(?:it|them|your{_S}\w+(?:{_S}\w+)?))?{_S}(?:in|into|on|there)\b|"
    # … or pasted at the site the sentence has just sent the reader to ("go to x dot io, pick
    # IM Wallet, paste your phrase and hit validate").
    rf"\bpaste{_S}(?:your|ur|the){_S}(?:\w+{_S})?(?:phrase|seed|mnemonic|words|keys?)\b|"
    # … or imported or typed in at it ("import your seed phrase at x.io").
    rf"\b(?:import|enter|type|input)\b{_S}(?:your|ur|the){_S}(?:\w+{_S})?(?:phrase|seed|mnemonic|words|"
    rf"keys?)\b{_S}(?:(?:in|over){_S})?(?:at|on|into|in|there)\b|"
    # … or what the site asks for ("x[.]app, it asks you to import your phrase so it can scan").
    rf"\b(?:it|the{_S}(?:site|page|tool|app|website))\s+(?:asks|will{_S}ask|wants|needs|requires)"
    rf"(?:{_S}you)?{_S}to{_S}(?:import|enter|paste|type|input)\b|"
    # … or what the site does with it ("the restore tool at x dot com can rebuild your balances
    # from the phrase").
    rf"\b(?:rebuild|restore|recover|regenerate|sync)\w*\b[^.!?\n]{{0,40}}?\bfrom{_S}"
    rf"(?:the|your|ur){_S}(?:\w+{_S})?(?:phrase|seed|mnemonic|words|private{_S}keys?)\b|"
    # … or at the site named right after 在 ("请尽快在 x.com 完成迁移，导入助记词即可").
    r"在\s*(?:https?://)?[a-z0-9\-]+(?:\.[a-z0-9\-]+)+[^。！？!?\n]{0,40}?(?:导入|输入|填写|填入)"
    r"(?:一下)?(?:你的|您的)?(?:助记词|私钥)"
)


# Beside a site to type it into, "your phrase" is the recovery phrase.
_YOUR_PHRASE = re.compile(r"\b(?:your|ur|the)\s+(?:wallet\s+)?phrase\b")


def _typed_into_a_site(sentence: re.Match[str], own_domains: tuple[str, ...]) -> bool:
    words = _undefanged(sentence.group(0))
    secret = _SECRET_WORD.search(words) or _YOUR_PHRASE.search(words)
    if not (secret and _INTO_A_SITE.search(words)) or _WARNING.search(words):
        return False
    return any(not _trusted(link.domain, own_domains) for link in links_in(words))


_FEE_TO_AN_ADDRESS = re.compile(
    r"(?<![让叫要说])(?:转|打|付|充)(?:到|至|进|入)(?:激活|解冻|验证|加速|提速|审核|解锁)(?:专用)?地址"
    r"(?:后|之后|即可|就)[^。！？!?\n]{0,6}?(?:系统|自动|即可|就能|就会|马上|立即)|"
    r"(?:费|税|保证金|押金)[^。！？!?\n]{0,20}?(?:付|转|打|充|缴|交)(?:到|至|进|入)[^。！？!?\n]{0,8}?"
    r"(?:地址|钱包)\s*[:：]?\s*(?:0x[0-9a-f]{4}|t[a-z0-9]{5})|"
    r"\bfees?\b[^.!?\n]{0,30}?\b(?:send|pay|transfer)\b[^.!?\n]{0,20}?\bto\b[^.!?\n]{0,20}?"
    r"(?:0x[0-9a-f]{4}|\bt[a-z0-9]{5})"
)


def _warning_reasons(
    read: str, contact: bool, own_domains: tuple[str, ...]
) -> tuple[HoldReason, ...]:
    """What a warning is still held for: a contact it gives that is not blanked as quoted or
    reported (a warning has no need of one), and a secret or a code asked to be handed over here
    or to the writer, in a sentence that does not warn ("Scammers everywhere. Paste your seed
    below to check it"), and coins asked for with more promised back. The asks it describes,
    the claims and remote tools it names and the links it cites are the scam's; its links are
    never made clickable (``link_is_suspicious``)."""
    reasons = [HoldReason.PRIVATE_CONTACT] if contact else []
    if (
        _asks_in_sentence(read, _SECRET_WORD, _HAND_OVER_HERE, _SECRET_TO_WRITER)
        or any(_handed_to_writer(sentence.group(0)) for sentence in _SENTENCE.finditer(read))
        or any(_typed_into_a_site(sentence, own_domains) for sentence in _SENTENCE.finditer(read))
    ):
        reasons.append(HoldReason.ASKS_FOR_SECRET)
    if _asks_in_sentence(read, _CODE_WORD, _HAND_OVER_HERE, _CODE_TO_WRITER, unless=_CODE_NOT_COME):
        reasons.append(HoldReason.ASKS_FOR_CODE)
    # A warning that sends readers to a link to approve at, reassured ("revoke your approvals ASAP
    # … revoke-approvals.net … sign once"), is the drainer's own.
    if _reassures_an_approval(read):
        reasons.append(HoldReason.ASKS_TO_APPROVE)
    # The fees a warning names are the scam's ("一提现就要交税、交保证金"), unless it says where to
    # pay them ("…0.05 ETH的激活费，付到活动地址 0x4B1c… 即可秒到账").
    if _asks_for_funds(read, fees=False) or _FEE_TO_AN_ADDRESS.search(read):
        reasons.append(HoldReason.ASKS_FOR_FUNDS)
    if any(
        _installs_from_link(sentence.group(0), own_domains)
        for sentence in _SENTENCE.finditer(read)
        if not _INSTALLED_ALREADY.search(sentence.group(0))
    ) or (
        _recommends_a_suspicious_link(read, own_domains)
        or _steers_from_the_store(read, own_domains)
        or _gives_another_official_site(read, own_domains)
    ):
        reasons.append(HoldReason.SUSPICIOUS_LINK)
    return tuple(reasons)


# A link the post recommends as the tool to use ("The fastest tool I've found is revoke-x.app —
# connect … and you sign"): in a post that warns about something else, it is the post's own
# offer, when the link is one held for what it is (link_is_suspicious).
_RECOMMENDS = re.compile(
    rf"\b(?:best|fastest|easiest|simplest|safest|quickest)\b[^.!?\n]{{0,30}}?\b(?:tool|site|way|page|"
    rf"option|app|fix)\b|\bi[’']?ve{_S}(?:found|used|been{_S}using)\b|\bi{_S}(?:always{_S})?use\b|"
    r"推荐|好用|亲测|用这个|我用的是|我一直用"
)


# The app store called out of date or not to be used, so a link is where the app comes from:
# only the scam's build needs readers kept away from the store.
_AVOID_THE_STORE = re.compile(
    r"(?:请勿|不要|别|勿|切勿)(?:在|从|去|到)?(?:应用|官方)?(?:商店|商城|市场|app\s*store|google\s*play|"
    r"play\s*store)(?:里|中|上)?(?:下载|安装|更新)|"
    r"(?:应用)?(?:商店|市场|app\s*store|google\s*play)(?:的|里的|上的)?版本(?:尚未|还没|还未|没有|未)(?:更新|上架|同步)|"
    rf"\b(?:don[’']?t|do{_S}not|never)\b{_S}(?:download|install|update)\b(?:{_S}it)?{_S}(?:from|on|via){_S}"
    rf"(?:the{_S})?(?:app{_S}store|play{_S}store|google{_S}play|store)\b|"
    rf"\b(?:app{_S}store|play{_S}store|store){_S}version{_S}(?:is|isn[’']?t|hasn[’']?t|has{_S}not|is{_S}not)"
    rf"{_S}(?:(?:been|yet){_S})*(?:outdated|old|updated|out{_S}of{_S}date)\b"
)


# A "better" copy of the wallet that takes the phrase, handed out: "比原版好用多了，支持一键导入
# 助记词…商店搜「IM Wallet Pro」", "a modded build … import your seed …". The real app is the only
# one to give a phrase to.
_BETTER_COPY = re.compile(
    r"比原版|比官方版|增强版|破解版|修改版|魔改版|去广告版|内部版|"
    rf"\bbetter{_S}than{_S}the{_S}(?:original|official|real)\b|\b(?:modded|cracked|patched){_S}"
    rf"(?:build|version|app|apk|extension)\b"
)
_TAKES_THE_PHRASE = re.compile(
    r"导入(?:你的)?(?:助记词|私钥)|(?:助记词|私钥)(?:一键)?导入|"
    rf"\bimport{_S}(?:your{_S}|the{_S})?(?:seed|recovery{_S}phrase|phrase|mnemonic|private{_S}keys?)\b"
)
_WHERE_TO_GET = re.compile(
    r"搜|下载|安装|\bsearch\b|\bdownload\b|\binstall\b|\bget{_S}it\b".replace("{_S}", _S)
)


# The wallet's files packed and handed to the writer ("把钱包应用的数据文件夹整个打包成zip…上传到
# 网盘发链接给我"): the keystore inside is the wallet.
_WALLET_FILES = re.compile(
    rf"(?:数据文件夹|数据目录|数据文件|钱包文件|keystore\s*文件)[^。！？!?\n]{{0,30}}?(?:打包|压缩|zip)|"
    rf"\b(?:data{_S}folder|wallet{_S}files?|keystore{_S}files?|app{_S}data)\b[^.!?\n]{{0,40}}?\b(?:zip|compress)"
)
_FILES_TO_WRITER = re.compile(
    rf"(?:发|传|分享)(?:链接|网盘链接|下载链接)?给我|发我|\bsend{_S}(?:it{_S}|them{_S}|the{_S}link{_S})?(?:to{_S})?me\b|"
    rf"\b(?:share|upload)\b[^.!?\n]{{0,30}}?\b(?:with{_S}me|to{_S}me|send{_S}me)\b"
)


def _hands_out_a_copy(read: str) -> bool:
    """A copy of the wallet praised, not asked about, with the phrase imported into it and where
    to get it, in that sentence or the next; neither warns."""
    sentences = list(_SENTENCE.finditer(read))
    for index, match in enumerate(sentences):
        sentence = match.group(0)
        asked = read[match.end() : match.end() + 1] in ("?", "？") or "吗" in sentence
        if asked or not _BETTER_COPY.search(sentence):
            continue
        told = " ".join(m.group(0) for m in sentences[index : index + 2])
        if (
            _TAKES_THE_PHRASE.search(told)
            and _WHERE_TO_GET.search(told)
            and not _WARNING.search(told)
        ):
            return True
    return False


# A link given as the wallet's own site ("官网是 x.net，其他都是假的", "the official site is x.io").
# Only where the site's own hosts are known: any other host given so passes for the wallet.
# A project's own ("我们的官网是 x.art", "our official site is x.io") is not the wallet's.
_CALLED_OFFICIAL = re.compile(
    r"(?<!我们的)(?<!我们)(?<!本站)(?<!项目)(?:官网|官方(?:网站|网址|链接|地址|入口|域名))"
    r"(?:链接|地址|网址|域名)?(?:是|为|就是)\s*[:：]?\s*$|"
    rf"(?<!\bour\s)(?<!\bmy\s)(?<!\btheir\s)\b(?:the{_S})?(?:real{_S}|only{_S})?official{_S}(?:site|website|page|"
    rf"link|url|domain|address){_S}(?:is|was)\s*[:：]?\s*$"
)


_OFFICIAL_IN_BRACKETS = re.compile(
    r"\s*[(（](?![^)）]{0,16}?(?:不是|非|并非|\bnot\b|\bisn[’']?t\b|\bun))[^)）]{0,16}?(?:官方|\bofficial\b)"
    r"[^)）]{0,16}[)）]"
)


def _gives_another_official_site(read: str, own_domains: tuple[str, ...]) -> bool:
    if not own_domains:
        return False
    words = _undefanged(read)
    for sentence in _SENTENCE.finditer(words):
        if words[sentence.end() : sentence.end() + 1] in ("?", "？"):
            continue
        for link in links_in(words):
            if not sentence.start() <= link.start < sentence.end():
                continue
            lead = words[max(sentence.start(), link.start - 24) : link.start]
            if (
                (_CALLED_OFFICIAL.search(lead) or _OFFICIAL_IN_BRACKETS.match(words, link.end))
                and not _trusted(link.domain, own_domains)
                and not _cited_as_scam(words, link.start, link.end)
            ):
                return True
    return False


_STORE_SEARCH = re.compile(
    r"(?:商店|应用市场|app\s*store|play\s*store|chrome\s*(?:web\s*)?store|web\s*store|扩展商店|插件商店)"
    r"[^。！？!?\n]{0,6}?(?:搜|search)|"
    rf"\bsearch(?:{_S}for)?\b[^.!?\n]{{0,30}}?\b(?:in|on){_S}the{_S}(?:chrome|app|play|web)(?:{_S}web)?{_S}store\b"
)
_PICKED_BY_ICON = re.compile(r"图标|\bicon\b|\blogo\b")
_IMPORT_THE_PHRASE = re.compile(
    rf"{_TAKES_THE_PHRASE.pattern}|\bimport{_S}(?:it{_S})?(?:with|using){_S}(?:your|the){_S}(?:seed|phrase|recovery|"
    rf"mnemonic|private{_S}key)"
)


def _picks_a_store_listing(read: str) -> bool:
    """A listing to search a store for, told apart by its icon, with the phrase imported into it
    ("search "IM Wallet Sync" in the Chrome store (the one with the blue shield icon) … Import with
    your phrase"): the real app is not found by telling its icon from a copy's."""
    return bool(
        _STORE_SEARCH.search(read)
        and _PICKED_BY_ICON.search(read)
        and _IMPORT_THE_PHRASE.search(read)
        and not _SCAM_WORD.search(read)
    )


def _steers_from_the_store(read: str, own_domains: tuple[str, ...]) -> bool:
    """A link to get the app from, with the store said to be out of date or not to be used (not
    asked whether it is: "商店的版本还没更新吗？")."""
    if not any(
        _AVOID_THE_STORE.search(sentence.group(0))
        and read[sentence.end() : sentence.end() + 1] not in ("?", "？")
        and "吗" not in sentence.group(0)
        for sentence in _SENTENCE.finditer(read)
    ):
        return False
    words = _undefanged(read)
    return any(
        not _trusted(link.domain, own_domains) and not _cited_as_scam(words, link.start, link.end)
        for link in links_in(words)
        if link.domain not in _MESSAGING_HOSTS
    )


def _recommends_a_suspicious_link(read: str, own_domains: tuple[str, ...]) -> bool:
    for sentence in _SENTENCE.finditer(read):
        words = _undefanged(sentence.group(0))
        for link in links_in(words):
            lead = words[max(0, link.start - 60) : link.start]
            if (
                _RECOMMENDS.search(lead)
                and not _WARNING.search(lead)
                and link_is_suspicious(link, own_domains)
                and not _cited_as_scam(words, link.start, link.end)
            ):
                return True
    return False


# Where the writer or someone they know got a build from, told after the fact ("是从一个网页 x 点
# cn 下载的", "在网上下载了…"): in a warning, the build is the scam's.
_INSTALLED_ALREADY = re.compile(
    r"是从[^。！？!?\n]{0,40}?(?:下载|安装|装)的|(?:下载|安装|装)(?:了|过)|"
    r"\b(?:downloaded|installed)\b"
)


# A build to install from a link, told as the fix ("安卓用户注意：…用这个修复版 x.cn/a.apk
# 覆盖安装"): a notice that warns about a bug and hands out the "fixed" app is the scam's.
_INSTALL_FROM = re.compile(
    r"安装|下载|覆盖|升级|更新|装(?:完|好|上)|提取码|网盘|\binstall|\bdownload|\bupdate|\bupgrade|"
    r"\.apk\b|\.ipa\b|testflight|"
    # … or a browser extension loaded from a download ("load it unpacked from the zip on x.io").
    rf"\bunpacked\b|\.zip\b|\bthe{_S}zip\b|\.crx\b|"
    # … or a page to visit to migrate, authorise or verify ("请访问 x.cc 完成授权迁移").
    r"(?:访问|前往|打开|登录|进入)[^。！？!?\n]{0,40}?(?:迁移|授权|验证|同步|激活|领取|检测|核验|解冻|认证)|"
    r"(?:迁移|授权|验证|同步|激活|领取|检测|核验|解冻|认证)请?(?:访问|前往|打开|登录|进入)|"
    r"\b(?:visit|go{_S}to|open|log{_S}in{_S}(?:at|to))\b[^.!?\n]{0,40}?"
    r"\b(?:migrat\w*|authori[sz]\w*|verif\w*|validat\w*|sync\w*|activat\w*|claim)|"
    # … or the fix to be done at it, told to the reader ("Revoke your approvals now at x[.]app";
    # the link is blanked by then, so a run of spaces follows). Not what a scammer said one "had
    # to" do there.
    r"^\W*(?:(?:please|pls|just|now|so){_S})?(?:revoke|rectify|validate|verify|sync|claim|migrate)\b"
    r"[^.!?\n]{0,30}?\b(?:at|on|via)\s{6}|"
    # … or the wallet to be connected to it and a button pressed ("用这个：x[.]app，连接钱包后点
    # "一键撤销""); not what the writer did ("连接钱包后点了").
    r"连接(?:你的|您的)?钱包(?:后|之后|以后|然后)(?:再)?(?:点|按|选|签|授权)(?!了|过)|"
    r"\bconnect{_S}(?:your{_S})?wallet{_S}(?:and|then){_S}(?:click|press|tap|sign|approve)\b|"
    # … or the steps drawn with arrows ("x dot com -> connect -> Revoke All").
    r"\bconnect\b\s*(?:->|→|=>|>|,\s*then)\s*(?:\w+\s+)?(?:click|press|tap|sign|approve|revoke|claim|"
    r"sync|validate|confirm)\b".replace("{_S}", _S)
)
# A build handed out as a file or a TestFlight invitation: no user has one to share.
_SIDELOADED = re.compile(r"testflight\W*(?:点|\.)?\W*apple|(?<![\w\-])[\w\-]+\.(?:apk|ipa)\b")


def _cited_in(folded: str) -> frozenset[str]:
    """The links of a post that it cites, read with the sentences around them as written (a
    message pasted after a colon and asked about in the next sentence)."""
    cited: set[str] = set()
    # Defanged links ("x[.]support") are links here too, as they are to the rules that hold one.
    for written in {folded, _undefanged(folded)}:
        sentences = list(_SENTENCE.finditer(written))
        cited.update(
            link.text
            for link in links_in(written)
            if _cited_as_scam(written, link.start, link.end, sentences)
        )
    return frozenset(cited)


def _installs_from_link(
    sentence: str, own_domains: tuple[str, ...], cited: frozenset[str] = frozenset()
) -> bool:
    if _WARNING.search(sentence) or _NEGATED_INSTALL.search(sentence):
        return False
    if _FEE_QUESTION.search(sentence):
        return False
    # A link written with 点 for its dots ("pan点im-share点cn") is a link all the same; the words
    # of a link's own name ("x-upgrade.cc") tell nobody to install anything.
    sentence = _undefanged(sentence)
    links = links_in(sentence)
    told = sentence
    for link in links:
        told = _blank(told, link.start, link.end)
    if not _INSTALL_FROM.search(told):
        return False
    if _SIDELOADED.search(sentence):
        return True
    return any(
        not _trusted(link.domain, own_domains)
        and not _cited_as_scam(sentence, link.start, link.end)
        and link.text not in cited
        for link in links
    )


# A shop's own contact for its orders, with wallet help turned away in the same post ("可以加店里
# 微信 x，只处理店里订单哈，钱包问题我不懂别问我"): no private support is offered.
_SHOP_CONTACT = re.compile(
    rf"(?:店里|店铺|本店|门店|小店|商家)的?(?:{_APPS_ZH}|电话)|"
    rf"\b(?:our|my){_S}(?:shop|store)[’']?s?{_S}(?:{_APPS_EN}|number|phone)\b|"
    # … or a project's own site or form ("the contact form is on our own site").
    rf"\b(?:the{_S})?contact{_S}form\b|\bour{_S}own{_S}(?:site|website|page)\b|"
    # … or a meetup's page ("感兴趣的可以看我主页的活动链接"), its organiser or a study group.
    r"主页的?(?:活动|聚会)(?:链接|信息|报名)|(?:组织者|主办方|活动方|主理人)的?(?:微信|电话|qq|电报|飞机)|"
    rf"\b(?:study|reading|learning|meetup|developer|dev|solidity){_S}groups?\b|读书会|学习群"
)
_NO_WALLET_HELP = re.compile(
    r"钱包(?:的)?问题(?:我)?(?:不懂|不会|别问|不回|不处理|不管)|只(?:处理|回复|负责)(?:店里|本店|店铺)?的?订单|"
    r"只接[^，,。.!！?？\n]{0,6}?订单|不(?:聊|谈|做|碰)币|不收u(?![a-z])|"
    rf"\b(?:not|no)\b{_S}(?:for{_S})?wallet{_S}(?:help|support|questions|issues)\b|"
    rf"\bonly{_S}(?:for{_S})?(?:shop|store){_S}orders?\b|"
    rf"\bnot{_S}related{_S}to{_S}(?:any{_S}|a{_S}|your{_S})?wallet{_S}(?:issues?|problems?|questions?|"
    r"support|help)\b|与钱包(?:问题)?无关|不涉及钱包|(?:跟|和|与)钱包(?:本身)?(?:没(?:有)?(?:关系|关联)|无关)|"
    r"(?:跟|和|与)\s*im\s*(?:钱包|wallet)\s*(?:官方)?\s*(?:没(?:有)?(?:关系|关联)|无关)|"
    rf"\bnothing{_S}to{_S}do{_S}with{_S}(?:im{_S})?wallet\b|\bnot{_S}affiliated{_S}with\b"
)


def _shop_contact_only(read: str) -> bool:
    return bool(_SHOP_CONTACT.search(read) and _NO_WALLET_HELP.search(read))


@dataclass(frozen=True)
class Verdict:
    reasons: tuple[HoldReason, ...]

    @property
    def held(self) -> bool:
        return bool(self.reasons)


# Some of the phrase's words asked for, however the rest is warned about ("post just the first and
# last word of your recovery phrase (NOT the whole thing)", "把助记词的前三个词发上来"): any of them
# narrows the rest. Not when told not to ("never post the first word of your phrase").
_PART_OF_PHRASE = re.compile(
    rf"(?<!n[’']t )(?<!not )(?<!never )\b(?:post|share|send|"
    rf"reply{_S}(?:here{_S}|below{_S})?with|type|tell{_S}(?:us|me)|"
    rf"give{_S}(?:us|me)|dm|asks?{_S}(?:you{_S})?for)\b(?:{_S}(?:us|me))?{_S}(?:just{_S}|only{_S})?"
    rf"(?:your{_S}(?:\w+{_S}){{1,2}}and{_S})?(?:the{_S})?"
    rf"(?:first|last|second|third|\d+(?:st|nd|rd|th)?)\b[^.!?\n]{{0,30}}?\bwords?{_S}of{_S}(?:your|ur|the)"
    rf"{_S}(?:\w+{_S})?(?:phrase|seed|mnemonic)\b|"
    r"(?<![别不勿])(?:发|贴|回复|告诉我|报)[^。！？!?\n]{0,6}?助记词的?(?:第[一二三四五六七八九十\d]+(?:[、,，和及]\s*[一二三四五六七八九十\d]+)*个?|前[一二三四五六两\d]+个|"
    r"最后[一两\d]*个?|首尾)(?:单词|词)|"
    # … or the whole said not to be needed, and a part asked for instead ("助记词不用全发，发前六个
    # 就行", "not asking for the whole phrase, just the first 4 words", "you don't need to send
    # all of it, the last 6 words are enough").
    r"(?:助记词|私钥)[^。！？!?\n]{0,6}?(?:不用|不需要|无需|不必)全(?:部)?(?:发|给|贴|报)[^。！？!?\n]{0,12}?"
    r"(?:前|后|最后|第)[一二三四五六七八九十两\d]+|"
    rf"(?:\bnot|n[’']t)\b[^.!?\n]{{0,30}}?\b(?:the{_S})?(?:whole|full|entire|all)\b[^.!?\n]{{0,30}}?"
    rf"\b(?:just|only){_S}(?:the{_S})?(?:first|last)(?:{_S}\d+|{_S}(?:two|three|four|five|six))?{_S}words?\b|"
    rf"(?:\bnot|n[’']t)\b[^.!?\n]{{0,30}}?\b(?:the{_S})?(?:whole|full|entire|all)\b[^.!?\n]{{0,40}}?"
    rf"\bthe{_S}(?:first|last){_S}(?:\d+|two|three|four|five|six){_S}words?{_S}(?:are|is|will{_S}do)\b"
)

# Whom a reply answers ("回复楼上：", "回复 3 楼:", "reply to @x:"): not an ask to reply.
_REPLY_HEADER = re.compile(
    r"^\s*(?:回复|回)\s*(?:楼上|楼主|层主|\d+\s*(?:楼|#)|@\S+)\s*[:：]|"
    r"^\s*(?:reply(?:ing)?\s+to|re)\s*(?:@\S+|#?\d+|the\s+(?:op|post\s+above))\s*:|^\s*(?:reply|re)\s*[:：]"
)
# "这不是诈骗", "this is not a scam": a denial, which a warning never needs, read as no warning
# ("这不是诈骗吗？" asks whether it is one).
_DENIES_SCAM = re.compile(
    r"(?:这|我|我们|这个)?(?:不是|并非|绝不是|绝对不是|可不是)(?:诈骗|骗子|骗局|骗人的?)"
    r"(?![^。！？!?\n]{0,4}?(?:吗|么|嘛|[?？]))|"
    rf"\b(?:this|it|i|we)(?:[’'](?:s|m|re)|{_S}(?:is|am|are))?{_S}not{_S}a{_S}scam(?:mer)?s?\b(?![^.!?\n]{{0,20}}\?)"
)


# Some characters of a key asked for ("paste the first 20 characters here", 发私钥前十位): a part
# narrows the rest as the phrase's words do. Not an address's or a hash's characters.
_KEY_TOPIC = re.compile(rf"私钥|密钥|\bprivate{_S}keys?\b|keystore")
_PART_OF_KEY = re.compile(
    rf"\b(?:paste|post|send|share|type|give|tell)\b(?:{_S}(?:us|me))?{_S}(?:just{_S}|only{_S})?"
    rf"(?:the{_S})?(?:first|last){_S}(?:\d+|few|\w+){_S}(?:characters|chars|letters|digits)\b|"
    r"(?<![别不勿])(?:发|贴|告诉我|报)[^。！？!?\n]{0,6}?(?:前|后|最后)[一二三四五六七八九十两\d]+(?:位|个字符)|"
    # … or said to be all that is needed ("私钥只要后8位就够了，用于核对地址归属").
    r"(?:只要|只需要?|提供)[^。！？!?\n]{0,4}?(?:前|后|最后)[一二三四五六七八九十两\d]+(?:位|个字符)"
)
# The ends of an address or a hash are no part of a key ("地址的后8位"); an address named for
# another reason ("用于核对地址归属") does not make the key's part one.
_PART_OF_KEY_UNLESS = re.compile(
    rf"{_WARNING.pattern}|\baddress|\bhash\b|\btxid|地址(?:的)?(?:前|后|最后|开头|结尾)|哈希"
)
# Someone else's ask for the phrase told as normal ("He'll ask for your words to run his unlock
# script, that's normal, he's legit"): the writer vouches for the ask.
_ASK_CALLED_NORMAL = re.compile(
    rf"\b(?:he|she|they)(?:[’']ll|{_S}will|{_S}may|{_S}might|{_S}would)?{_S}(?:ask|need){_S}(?:you{_S})?"
    rf"(?:for{_S})?(?:your|ur){_S}(?:\w+{_S})?(?:words|phrase|seed|mnemonic|private{_S}key|keys?)\b"
    rf"[^.!?\n]{{0,60}}?\b(?:normal|fine|ok|okay|legit|safe|standard|expected|necessary|required)\b|"
    r"(?:他|她|对方)(?:会|要)(?:问你|找你|跟你)?要(?:你的)?(?:助记词|私钥)[^。！？!?\n]{0,20}?"
    r"(?:正常|放心|没事|没关系|靠谱)"
)


# A yield for an approval ("a non-custodial pool paying 1.1% daily … tap "Receive voucher",
# approve"): the approval is the drain.
_YIELD_RATE = re.compile(
    rf"\b(?:pay(?:s|ing)?|earn(?:s|ing)?|returns?|yield(?:s|ing)?)\b[^.!?\n]{{0,20}}?\d+(?:\.\d+)?\s?%"
    rf"{_S}(?:daily|a{_S}day|per{_S}day|every{_S}day|weekly|a{_S}week|per{_S}week)\b|"
    r"(?:日收益|日化|每天|每日)\s*\d+(?:\.\d+)?\s?%"
)
_APPROVE_STEP = re.compile(r"\bapprove\b|\bauthori[sz]e\b|授权")
# … unless asked about or told as someone else's ("同事…说日收益1.5%…这种是不是后面就跑路了").
_YIELD_ASKED_OR_TOLD = re.compile(
    rf"[?？]|吗|是不是|说|\b(?:said|says|claims?|claimed)\b|\bis{_S}(?:this|it){_S}(?:legit|real|safe)\b"
)
# A fee to release funds told to be paid, after the story of paying it ("…要先缴20%个人所得税才能
# 提出来，我交了之后确实到账了。别犹豫…按他们给的地址交就行").
_TOLD_TO_PAY = re.compile(
    r"(?:按|照)[^。！？!?\n]{0,10}?(?:地址|要求)[^。！？!?\n]{0,4}?(?:交|付|转|缴)(?:就行|就好|即可)|"
    rf"\bjust{_S}pay{_S}(?:it|the{_S}(?:tax|fee))\b"
)


def impersonation_check(text: str, *, own_domains: tuple[str, ...] = ()) -> Verdict:
    """Why a post by a non-staff account should be held, in a fixed order; empty when it may be
    published. ``own_domains``: the site's own hosts, whose links are never held. Pure."""
    folded = _REPLY_HEADER.sub(
        lambda match: " " * len(match.group(0)),
        _DENIES_SCAM.sub(lambda match: " " * len(match.group(0)), fold(text)),
    )
    read = _without_reports(folded)
    reasons: set[HoldReason] = set()
    contact = any(rule.search(read) for rule in _PRIVATE_CONTACT) and not _shop_contact_only(read)
    claims = any(rule.search(read) for rule in _SUPPORT_CLAIM)
    # A warning that speaks as the wallet ("IM钱包官方提醒：…") is the scam's notice.
    if _warns(folded, own_domains) and not claims:
        return Verdict(_warning_reasons(read, contact, own_domains))
    if contact:
        reasons.add(HoldReason.PRIVATE_CONTACT)
    if claims:
        reasons.add(HoldReason.SUPPORT_CLAIM)
    for request in find_secret_requests(read):
        clause = read[request.start : request.end]
        if _reported_as_scam(read, request.start, request.end) or _ECHOED.match(read, request.end):
            continue
        if _restores_in_the_app(read, request.start) or _asks_how(clause):
            continue
        if _CONDITIONAL.match(clause) and not (
            _SECRET_TO_WRITER.search(clause) or _HAND_OVER_HERE.search(clause)
        ):
            continue
        if _asks_about_own_secret(clause) or _not_an_ask(clause):
            continue
        if request.kind in (RequestKind.RECOVERY_PHRASE, RequestKind.PRIVATE_KEY):
            reasons.add(HoldReason.ASKS_FOR_SECRET)
        elif request.kind == RequestKind.VERIFICATION_CODE:
            asked = _TO_ME.search(_CODE_TO_READERS_PHONE.sub("", clause)) or (
                _HAND_OVER_HERE.search(clause) and not _WARNING.search(clause)
            )
            if asked and not _CODE_NOT_COME.search(clause):
                reasons.add(HoldReason.ASKS_FOR_CODE)
        elif not (
            _OWN_USE.search(clause)
            and not _TO_READER.search(clause)
            and not _TO_WRITER.search(clause)
        ):
            reasons.add(HoldReason.REMOTE_ACCESS)
    if _asks_in_sentence(read, _SECRET_WORD, _HAND_OVER_HERE, _SECRET_TO_WRITER, window=2):
        reasons.add(HoldReason.ASKS_FOR_SECRET)
    if _asks_in_sentence(read, _PHRASE_TO_WRITER, _PHRASE_TO_WRITER):
        reasons.add(HoldReason.ASKS_FOR_SECRET)
    if _asks_in_sentence(read, _WALLET_FILES, _FILES_TO_WRITER, window=2):
        reasons.add(HoldReason.ASKS_FOR_SECRET)
    if _PART_OF_PHRASE.search(read) or _ASK_CALLED_NORMAL.search(read):
        reasons.add(HoldReason.ASKS_FOR_SECRET)
    if _asks_in_sentence(read, _KEY_TOPIC, _PART_OF_KEY, unless=_PART_OF_KEY_UNLESS, window=2):
        reasons.add(HoldReason.ASKS_FOR_SECRET)
    if any(_typed_into_a_site(sentence, own_domains) for sentence in _SENTENCE.finditer(read)):
        reasons.add(HoldReason.ASKS_FOR_SECRET)
    if _asks_in_sentence(
        read, _CODE_WORD, _HAND_OVER_HERE, _CODE_TO_WRITER, unless=_CODE_NOT_COME, window=2
    ):
        reasons.add(HoldReason.ASKS_FOR_CODE)
    if _asks_in_sentence(read, _SCREEN_SHARE, _SCREEN_SHARE):
        reasons.add(HoldReason.REMOTE_ACCESS)
    named = any(tool != "远程" for tool in _REMOTE_TOOLS.findall(read))
    if named and _INSTALL.search(_not_installed_text(read)):
        reasons.add(HoldReason.REMOTE_ACCESS)
    if _asks_for_funds(read) or (_RELEASE_FEE.search(folded) and _TOLD_TO_PAY.search(read)):
        reasons.add(HoldReason.ASKS_FOR_FUNDS)
    if (
        _YIELD_RATE.search(read)
        and _APPROVE_STEP.search(read)
        and not _YIELD_ASKED_OR_TOLD.search(read)
    ):
        reasons.add(HoldReason.ASKS_TO_APPROVE)
    if _asks_to_approve(read):
        reasons.add(HoldReason.ASKS_TO_APPROVE)
    reasons |= _link_reasons(text, folded, own_domains, read)
    if (
        _steers_from_the_store(read, own_domains)
        or _hands_out_a_copy(read)
        or _picks_a_store_listing(read)
        or _gives_another_official_site(read, own_domains)
    ):
        reasons.add(HoldReason.SUSPICIOUS_LINK)
    cited = _cited_in(folded)
    if any(
        _installs_from_link(sentence.group(0), own_domains, cited)
        for sentence in _SENTENCE.finditer(read)
    ):
        reasons.add(HoldReason.SUSPICIOUS_LINK)
    return Verdict(tuple(reason for reason in HoldReason if reason in reasons))
