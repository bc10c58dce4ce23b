"""Find wallet secrets in text a person typed, before anything is saved or logged.

``find_secrets`` reports recovery phrases (BIP-39, every wordlist the ``mnemonic`` package
ships), raw private keys, WIF keys and extended private keys. ``mask_secrets`` replaces them
with a placeholder. ``find_secret_requests`` looks at an agent's outgoing reply for a request of
a secret, a verification code or remote access to the user's device.

Never log the text passed in here, nor a finding's span contents: that is the secret itself.
A whole submission (fields joined by new lines) is read as one text, so a phrase split over two
fields is one run. The rules and their measured precision/recall are in docs/secret-guard.md.
In short:

* text is NFKC-normalised, invisible characters dropped, look-alike letters (Cyrillic "а",
  Greek "ο") read as the Latin letters they imitate;
* a run of BIP-39 words of one language, with anything but letters and digits between them,
  with a valid checksum over 12/15/18/21/24 of them is a recovery phrase (each valid window
  one finding: two phrases side by side are two);
* a run of 10+ words with backup wording around it (seed, 助记词, mnemonic …) is one too,
  checksum or not (one or two words left out, or a typo);
* an unbroken English list of 12+ such words is flagged without a checksum;
* Chinese: single characters with separators from 12 on; rows of a grid or halves; a run
  right after a keyword or standing on its own; anywhere inside a sentence when its characters
  are rare enough — always with a valid checksum and no everyday word inside;
* 64 hex digits (whole or in pieces) are a private key only when a key word labels them
  (私钥, 秘密鍵, 개인키, private key …), because a transaction hash looks the same;
* WIF (whole or with a gap) and extended private keys are recognised by their base58check
  checksum alone.
"""

import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache, lru_cache
from typing import NamedTuple

import base58
from confusable_homoglyphs.utils import load as load_confusables
from mnemonic import Mnemonic


class SecretKind(StrEnum):
    RECOVERY_PHRASE = "recovery_phrase"
    PRIVATE_KEY = "private_key"
    EXTENDED_PRIVATE_KEY = "extended_private_key"
    WIF_KEY = "wif_key"


@dataclass(frozen=True)
class SecretFinding:
    """One secret: where it is in the original text and a preview that reveals nothing useful."""

    kind: SecretKind
    start: int
    end: int
    preview: str
    # False only for an English word run flagged without a valid BIP-39 checksum.
    checksum_valid: bool = True
    language: str = ""
    words: int = 0

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


# Stored in place of a secret; read by both the customer and the agent, so it carries both
# languages instead of following whoever happened to be the active language at save time.
PLACEHOLDERS: dict[SecretKind, str] = {
    SecretKind.RECOVERY_PHRASE: "[已隐藏的助记词 / hidden recovery phrase]",
    SecretKind.PRIVATE_KEY: "[已隐藏的私钥 / hidden private key]",
    SecretKind.EXTENDED_PRIVATE_KEY: "[已隐藏的扩展私钥 / hidden extended private key]",
    SecretKind.WIF_KEY: "[已隐藏的私钥 (WIF) / hidden private key (WIF)]",
}

PHRASE_LENGTHS = (24, 21, 18, 15, 12)
# Every wordlist the mnemonic package ships (its checker is given composed forms to compare,
# see _IndexedWordlist).
LANGUAGES = (
    "english",
    "chinese_simplified",
    "chinese_traditional",
    "japanese",
    "korean",
    "spanish",
    "french",
    "italian",
    "czech",
    "portuguese",
    "russian",
    "turkish",
)
CHINESE = ("chinese_simplified", "chinese_traditional")
# Languages whose unbroken run of 12+ words is flagged even without a valid checksum.
_UNCHECKED_RUN_LANGUAGES = frozenset({"english"})
_LATIN = frozenset({"english", "spanish", "french", "italian", "czech", "portuguese", "turkish"})

# --- text preparation -----------------------------------------------------------------------

# Characters that show nothing: zero-width spaces and joiners, direction marks, word joiners,
# variation selectors, Hangul fillers, tag characters. Typed inside a word they hide it from a
# word list; they are dropped before anything is read.
_INVISIBLE_RANGES = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x115F), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0x1D173, 0x1D17A),
    (0xE0000, 0xE007F), (0xE0100, 0xE01EF),
)  # fmt: skip
_INVISIBLE = frozenset(chr(c) for low, high in _INVISIBLE_RANGES for c in range(low, high + 1))


class _OneForOne(dict[int, str]):
    """Character -> its NFKC form when that is one character, else two (never a length a text
    could keep), and two for an invisible character: ``text.translate`` then normalises
    character by character in C, and keeps the text's length only where every character is
    visible and normalised to one."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        normal = unicodedata.normalize("NFKC", char)
        if len(normal) != 1 or char in _INVISIBLE:
            normal = "\x00\x00"
        self[code] = normal
        return normal


_ONE_FOR_ONE = _OneForOne()


@dataclass(frozen=True)
class _Prepared:
    """NFKC text without invisible characters, with where each character came from."""

    text: str
    # For each character: the original index of the cluster it came from, and of the end of
    # that cluster (a decomposed Korean syllable is three characters; the span covers them all).
    # None: same indices as the original.
    origin: tuple[int, ...] | None
    origin_end: tuple[int, ...] | None = None

    def span(self, start: int, end: int, original_length: int) -> tuple[int, int]:
        if self.origin is None or self.origin_end is None:
            return start, end
        first = self.origin[start]
        last = self.origin_end[end - 1] if end > start else first
        return first, min(last, original_length)


def _prepare(text: str) -> _Prepared:
    # NFKC turns full-width letters, digits and commas and circled numbers (①) into ASCII.
    if unicodedata.is_normalized("NFKC", text) and not _INVISIBLE.intersection(text):
        return _Prepared(text, None)
    # Usually each character normalises on its own ("，" -> ","): indices stay the same. The
    # characters normalised one by one are the whole text's NFKC when together they are in
    # NFKC: NFKC(x) and x decompose alike, so the text and the characters' forms joined have
    # one NFKC. An invisible character translates to two characters, like a character whose
    # form is not one, and sends the text the long way.
    each = text.translate(_ONE_FOR_ONE)
    if len(each) == len(text) and unicodedata.is_normalized("NFKC", each):
        return _Prepared(each, None)
    chars: list[str] = []
    origin: list[int] = []
    origin_end: list[int] = []
    # Normalise cluster by cluster (a character and the marks or Hangul jamo that follow it),
    # so decomposed input ("á" as a + accent, Korean as jamo) composes like the wordlists.
    clusters: list[tuple[int, int, str]] = []
    for index, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        if clusters and _continues(char):
            start, _, cluster = clusters[-1]
            clusters[-1] = (start, index + 1, cluster + char)
        else:
            clusters.append((index, index + 1, char))
    for start, end, cluster in clusters:
        for out in unicodedata.normalize("NFKC", cluster):
            chars.append(out)
            origin.append(start)
            origin_end.append(end)
    return _Prepared("".join(chars), tuple(origin), tuple(origin_end))


def _continues(char: str) -> bool:
    """Whether ``char`` belongs to the character before it (a combining mark, a vowel or final
    Hangul jamo)."""
    return (
        unicodedata.combining(char) != 0
        or "\u1160" <= char <= "\u11ff"
        or ("\ud7b0" <= char <= "\ud7ff")
    )


# --- wordlists ------------------------------------------------------------------------------


def _latin_key(word: str) -> str:
    """Lower case without accents: users type "abaco" for Spanish "ábaco"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _word_key(word: str, language: str) -> str:
    if language in _LATIN:
        return _latin_key(word)
    return unicodedata.normalize("NFKC", word).lower()


class _IndexedWordlist(list[str]):
    """A wordlist whose ``index`` is a dict lookup.

    ``Mnemonic.check`` looks every word up with ``list.index`` (a linear scan); checking many
    windows of a long text that way is slow. The checksum logic stays the library's own.
    """

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._positions = {
            unicodedata.normalize("NFKC", word): position for position, word in enumerate(words)
        }

    def index(self, word: str, *_args: object) -> int:
        # The checker NFKD-normalises the phrase but not every list ("й" in Russian, Korean
        # syllables): compare composed forms, so a valid phrase checks in every language.
        try:
            return self._positions[unicodedata.normalize("NFKC", word)]
        except KeyError:
            raise ValueError(word) from None


@cache
def _mnemonic(language: str) -> Mnemonic:
    mnemo = Mnemonic(language)
    mnemo.wordlist = _IndexedWordlist(mnemo.wordlist)
    return mnemo


@cache
def _index() -> dict[str, tuple[tuple[str, int], ...]]:
    """Word key -> every (language, position) it has, across all wordlists."""
    table: dict[str, list[tuple[str, int]]] = {}
    for language in LANGUAGES:
        for position, word in enumerate(_mnemonic(language).wordlist):
            entries = table.setdefault(_word_key(word, language), [])
            if all(lang != language for lang, _ in entries):
                entries.append((language, position))
    return {key: tuple(value) for key, value in table.items()}


@cache
def _lookalikes() -> dict[int, str]:
    """Characters that look like one ASCII letter (Cyrillic "а", Greek "ο", script "ɡ" …) ->
    that letter, from the Unicode confusables table the confusable-homoglyphs package ships."""
    table: dict[int, str] = {}
    for char, glyphs in load_confusables("confusables.json").items():
        if len(char) != 1 or char.isascii():
            continue
        for glyph in glyphs:
            letter = glyph["c"]
            if len(letter) == 1 and letter.isascii() and letter.isalpha():
                table[ord(char)] = letter.lower()
                break
    return table


# Tokens repeat across texts (Chinese is looked up character by character): the answers are
# kept; callers only read them.
@lru_cache(maxsize=16384)
def _lookup(token: str) -> dict[str, int]:
    table = _index()
    found = dict(table.get(token.lower(), ()))
    latin = _latin_key(token)
    if latin != token.lower():
        for language, position in table.get(latin, ()):
            if language in _LATIN:
                found.setdefault(language, position)
    if not _LATIN.intersection(found) and not token.isascii():
        # "аbаndon" with Cyrillic "а": read as the Latin word it imitates. Only a fallback, so
        # a real Russian word stays Russian.
        imitated = _latin_key(token.translate(_lookalikes()))
        for language, position in table.get(imitated, ()):
            if language in _LATIN:
                found.setdefault(language, position)
    return found


def _checksum_ok(language: str, positions: list[int]) -> bool:
    """Whether the words at ``positions`` form a BIP-39 phrase with a valid checksum."""
    mnemo = _mnemonic(language)
    return bool(mnemo.check(" ".join(mnemo.wordlist[p] for p in positions)))


# --- tokens ---------------------------------------------------------------------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN_RE = re.compile(rf"(?P<han>[{_HAN}])|(?P<word>[^\W\d_{_HAN}]+)")
# What may stand between two words of a written-down phrase: anything that is not a letter or a
# digit (spaces, new lines, commas, dots, underscores, hyphens, slashes, emoji …), plus numbering
# ("1.", "2)", "#3", "4-", "①" after NFKC). Attackers join the words with whatever passes a
# filter, and a form joins its fields with new lines, so the separator is never the evidence:
# the wordlist and the checksum are. Every gap between two tokens is such a separator (see
# _joins).
_NUMBERING = r"(?:#?\d{1,2}\s*[.)\]:、-]?)"
_SEPARATOR_RE = re.compile(rf"(?:[\W_]|{_NUMBERING})*")
_MAX_SEPARATOR = 16
# A sentence ends between two words: the run goes on (the checksum still decides), but English
# flagged without a checksum must be one unbroken list (see _unchecked_spans).
_SENTENCE_END_RE = re.compile(r"[.!?。！？…]")
_NUMBERING_RE = re.compile(_NUMBERING)
# Shortest run worth reading: a phrase of 12 with one or two words left out (see _NEAR_MISS).
_MIN_RUN = min(PHRASE_LENGTHS) - 2


class _Token(NamedTuple):
    # A tuple, not a dataclass: a text has hundreds of tokens and this is built for each.
    start: int
    end: int
    text: str
    han: bool


def _tokens(text: str) -> list[_Token]:
    # tuple.__new__ rather than the named tuple's own constructor (a Python call per token);
    # group 1 is "han".
    return [
        tuple.__new__(_Token, (m.start(), m.end(), m.group(), m.lastindex == 1))
        for m in _TOKEN_RE.finditer(text)
    ]


def _joins(left: _Token, right: _Token) -> bool:
    """Whether two tokens, one right after the other in ``_tokens(text)``, can be neighbours in
    one written-down phrase."""
    if left.end == right.start:
        # Only Chinese is written without separators; Latin tokens are maximal, so never empty.
        return left.han and right.han
    # Between two neighbouring tokens lies only what _TOKEN_RE leaves out: non-word characters,
    # decimal digits and the underscore. _SEPARATOR_RE takes any string of those (a digit is
    # numbering), so the gap is a separator by construction and only its length is left to
    # read; matching it again cost a regex call per pair of tokens. A test holds the two
    # patterns to this.
    return right.start - left.end <= _MAX_SEPARATOR


# The tokens with what lies between them: split() answers gap, token, gap, …, token, gap.
_TOKEN_SPLIT_RE = re.compile(rf"([{_HAN}]|[^\W\d_{_HAN}]+)")


def _word_stretches(text: str) -> list[list[_Token]]:
    """Stretches of _MIN_RUN+ tokens in a row that are all words of some wordlist, each of the
    same script as the one before and its neighbour in a written-down phrase (see _joins).

    Every phrase run lies inside one: a token in no wordlist ends every language's run. Only
    list words in a row of _MIN_RUN are made into tokens; the rest of the text (a hash is forty
    letter tokens between its digits, none a word) costs a split and a lookup done in C. A test
    holds this to the long way: _tokens, cut into chains of neighbours, then into runs.
    """
    parts = _TOKEN_SPLIT_RE.split(text)
    words = parts[1::2]
    hits = list(itertools.compress(range(len(words)), map(_lookup, words)))
    if len(hits) < _MIN_RUN:
        return []
    ends = list(itertools.accumulate(map(len, parts)))
    stretches: list[list[_Token]] = []
    first = 0
    for n in range(1, len(hits) + 1):
        if n < len(hits) and hits[n] == hits[n - 1] + 1:
            continue
        if n - first >= _MIN_RUN:
            # Word k is parts[2k + 1]: it ends at ends[2k + 1] and starts where its gap ends.
            stretch: list[_Token] = []
            for k in hits[first:n]:
                word = words[k]
                # The one-character words of every wordlist are the Chinese ones (a test holds
                # this), so a word of one character is a Han character.
                token = tuple.__new__(_Token, (ends[2 * k], ends[2 * k + 1], word, len(word) == 1))
                if stretch and stretch[-1].han == token.han and _joins(stretch[-1], token):
                    stretch.append(token)
                    continue
                if len(stretch) >= _MIN_RUN:
                    stretches.append(stretch)
                stretch = [token]
            if len(stretch) >= _MIN_RUN:
                stretches.append(stretch)
        first = n
    return stretches


def _runs(
    chain: list[_Token], languages: tuple[str, ...]
) -> list[tuple[str, list[_Token], list[int]]]:
    """Maximal sub-runs of ``chain`` (tokens in a row, each the previous one's neighbour) whose
    tokens are all in one language's wordlist."""
    lookups = [_lookup(token.text) for token in chain]
    counts = Counter(language for found in lookups for language in found)
    runs = []
    for language in languages:
        if counts[language] < _MIN_RUN:
            continue
        current: list[_Token] = []
        positions: list[int] = []
        for token, found in [*zip(chain, lookups, strict=True), (None, {})]:
            if token is not None and language in found:
                current.append(token)
                positions.append(found[language])
                continue
            if len(current) >= _MIN_RUN:
                runs.append((language, current, positions))
            current, positions = [], []
    return runs


def _valid_windows(
    language: str,
    positions: list[int],
    starts: set[int] | None = None,
    accept: Callable[[int, int], bool] | None = None,
    overlapping: bool = False,
) -> list[tuple[int, int]]:
    """Non-overlapping [i, j) windows with a valid checksum, longest first (or every one, when
    ``overlapping``).

    ``starts`` restricts where a window may start and end (group boundaries); ``accept`` is a
    further test a window must pass before its checksum is tried."""
    chosen: list[tuple[int, int]] = []
    for length in PHRASE_LENGTHS:
        for i in range(len(positions) - length + 1):
            j = i + length
            if starts is not None and (i not in starts or j not in starts):
                continue
            if not overlapping and any(i < b and a < j for a, b in chosen):
                continue
            if accept is not None and not accept(i, j):
                continue
            if _checksum_ok(language, positions[i:j]):
                chosen.append((i, j))
    return sorted(chosen)


# --- Chinese without separators -------------------------------------------------------------

# Everyday words of support text and prose. A random 12-character phrase contains one of these
# with a probability of about 1 in 10,000; a Chinese sentence almost always does.
_COMMON_TEXT = """
    我们 你们 他们 您的 我的 你的 什么 怎么 为什么 没有 已经 可以 不是 就是 还是 但是 因为 所以
    如果 这个 那个 一个 一下 时候 现在 今天 昨天 明天 问题 知道 需要 帮助 客服 谢谢 请问 麻烦
    钱包 转账 充值 提现 地址 交易 资产 到账 网络 余额 手续 账户 安全 验证 操作 显示 处理 时间
    小时 分钟 已经 不能 不会 应该 其他 自己 这样 那样 的时 了一 是不 是在 在这 有没 到了 了吗
    一直 还没 出来 上面 下面 里面 之后 之前 以后 以前 然后 还有 或者 而且 只是 可能 一些 这些
    中国 国家 工作 生活 大家 朋友 公司 支持 信息 系统 成功 失败 进行 通过 收到 发送 等待 确认
    官方 平台 用户 服务 团队 人员 部分 全部 任何 所有 非常 比较 一样 重要 注意 提醒 发现 出现
    变化 尝试 重新 检查 记录 及时 取消 举行 地点 担心 医生 练习 效果 交流 进步 害怕 感受 用心
    老师 学校 孩子 父母 家人 希望 喜欢 觉得 认为 开始 结束 继续 完成 准备 解决 办法 情况 原因
"""
# The keywords' own words: a window that takes in "助记词" is the label, not the phrase.
_KEYWORD_WORDS = "助记 记词 助記 記詞 记忆 記憶 恢复 恢復 短语 短語 种子 種子 密语 密語 备份 備份"
_COMMON_WORDS = frozenset(_COMMON_TEXT.split() + _KEYWORD_WORDS.split())
# Words that say "this is a backup": a run near them is a phrase even when it is one or two
# words short (the missing word is found by trying 2,048) or fails its checksum (a typo).
_KEYWORD_RE = re.compile(
    r"助记词|助记|記憶詞|记忆词|恢复短语|恢复词|种子|種子|密语|密語|备份词|備份詞|"
    r"mnemonic|\bseeds?(?:\s*(?:phrase|words?))?\b|recovery\s*(?:phrase|words?)|secret\s*(?:phrase|words?)|"
    r"backup\s*(?:phrase|words?)|wallet\s*words|\b(?:12|24)[\s-]*words?\b",
    re.IGNORECASE,
)
_EVERYDAY_HEAD = 256
# Half or more everyday characters: a random 12-character phrase gets there about once in 600.
_EVERYDAY_LIMIT = 0.5
# A phrase written inside a sentence ("我的是……谢谢") has no boundary to stand on, so every window
# of every sentence is a candidate and it must look much less like prose: the mean log of its
# characters' frequency ranks (see _rarity) at least this. Measured on 12-character windows:
# 97% of random phrases reach it, 0.25% of windows of technical Chinese prose (everyday support
# text uses commoner characters still); the checksum then passes 1 in 16 of those.
_INSIDE_SENTENCE_RARITY = 6.0
# A phrase split in two pieces without a keyword: each at least this long (see _pieces_rule).
_HALF_PIECE = 6
_KEYWORD_BEFORE = 30
_KEYWORD_AFTER = 15
# A run one or two words short needs the keyword; it may be on the line above ("My recovery
# phrase:\n…") or say so after the words.
_NEAR_MISS_BEFORE = 60
_NEAR_MISS_AFTER = 40
# Characters that may sit between a keyword and the phrase: "助记词是：…", "助记词为…".
_FILLERS = "是为如下:：在这里"
_TRAILING_FILLERS = "是我的这那就"
# A run "stands on its own" when bounded by these (or by the start/end of the text).
_ISOLATING = set(" \t\r\n:\"'“”‘’「」『』【】()[]<>")


def _has_common_word(chars: str) -> bool:
    return any(chars[i : i + 2] in _COMMON_WORDS for i in range(len(chars) - 1)) or any(
        chars[i : i + 3] in _COMMON_WORDS for i in range(len(chars) - 2)
    )


def _everyday(positions: list[int]) -> int:
    return sum(1 for p in positions if p < _EVERYDAY_HEAD)


def _everyday_share(positions: list[int]) -> float:
    """The share of characters among the wordlist's first 256.

    The Chinese wordlists are ordered by frequency (的 一 是 在 不 了 …). A random phrase draws
    about 1 character in 8 from that head; a Chinese sentence about 3 in 5. Both Chinese lists
    share the ordering.
    """
    return _everyday(positions) / len(positions)


def _rarity_sums(positions: list[int]) -> list[float]:
    """Prefix sums of log(rank + 1): the mean over a window is how rare its characters are.

    The wordlist is ordered by frequency, so the rank is a character's frequency rank. A random
    phrase draws ranks evenly from 0..2047 (mean log about 6.6); prose draws from the head
    (Zipf), a Chinese sentence's windows average about 4.5."""
    return list(itertools.accumulate((_LOG_RANK[p] for p in positions), initial=0.0))


_LOG_RANK = tuple(math.log(rank + 1) for rank in range(2048))


def _near_keyword(
    text: str, start: int, end: int, before: int = _KEYWORD_BEFORE, after: int = _KEYWORD_AFTER
) -> bool:
    head = text[max(0, start - before) : start]
    tail = text[end : end + after]
    return bool(_KEYWORD_RE.search(head) or _KEYWORD_RE.search(tail))


def _says_backup(text: str, start: int, end: int) -> bool:
    """Whether the text around a run (or in it: "seed" and "phrase" are English list words)
    calls it a backup, wide enough for the line above."""
    around = text[max(0, start - _NEAR_MISS_BEFORE) : end + _NEAR_MISS_AFTER]
    return _KEYWORD_RE.search(around) is not None


def _isolated(text: str, start: int, end: int) -> bool:
    left = text[start - 1] if start > 0 else " "
    right = text[end] if end < len(text) else " "
    return left in _ISOLATING and right in _ISOLATING


def _first_common_word_end(chars: str) -> list[int]:
    """For each index i, the smallest end of an everyday word starting at i or later (or
    len + 1): window [i, j) holds an everyday word exactly when that end is <= j."""
    ends = [len(chars) + 1] * (len(chars) + 1)
    for i in range(len(chars) - 2, -1, -1):
        end = ends[i + 1]
        if chars[i : i + 2] in _COMMON_WORDS:
            end = i + 2
        elif chars[i : i + 3] in _COMMON_WORDS:
            end = min(end, i + 3)
        ends[i] = end
    return ends


def _contiguous_windows(
    text: str, language: str, piece: list[_Token], positions: list[int]
) -> list[tuple[int, int]]:
    """Windows of an unseparated Chinese piece that pass the anchored rule: right after or
    before a keyword (the checksum decides), or the whole piece standing on its own and not
    mostly everyday characters."""
    chars = "".join(token.text for token in piece)
    starts = {0}
    ends = {len(chars)}
    # Anchors next to a keyword: "助记词是…" before the phrase, "…是我的助记词" after it.
    for match in _KEYWORD_RE.finditer(chars):
        starts.add(match.end())
        ends.add(match.start())
    for start in list(starts):
        while start < len(chars) and chars[start] in _FILLERS:
            start += 1
            starts.add(start)
    for end in list(ends):
        while end > 0 and chars[end - 1] in _TRAILING_FILLERS:
            end -= 1
            ends.add(end)
    candidates = {
        (i, i + length) for i in starts for length in PHRASE_LENGTHS if i + length <= len(chars)
    } | {(j - length, j) for j in ends for length in PHRASE_LENGTHS if j - length >= 0}
    # Longest first; among equals one anchored at both ends, then the one with fewest everyday
    # characters: "为", "是" after the keyword are list characters too, and a window that takes
    # them in (and drops the phrase's last word) can pass the checksum as well.
    chosen: list[tuple[int, int]] = []
    for i, j in sorted(
        candidates,
        key=lambda w: (
            w[0] - w[1],
            not (w[0] in starts and w[1] in ends),
            _everyday(positions[w[0] : w[1]]),
            w[0],
        ),
    ):
        if any(i < b and a < j for a, b in chosen):
            continue
        begin, finish = piece[i].start, piece[j - 1].end
        exact = i == 0 and j == len(chars)
        keyword = _near_keyword(text, begin, finish) or _KEYWORD_RE.search(chars)
        if not keyword and not (exact and _isolated(text, begin, finish)):
            continue
        if not keyword and _everyday_share(positions[i:j]) >= _EVERYDAY_LIMIT:
            continue
        if _has_common_word(chars[i:j]) or not _checksum_ok(language, positions[i:j]):
            continue
        chosen.append((i, j))
    return chosen


def _inside_windows(
    text: str, language: str, run: list[_Token], positions: list[int]
) -> list[tuple[int, int]]:
    """Windows anywhere in a Chinese run that are far from prose: rare characters (see
    _rarity_sums), no everyday word, a valid checksum. "我的是<phrase>谢谢" has no boundary
    to stand on; halves on two lines (fields joined by new lines) may have text around them, so
    a window may cross one line break, but no other separator (prose crosses commas and full
    stops all the time)."""
    rarity = _rarity_sums(positions)
    rare = [
        (i, i + length)
        for length in PHRASE_LENGTHS
        for i in range(len(positions) - length + 1)
        if rarity[i + length] - rarity[i] >= _INSIDE_SENTENCE_RARITY * length
    ]
    if not rare:  # prose: nothing more to look at
        return []
    common_end = _first_common_word_end("".join(token.text for token in run))
    everyday = list(itertools.accumulate((p < _EVERYDAY_HEAD for p in positions), initial=0))
    # breaks[k]/other[k]: line breaks / other separators before token k, counted from the start.
    # A line break is a gap of white space only: "。\n" ends a sentence, as prose does.
    gaps = [text[run[k - 1].end : run[k].start] for k in range(1, len(run))]
    line = [bool(gap) and "\n" in gap and not gap.strip() for gap in gaps]
    breaks = list(itertools.accumulate(line, initial=0))
    other = list(
        itertools.accumulate(
            (bool(gap) and not cut for gap, cut in zip(gaps, line, strict=True)), initial=0
        )
    )
    rare = [
        (i, j)
        for i, j in rare
        if common_end[i] > j and other[j - 1] == other[i] and breaks[j - 1] - breaks[i] <= 1
    ]
    # Longest first; among equals the one least like prose: a window one character off the
    # phrase can pass the checksum too (1 in 16), and would leave a word of the phrase unmasked.
    rare.sort(key=lambda w: (w[0] - w[1], everyday[w[1]] - everyday[w[0]], w[0]))
    chosen: list[tuple[int, int]] = []
    for i, j in rare:
        if not any(i < b and a < j for a, b in chosen) and _checksum_ok(language, positions[i:j]):
            chosen.append((i, j))
    return chosen


def _chinese_findings(
    text: str, language: str, run: list[_Token], positions: list[int]
) -> list[tuple[int, int, bool]]:
    """(start token, end token, checksum valid) for one Chinese wordlist run.

    Overlapping answers are fine: ``find_secrets`` keeps the longest.
    """
    # Pieces: characters written together; a separator starts a new piece.
    bounds = [0] + [i for i in range(1, len(run)) if run[i - 1].end != run[i].start]
    bounds.append(len(run))
    pieces = list(itertools.pairwise(bounds))
    found: list[tuple[int, int, bool]] = []
    for group in _piece_groups(pieces, 1, 1, _MIN_RUN):
        # Single characters with explicit separators: prose never looks like this. Ten or
        # eleven of them are a phrase with words left out when a keyword says so.
        a, b = group[0][0], group[-1][1]
        if len(group) >= min(PHRASE_LENGTHS) or _says_backup(text, run[a].start, run[b - 1].end):
            found.append((a, b, bool(_valid_windows(language, positions[a:b]))))
    for group in _piece_groups(pieces, 1, min(PHRASE_LENGTHS) - 1, 2):
        # A phrase in pieces: rows of a grid, halves on two lines or around a full stop.
        a, b = group[0][0], group[-1][1]
        # The keyword may be a piece of its own ("助记词\n<rows>"). Read only when a window
        # aligned on the pieces has a phrase's length (most groups have none).
        near = cache(lambda a=a, b=b: _says_backup(text, run[a].start, run[b - 1].end))
        accept = _pieces_rule(run[a:b], positions[a:b], [(x - a, y - a) for x, y in group], near)
        edges = {start - a for start, _ in group} | {b - a}
        # Every valid window: a neighbouring line (“我看看”) and the phrase's rows minus one can
        # pass the checksum too; find_secrets merges them into one span covering all.
        for i, j in _valid_windows(language, positions[a:b], edges, accept, overlapping=True):
            found.append((a + i, a + j, True))
    for a, b in pieces:
        if b - a >= min(PHRASE_LENGTHS):
            for i, j in _contiguous_windows(text, language, run[a:b], positions[a:b]):
                found.append((a + i, a + j, True))
    found.extend((i, j, True) for i, j in _inside_windows(text, language, run, positions))
    return found


def _pieces_rule(
    run: list[_Token],
    positions: list[int],
    pieces: list[tuple[int, int]],
    keyword: Callable[[], bool],
) -> Callable[[int, int], bool]:
    """Whether a window of a run in pieces (aligned on their edges) may be a phrase.

    Never with an everyday word inside a piece, never mostly everyday characters (see
    _everyday_share: greetings in four-character lines, "新年快乐，万事如意", are half). Without
    a keyword it needs a shape: rows of one size of 3 or more (a wallet's grid, the last row
    maybe shorter), or pieces of _HALF_PIECE or more (halves) — short Chinese lines of other
    sizes are everywhere in a form joined line by line (field values, city and asset names).
    """
    chars = "".join(token.text for token in run)

    def accept(i: int, j: int) -> bool:
        inside = [(x, y) for x, y in pieces if i <= x and y <= j]
        # Within each piece: "信" ending one row and "息" opening the next are not "信息".
        if any(_has_common_word(chars[x:y]) for x, y in inside):
            return False
        sizes = [y - x for x, y in inside]
        # Rows of one size; the last may be shorter (18 words in rows of 4).
        rows = len(set(sizes[:-1])) <= 1 and sizes[-1] <= sizes[0] >= 3
        shaped = rows or min(sizes) >= _HALF_PIECE
        return (shaped or keyword()) and _everyday_share(positions[i:j]) < _EVERYDAY_LIMIT

    return accept


def _piece_groups(
    pieces: list[tuple[int, int]], smallest: int, largest: int, at_least: int
) -> list[list[tuple[int, int]]]:
    """Maximal runs of consecutive pieces sized smallest..largest, at least ``at_least`` long."""
    groups: list[list[tuple[int, int]]] = [[]]
    for a, b in pieces:
        if smallest <= b - a <= largest:
            groups[-1].append((a, b))
        elif groups[-1]:
            groups.append([])
    return [group for group in groups if len(group) >= at_least]


# --- phrases --------------------------------------------------------------------------------


def _covering(windows: list[tuple[int, int]], length: int) -> list[tuple[int, int, bool]]:
    """One finding per valid window (two phrases side by side are two secrets); the words
    around them go with their neighbour, so the whole run is masked (they are the same paste)."""
    edges = [0] + [i for i, _ in windows[1:]] + [length]
    return [(a, b, True) for a, b in itertools.pairwise(edges)]


def _called_a_backup(text: str, run: list[_Token]) -> bool:
    """Whether a run without a valid phrase is one all the same: at least ten words (one or
    two short of 12, or a typo), with backup wording around it (the line above too)."""
    around = max(0, run[0].start - _NEAR_MISS_BEFORE)
    end = run[-1].end + _NEAR_MISS_AFTER
    keywords = [m.span() for m in _KEYWORD_RE.finditer(text, around, end)]
    if any(b <= run[0].start or a >= run[-1].end for a, b in keywords):
        return len(run) >= _MIN_RUN
    # The keyword is part of the run ("seed phrase" are English list words): its words are
    # not words of the phrase ("seed phrase: <8 words>" is 8 words, not 10).
    first, last = 0, len(run)
    for a, b in keywords:
        if a <= run[0].start < b:
            while first < last and run[first].end <= b:
                first += 1
        if a < run[-1].end <= b:
            while last > first and run[last - 1].start >= a:
                last -= 1
    return bool(keywords) and last - first >= _MIN_RUN


def _unchecked_spans(text: str, language: str, run: list[_Token]) -> list[tuple[int, int, bool]]:
    """English runs of 12+ list words flagged without a checksum (a mistyped phrase is still a
    secret). Only an unbroken list counts: prose strings list words across sentences, and
    without the checksum nothing else tells them apart."""
    if language not in _UNCHECKED_RUN_LANGUAGES:
        return []
    ends = [
        i
        for i in range(1, len(run))
        if _SENTENCE_END_RE.search(_NUMBERING_RE.sub("", text[run[i - 1].end : run[i].start]))
    ]
    bounds = [0, *ends, len(run)]
    return [
        (a, b, False)
        for a, b in itertools.pairwise(bounds)
        if b - a >= min(PHRASE_LENGTHS) and len({t.text.lower() for t in run[a:b]}) >= 10
    ]


def _phrase_findings(prepared: _Prepared, original_length: int) -> list[SecretFinding]:
    text = prepared.text
    findings: list[SecretFinding] = []
    for stretch in _word_stretches(text):
        han = stretch[0].han
        languages = CHINESE if han else tuple(lang for lang in LANGUAGES if lang not in CHINESE)
        for language, run, positions in _runs(stretch, languages):
            windows = [] if han else _valid_windows(language, positions)
            if han:
                spans = _chinese_findings(text, language, run, positions)
            elif windows:
                spans = _covering(windows, len(run))
            elif _called_a_backup(text, run):
                # One or two words short, or a typo: the user says it is their backup.
                spans = [(0, len(run), False)]
            else:
                spans = _unchecked_spans(text, language, run)
            for i, j, valid in spans:
                start, end = prepared.span(run[i].start, run[j - 1].end, original_length)
                first = run[i].text
                preview = f"{first[:1] if han else first[:2]}…×{j - i}"
                findings.append(
                    SecretFinding(
                        SecretKind.RECOVERY_PHRASE, start, end, preview, valid, language, j - i
                    )
                )
    return findings


# --- keys -----------------------------------------------------------------------------------

_B58 = "1-9A-HJ-NP-Za-km-z"
_HEX_KEY_RE = re.compile(r"(?<![0-9A-Za-z])(?:0[xX])?[0-9a-fA-F]{64}(?![0-9A-Za-z])")
_BASE58_KEY_RE = re.compile(rf"(?<![{_B58}])[{_B58}]{{86,90}}(?![{_B58}])")
_BYTE_ARRAY_RE = re.compile(r"\[\s*(?:\d{1,3}\s*,\s*){63}\d{1,3}\s*\]")
_WIF_RE = re.compile(rf"(?<![{_B58}])[5KL9c][{_B58}]{{50,51}}(?![{_B58}])")
_XPRV_RE = re.compile(rf"(?<![{_B58}])[xtyzuvYZUV]prv[{_B58}]{{100,112}}(?![{_B58}])")
_KEY_WORD_RE = re.compile(
    r"私钥|私鑰|密钥|密鑰|秘钥|秘鑰|秘密鍵|秘密键|秘密キー|プライベートキー|"
    r"개인\s*키|비밀\s*키|프라이빗\s*키|приватный\s*ключ|закрытый\s*ключ|"
    r"private[\s_-]*key|priv[\s_-]*key|privkey|prv[\s_-]*key|secret[\s_-]*key|signing[\s_-]*key",
    re.IGNORECASE,
)
_HASH_WORD_RE = re.compile(
    r"哈希|雜湊|交易|txid|tx\s*id|\btx\b|/tx/|hash|transaction|签名|簽名|signature|区块|區塊|block|"
    r"地址|address|公钥|公鑰|公開鍵|공개\s*키|public\s*key|pubkey|ハッシュ|トランザクション|"
    r"해시|트랜잭션|거래",
    re.IGNORECASE,
)
_CONTEXT_BEFORE = 60
_CONTEXT_AFTER = 25
# Where a clause ends: a key word beyond it no longer labels the value ("私钥没丢，交易哈希 …").
_CLAUSE_END_RE = re.compile(r"[，,。；;!?！？]|\.(?:\s|$)")


def _key_context(text: str, start: int, end: int) -> bool:
    """Whether the words next to a hex/base58 value call it a key.

    A transaction hash looks exactly like a key, and users mention both in one message. So:
    a key word in the value's own clause (before it) labels it, whatever else that clause says
    ("私钥（不是交易哈希）：…"); a hash word there labels it a hash. Otherwise a key word right
    after it ("… 是我的私钥"), and failing that the closer of the two on the same line.
    """
    lines = text[max(0, start - _CONTEXT_BEFORE) : start].split("\n")
    # Same line only, unless the value opens its own line ("私钥：\n<key>").
    before = lines[-1] if lines[-1].strip() or len(lines) == 1 else lines[-2]
    after = text[end : end + _CONTEXT_AFTER].split("\n", 1)[0]
    own_clause = _CLAUSE_END_RE.split(before)[-1]
    if _KEY_WORD_RE.search(own_clause):
        return True
    if _HASH_WORD_RE.search(own_clause):
        return False
    key_after = _KEY_WORD_RE.search(after)
    hash_after = _HASH_WORD_RE.search(after)
    if key_after and (hash_after is None or key_after.start() < hash_after.start()):
        return True
    keys = [m.end() for m in _KEY_WORD_RE.finditer(before)]
    hashes = [m.end() for m in _HASH_WORD_RE.finditer(before)]
    return bool(keys) and (not hashes or keys[-1] > hashes[-1])


# A key copied in pieces: 32+32 hex on two lines, a WIF with a space in it. Pieces are runs of
# letters and digits separated by spaces or tabs and at most one line break.
_PIECE_RE = re.compile(r"[0-9A-Za-z]+")
_PIECE_GAP_RE = re.compile(r"[ \t]{1,3}|[ \t]{0,3}\r?\n[ \t]{0,3}")
_MAX_PIECES = 8
_HEX_PIECE_RE = re.compile(r"(?:0[xX])?[0-9a-fA-F]+")
_B58_PIECE_RE = re.compile(rf"[{_B58}]+")
_HEX_JOINED_RE = re.compile(r"(?:0[xX])?[0-9a-fA-F]{64}")
_WIF_JOINED_RE = re.compile(rf"[5KL9c][{_B58}]{{50,51}}")


# Two or more pieces in a row with such gaps between them, none longer than _LONGEST_PIECE: a
# value in pieces lies inside one (a hash of 66 characters is no piece of a value).
_LONGEST_PIECE = 65
_PIECE_UP_TO_LONGEST = rf"[0-9A-Za-z]{{1,{_LONGEST_PIECE}}}+(?![0-9A-Za-z])"
_PIECES_RE = re.compile(
    rf"(?<![0-9A-Za-z]){_PIECE_UP_TO_LONGEST}"
    rf"(?:(?:[ \t]{{1,3}}|[ \t]{{0,3}}\r?\n[ \t]{{0,3}}){_PIECE_UP_TO_LONGEST})+"
)
# The shortest stretch that holds a value in pieces: a WIF key (51 characters) and one gap.
_SHORTEST_PIECES = 52


def _split_values(text: str) -> list[tuple[int, int, str]]:
    """(start, end, pieces joined) for every 2..8 consecutive pieces that join into a hex key
    or a WIF key's shape; whether it is one is decided like an unsplit value.

    Only stretches of pieces long enough to hold one are read piece by piece (a test holds this
    to reading every piece of the text)."""
    found: list[tuple[int, int, str]] = []
    for stretch in _PIECES_RE.finditer(text):
        if stretch.end() - stretch.start() >= _SHORTEST_PIECES:
            found += _joined_pieces(text, stretch.start(), stretch.end())
    return found


def _joined_pieces(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    pieces = list(_PIECE_RE.finditer(text, start, end))
    hexes = [_HEX_PIECE_RE.fullmatch(p.group()) is not None for p in pieces]
    b58s = [_B58_PIECE_RE.fullmatch(p.group()) is not None for p in pieces]
    found: list[tuple[int, int, str]] = []
    for i, first in enumerate(pieces):
        if not (hexes[i] or (b58s[i] and first.group()[0] in "5KL9c")):
            continue
        joined = first.group()
        is_hex, is_b58 = hexes[i], b58s[i]
        for k in range(i + 1, min(i + _MAX_PIECES, len(pieces))):
            gap = text[pieces[k - 1].end() : pieces[k].start()]
            if _PIECE_GAP_RE.fullmatch(gap) is None:
                break
            joined += pieces[k].group()
            is_hex, is_b58 = is_hex and hexes[k], is_b58 and b58s[k]
            if not (is_hex or is_b58) or len(joined) > 66:
                break
            if (is_hex and _HEX_JOINED_RE.fullmatch(joined)) or (
                is_b58 and _WIF_JOINED_RE.fullmatch(joined)
            ):
                found.append((first.start(), pieces[k].end(), joined))
    return found


def _decodes(value: str, lengths: tuple[int, ...], versions: tuple[int, ...]) -> bool:
    try:
        raw = base58.b58decode_check(value)
    except ValueError:
        return False
    return len(raw) in lengths and (not versions or raw[0] in versions)


# A key written whole is letters and digits, 51 or more (a WIF key is the shortest), with no
# letter or digit either side: each lies inside such a run, and is looked for only there.
_LONG_RUN_RE = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]{51,}")


def _in_long_runs(
    pattern: re.Pattern[str], text: str, runs: list[tuple[int, int]]
) -> list[re.Match[str]]:
    return [match for start, end in runs for match in pattern.finditer(text, start, end)]


def _key_findings(text: str) -> list[tuple[SecretKind, int, int, str]]:
    found: list[tuple[SecretKind, int, int, str]] = []
    runs = [match.span() for match in _LONG_RUN_RE.finditer(text)]
    for match in _in_long_runs(_HEX_KEY_RE, text, runs):
        if _key_context(text, match.start(), match.end()):
            found.append((SecretKind.PRIVATE_KEY, match.start(), match.end(), match.group()[:4]))
    for match in _in_long_runs(_BASE58_KEY_RE, text, runs):
        # A Solana secret key is base58 of 64 bytes, exactly like a Solana signature.
        raw_length = len(base58.b58decode(match.group()))
        if raw_length == 64 and _key_context(text, match.start(), match.end()):
            found.append((SecretKind.PRIVATE_KEY, match.start(), match.end(), match.group()[:2]))
    for match in _BYTE_ARRAY_RE.finditer(text):
        # A Solana keypair file: 64 numbers, each a byte.
        if all(int(n) <= 255 for n in re.findall(r"\d+", match.group())):
            found.append((SecretKind.PRIVATE_KEY, match.start(), match.end(), "[…]"))
    wifs = [(m.start(), m.end(), m.group()) for m in _in_long_runs(_WIF_RE, text, runs)]
    for start, end, joined in _split_values(text):
        if _HEX_JOINED_RE.fullmatch(joined):
            if _key_context(text, start, end):
                found.append((SecretKind.PRIVATE_KEY, start, end, joined[:4]))
        else:
            wifs.append((start, end, joined))
    for start, end, value in wifs:
        # 0x80 mainnet / 0xef testnet; 33 bytes, or 34 with the "compressed" flag byte.
        if _decodes(value, (33, 34), (0x80, 0xEF)):
            found.append((SecretKind.WIF_KEY, start, end, value[:2]))
    for match in _in_long_runs(_XPRV_RE, text, runs):
        if _decodes(match.group(), (78,), ()):
            found.append(
                (SecretKind.EXTENDED_PRIVATE_KEY, match.start(), match.end(), match.group()[:4])
            )
    return found


# --- full strength ---------------------------------------------------------------------------


class Strength(StrEnum):
    """How hard the guard reads. STANDARD everywhere; STRICT where a person is most likely to
    paste a secret and losing one costs most (the security-incident lane), at the price of
    refusing some harmless text, which the person can rephrase."""

    STANDARD = "standard"
    STRICT = "strict"


# STRICT reads word-list fragments from this many words (STANDARD: 10 with backup wording, 12
# without), with at least STRICT_FRAGMENT_DISTINCT different words, and any 64-hex value as a
# private key unless its own words or the field it sits in call it a hash.
STRICT_FRAGMENT_WORDS = 6
STRICT_FRAGMENT_DISTINCT = 5


def _fragment_runs(text: str, tokens: list[_Token]) -> list[tuple[str, list[_Token]]]:
    """Runs of STRICT_FRAGMENT_WORDS+ list words of one language, joined by separators and
    not broken by a sentence end. Chinese counts only as single characters set apart by
    separators (an unbroken Chinese sentence is nearly all list characters)."""
    runs: list[tuple[str, list[_Token]]] = []
    chains: list[list[_Token]] = [[]]
    for i, token in enumerate(tokens):
        touching = token.han and (
            (i > 0 and tokens[i - 1].han and tokens[i - 1].end == token.start)
            or (i + 1 < len(tokens) and tokens[i + 1].han and tokens[i + 1].start == token.end)
        )
        if touching:
            # A character inside a Chinese word or sentence: not a word of a written phrase.
            chains.append([])
            continue
        last = chains[-1][-1] if chains[-1] else None
        between = text[last.end : token.start] if last is not None else ""
        if (
            last is not None
            and last.han == token.han
            and _joins(last, token)
            and not _SENTENCE_END_RE.search(_NUMBERING_RE.sub("", between))
        ):
            chains[-1].append(token)
        else:
            chains.append([token])
    for chain in chains:
        if len(chain) < STRICT_FRAGMENT_WORDS:
            continue
        han = chain[0].han
        languages = CHINESE if han else tuple(lang for lang in LANGUAGES if lang not in CHINESE)
        lookups = [_lookup(token.text) for token in chain]
        for language in languages:
            current: list[_Token] = []
            for word, found in [*zip(chain, lookups, strict=True), (None, {})]:
                if word is not None and language in found:
                    current.append(word)
                    continue
                distinct = {t.text.lower() for t in current}
                if (
                    len(current) >= STRICT_FRAGMENT_WORDS
                    and len(distinct) >= STRICT_FRAGMENT_DISTINCT
                ):
                    runs.append((language, current))
                current = []
    return runs


def _strict_findings(
    prepared: _Prepared, original_length: int, hash_spans: tuple[tuple[int, int], ...]
) -> list[SecretFinding]:
    text = prepared.text
    findings: list[SecretFinding] = []
    for language, run in _fragment_runs(text, _tokens(text)):
        start, end = prepared.span(run[0].start, run[-1].end, original_length)
        first = run[0].text
        preview = f"{first[:1] if run[0].han else first[:2]}…×{len(run)}"
        findings.append(
            SecretFinding(
                SecretKind.RECOVERY_PHRASE, start, end, preview, False, language, len(run)
            )
        )
    values = [(m.start(), m.end(), m.group()) for m in _HEX_KEY_RE.finditer(text)]
    values += [
        (a, b, joined) for a, b, joined in _split_values(text) if _HEX_JOINED_RE.fullmatch(joined)
    ]
    for value_start, value_end, value in values:
        start, end = prepared.span(value_start, value_end, original_length)
        if any(a <= start and end <= b for a, b in hash_spans):
            continue
        if _called_a_hash(text, value_start, value_end):
            continue
        findings.append(SecretFinding(SecretKind.PRIVATE_KEY, start, end, f"{value[:4]}…"))
    return findings


def _called_a_hash(text: str, start: int, end: int) -> bool:
    """Whether the words in a hex value's own clause, or right after it, call it a hash (an
    address, a signature …) and no key word is closer."""
    lines = text[max(0, start - _CONTEXT_BEFORE) : start].split("\n")
    # Same line only, unless the value opens its own line ("交易哈希：\n<hash>").
    before = lines[-1] if lines[-1].strip() or len(lines) == 1 else lines[-2]
    own_clause = _CLAUSE_END_RE.split(before)[-1]
    if _KEY_WORD_RE.search(own_clause):
        return False
    if _HASH_WORD_RE.search(own_clause):
        return True
    after = text[end : end + _CONTEXT_AFTER].split("\n", 1)[0]
    hash_after = _HASH_WORD_RE.search(after)
    key_after = _KEY_WORD_RE.search(after)
    return hash_after is not None and (key_after is None or hash_after.start() < key_after.start())


# --- public API -----------------------------------------------------------------------------


def find_secrets(
    text: str,
    *,
    strength: Strength = Strength.STANDARD,
    hash_spans: tuple[tuple[int, int], ...] = (),
) -> list[SecretFinding]:
    """Every wallet secret in ``text``, in order, without overlaps.

    ``strength`` STRICT adds shorter word-list fragments and every 64-hex value that nothing
    calls a hash (``hash_spans``: spans of ``text`` known to hold a transaction hash, such as a
    form's hash field, are not read as keys). Spans index the original ``text``. Pure
    function: nothing is logged or stored.
    """
    if not text:
        return []
    prepared = _prepare(text)
    findings = _phrase_findings(prepared, len(text))
    for kind, start, end, head in _key_findings(prepared.text):
        first, last = prepared.span(start, end, len(text))
        findings.append(SecretFinding(kind, first, last, f"{head}…"))
    if strength is Strength.STRICT:
        findings += _strict_findings(prepared, len(text), hash_spans)
    # Where two overlap, the longer (and checksum-valid) one tells what was found, and its span
    # grows to cover the other: a window one word off the phrase must not leave a word of the
    # phrase readable, and masking a little more of a paste costs nothing.
    findings.sort(key=lambda f: (not f.checksum_valid, f.start - f.end))
    kept: list[SecretFinding] = []
    for finding in findings:
        overlapping = [k for k in kept if finding.start < k.end and k.start < finding.end]
        if overlapping:
            wider = overlapping[0]
            kept[kept.index(wider)] = replace(
                wider, start=min(wider.start, finding.start), end=max(wider.end, finding.end)
            )
        else:
            kept.append(finding)
    merged: list[SecretFinding] = []
    for finding in sorted(kept, key=lambda f: f.start):
        if merged and finding.start < merged[-1].end:
            merged[-1] = replace(merged[-1], end=max(merged[-1].end, finding.end))
        else:
            merged.append(finding)
    return merged


def mask_secrets(text: str, findings: list[SecretFinding] | None = None) -> str:
    """``text`` with every secret replaced by its placeholder (see PLACEHOLDERS)."""
    if findings is None:
        findings = find_secrets(text)
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        text = text[: finding.start] + PLACEHOLDERS[finding.kind] + text[finding.end :]
    return text


# --- agents asking for secrets --------------------------------------------------------------


class RequestKind(StrEnum):
    RECOVERY_PHRASE = "recovery_phrase"
    PRIVATE_KEY = "private_key"
    VERIFICATION_CODE = "verification_code"
    REMOTE_ACCESS = "remote_access"


@dataclass(frozen=True)
class SecretRequest:
    """A clause of an outgoing reply that asks the user for something support never asks for."""

    kind: RequestKind
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


_REQUEST_TOPICS: dict[RequestKind, re.Pattern[str]] = {
    RequestKind.RECOVERY_PHRASE: re.compile(
        r"助记词|助記詞|助记|助記|恢复短语|恢复词|种子|種子|密语|密語|备份词|備份詞|"
        r"\bseeds?\b|recovery\s*(?:phrase|words?)|mnemonic|secret\s*(?:phrase|words?)|"
        r"backup\s*(?:phrase|words?)|wallet\s*words|\b(?:12|24)[\s-]*words?\b",
        re.IGNORECASE,
    ),
    RequestKind.PRIVATE_KEY: re.compile(rf"{_KEY_WORD_RE.pattern}|keystore", re.IGNORECASE),
    RequestKind.VERIFICATION_CODE: re.compile(
        r"验证码|驗證碼|动态码|动态口令|校验码|谷歌验证器.{0,4}码|"
        r"(?:2fa|two[-\s]?factor|verification|authenticator|authentication|security|sms|otp|"
        r"one[-\s]?time|google)\s*(?:pass)?(?:code|token)s?|\botp\b|\d[-\s]?digit\s*code",
        re.IGNORECASE,
    ),
    RequestKind.REMOTE_ACCESS: re.compile(
        r"any\s*desk|team\s*viewer|向日葵|to\s*desk|rust\s*desk|ultra\s*viewer|quick\s*support|"
        # … not people who work from afar ("远程员工", "远程办公").
        r"(?:远程|遠程)(?!员工|員工|办公|辦公|工作|团队|團隊|同事|岗位|崗位)|屏幕共享|共享屏幕|"
        r"remote\s*(?:access|control|desktop|support|session|assistance)|screen\s*shar(?:e|ing)",
        re.IGNORECASE,
    ),
}
# Handing something over: always asks ("DM ur seed", "把私钥发给我").
_HAND_OVER_RE = re.compile(
    r"(?<![开出揭启])发(?![现生展布行财芽表明挥起])|提供|告诉|告知|给我|交给|私信|回复|报一下|"
    r"念一下|截图|拍照|上传|粘贴|索要|"
    r"\bsend\b|\bshare\b|\bprovide\b|\bgive\b|\btell\b|\bpaste\b|\bsubmit\b|\bupload\b|\bdm\b|"
    r"\bpm\b|\bforward\b|\bpost\b|\breply\b|\bscreenshot\b|what\s*is\s*your|"
    # "read me the code", "read out your words", not "I read about private keys".
    r"\bread\s*(?:(?:it|them|that|this|those)\s*)?(?:me|us|out|aloud|back|off|to)\b|"
    r"\bread\s*(?:your|ur|the\s*(?:\d+\s*)?(?:digits?|numbers?|codes?|words))\b|"
    r"what'?s\s*(?:your|ur)|\blet\s*me\s*(?:see|have|know)\b",
    re.IGNORECASE,
)
# Doing something, or asking politely: asks, unless the clause is about keeping the secret
# safe ("please back up your seed phrase", "请妥善保管助记词", "verify your backup offline").
_DO_OR_PLEASE_RE = re.compile(
    r"输入|填写|填入|验证|驗證|核对|核实|确认|下载|安装|打开|连接|配合|请|麻烦|需要|"
    r"\btype\b|\benter\b|\binput\b|\bfill\b|\bverify\b|\bvalidate\b|\bconfirm\b|\bopen\b|"
    r"\bdownload|\binstall|\bconnect\b|\bgrant\b|\ballow\b|\baccept\b|\bplease\b|\bpl[sz]\b|"
    r"\bkindly\b|\bcan\s*you\b|\bcould\s*you\b|\bneed\b|\brequire",
    re.IGNORECASE,
)
_SAFEKEEPING_RE = re.compile(
    r"备份|備份|保管|保存|抄写|抄下|记下|写下|保护|妥善|安全|离线|"
    r"back\s*(?:it\s*)?up|write\s*(?:it\s*)?down|\bkeep\b|\bstore\b|\bsave\b|\bprotect|"
    r"\bsecure\b|\bsafe(?:ly)?\b|\boffline\b",
    re.IGNORECASE,
)
_NEGATION_RE = re.compile(
    r"不会|绝不|从不|从来不|请勿|不要|切勿|千万别|别把|别向|别告诉|禁止|不得|谨防|小心|警惕|防止|诈骗|"
    r"骗子|永远不|不需要|无需|不用|不能|不可|"
    # "can't hurt to try", "doesn't matter which": an n't that warns nobody off.
    r"\bnever\b|\bnot\b|n't\b(?!\s*(?:hurt|matter)\b)|\bno\s*one\b|\bnobody\b|\bscam|\bphishing\b|"
    r"\bbeware\b|\bwarning\b|"
    r"\bavoid\b|\bfake\b",
    re.IGNORECASE,
)
# Clauses end at sentence or clause punctuation; "." only when a space or the end follows
# (so "2.5" and "support.example" stay whole).
_CLAUSE_RE = re.compile(r"(?:[^。！？!?\n，,；;.]|\.(?!\s|$))+")
# "私 钥", "助-记-词": what stands between two Chinese characters of a word is dropped before
# the topics are read.
_HAN_GAP_RE = re.compile(rf"(?<=[{_HAN}])[\s*_\-·]+(?=[{_HAN}])")


def _asks(clause: str) -> bool:
    """Whether a clause asks the reader for something (and does not warn against it)."""
    if _NEGATION_RE.search(clause):
        return False
    if _HAND_OVER_RE.search(clause):
        return True
    return bool(_DO_OR_PLEASE_RE.search(clause)) and not _SAFEKEEPING_RE.search(clause)


def find_secret_requests(text: str) -> list[SecretRequest]:
    """Clauses of an agent's reply that ask for a recovery phrase, a private key, a 2FA or
    verification code, or remote access to the user's device.

    A clause counts when it names one of these and asks (see _asks: hands over, 发给/提供/send/
    share/DM…; or does or asks politely, 输入/请/enter/please…, unless it is about keeping the
    secret safe), and does not warn against it (不要/请勿/never/do not…). Nothing is logged.
    """
    if not text:
        return []
    prepared = _prepare(text)
    requests: list[SecretRequest] = []
    for clause in _CLAUSE_RE.finditer(prepared.text):
        words = _HAN_GAP_RE.sub("", clause.group())
        if not _asks(words):
            continue
        for kind, topic in _REQUEST_TOPICS.items():
            if topic.search(words):
                start, end = prepared.span(clause.start(), clause.end(), len(text))
                requests.append(SecretRequest(kind, start, end))
    return requests
