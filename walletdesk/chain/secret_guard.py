"""Find wallet secrets in text a person typed, before anything is saved or logged.

``find_secrets`` reports recovery phrases (BIP-39, every wordlist the ``mnemonic`` package ships
that its checker handles), raw private keys, WIF keys and extended private keys. ``mask_secrets``
replaces them with a placeholder. ``find_secret_requests`` looks at an agent's outgoing reply for
a request of a secret, a verification code or remote access to the user's device.

Never log the text passed in here, nor a finding's span contents: that is the secret itself.
The rules and their measured precision/recall are in docs/secret-guard.md. In short:

* a run of BIP-39 words (one language, separated only by spaces, commas, new lines or
  numbering) with a valid checksum over 12/15/18/21/24 of them is a recovery phrase;
* an English run of 12+ such words is flagged without a checksum (a mistyped phrase is still
  a secret; ordinary English almost never strings 12 list words together without punctuation);
* Chinese written without separators needs a valid checksum over the run, no common Chinese
  word inside it (prose always has some; a random phrase almost never), and either a nearby
  keyword (助记词, mnemonic, …) or a run standing on its own (line, quotes, colon);
  single characters separated by spaces/commas are flagged from 12 on, checksum or not;
* 64 hex digits are a private key only when the words before or after say so (私钥, private
  key, …) and no transaction word is closer, because a transaction hash looks the same;
* WIF and extended private keys are recognised by their base58check checksum alone.
"""

import itertools
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

import base58
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
# The mnemonic package's checker NFKD-normalises words but not its Turkish list, so a valid
# Turkish phrase never checks; Turkish is left out rather than re-implementing the checksum.
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
)
CHINESE = ("chinese_simplified", "chinese_traditional")
# Languages whose run of 12+ words is flagged even without a valid checksum.
_UNCHECKED_RUN_LANGUAGES = frozenset({"english"})
_LATIN = frozenset({"english", "spanish", "french", "italian", "czech", "portuguese"})

# --- text preparation -----------------------------------------------------------------------

_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\u2066\u2069\ufeff\u00ad")


@dataclass(frozen=True)
class _Prepared:
    """NFKC text without invisible characters, with the original index of each character."""

    text: str
    origin: tuple[int, ...] | None  # None: same indices as the original

    def span(self, start: int, end: int, original_length: int) -> tuple[int, int]:
        if self.origin is None:
            return start, end
        first = self.origin[start]
        last = self.origin[end - 1] + 1 if end > start else first
        return first, min(last, original_length)


def _prepare(text: str) -> _Prepared:
    # NFKC turns full-width letters, digits and commas and circled numbers (①) into ASCII.
    if unicodedata.is_normalized("NFKC", text) and not _INVISIBLE.intersection(text):
        return _Prepared(text, None)
    chars: list[str] = []
    origin: list[int] = []
    # Normalise cluster by cluster (a character and the marks or Hangul jamo that follow it),
    # so decomposed input ("á" as a + accent, Korean as jamo) composes like the wordlists.
    cluster_start = 0
    cluster = ""
    for index, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        if cluster and not _continues(char):
            for out in unicodedata.normalize("NFKC", cluster):
                chars.append(out)
                origin.append(cluster_start)
            cluster = ""
        if not cluster:
            cluster_start = index
        cluster += char
    for out in unicodedata.normalize("NFKC", cluster):
        chars.append(out)
        origin.append(cluster_start)
    return _Prepared("".join(chars), tuple(origin))


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
        self._positions = {word: position for position, word in enumerate(words)}

    def index(self, word: str, *_args: object) -> int:
        try:
            return self._positions[word]
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
    return found


def _checksum_ok(language: str, positions: list[int]) -> bool:
    """Whether the words at ``positions`` form a BIP-39 phrase with a valid checksum."""
    mnemo = _mnemonic(language)
    return bool(mnemo.check(" ".join(mnemo.wordlist[p] for p in positions)))


# --- tokens ---------------------------------------------------------------------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN_RE = re.compile(rf"(?P<han>[{_HAN}])|(?P<word>[^\W\d_{_HAN}]+)")
# What may stand between two words of a written-down phrase: spaces, commas, new lines,
# bullets, quotes and numbering ("1.", "2)", "3、", "①" after NFKC). No sentence punctuation.
_NUMBERING = r"(?:#?\d{1,2}\s*[.)\]:、-]?)"
_SEPARATOR_RE = re.compile(rf"(?:[\s,;|/·•*\-'\"“”‘’()\[\]<>「」【】、]|{_NUMBERING})*")
_MAX_SEPARATOR = 16


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str
    han: bool


def _tokens(text: str) -> list[_Token]:
    return [
        _Token(m.start(), m.end(), m.group(), m.lastgroup == "han")
        for m in _TOKEN_RE.finditer(text)
    ]


def _joins(text: str, left: _Token, right: _Token) -> bool:
    """Whether two tokens can be neighbours in one written-down phrase."""
    between = text[left.end : right.start]
    if not between:
        # Only Chinese is written without separators; Latin tokens are maximal, so never empty.
        return left.han and right.han
    return len(between) <= _MAX_SEPARATOR and _SEPARATOR_RE.fullmatch(between) is not None


def _chains(text: str, tokens: list[_Token]) -> list[list[_Token]]:
    """Maximal sequences of same-script tokens joined by phrase separators."""
    chains: list[list[_Token]] = []
    for token in tokens:
        last = chains[-1][-1] if chains else None
        if last is not None and last.han == token.han and _joins(text, last, token):
            chains[-1].append(token)
        else:
            chains.append([token])
    return [chain for chain in chains if len(chain) >= min(PHRASE_LENGTHS)]


def _runs(
    chain: list[_Token], languages: tuple[str, ...]
) -> list[tuple[str, list[_Token], list[int]]]:
    """Maximal sub-runs of ``chain`` whose tokens are all in one language's wordlist."""
    lookups = [_lookup(token.text) for token in chain]
    runs = []
    for language in languages:
        current: list[_Token] = []
        positions: list[int] = []
        for token, found in [*zip(chain, lookups, strict=True), (None, {})]:
            if token is not None and language in found:
                current.append(token)
                positions.append(found[language])
                continue
            if len(current) >= min(PHRASE_LENGTHS):
                runs.append((language, current, positions))
            current, positions = [], []
    return runs


def _valid_windows(
    language: str, positions: list[int], starts: set[int] | None = None
) -> list[tuple[int, int]]:
    """Non-overlapping [i, j) windows with a valid checksum, longest first.

    ``starts`` restricts where a window may start and end (group boundaries)."""
    chosen: list[tuple[int, int]] = []
    for length in PHRASE_LENGTHS:
        for i in range(len(positions) - length + 1):
            j = i + length
            if starts is not None and (i not in starts or j not in starts):
                continue
            if any(i < b and a < j for a, b in chosen):
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
_COMMON_WORDS = frozenset(_COMMON_TEXT.split())
_KEYWORD_RE = re.compile(
    r"助记词|助记|记忆词|恢复短语|恢复词|种子短语|种子词|密语|备份词|"
    r"mnemonic|seed\s*(?:phrase|words?)|recovery\s*(?:phrase|words?)|secret\s*phrase|"
    r"backup\s*(?:phrase|words?)",
    re.IGNORECASE,
)
_EVERYDAY_HEAD = 256
# Half or more everyday characters: a random 12-character phrase gets there about once in 600.
_EVERYDAY_LIMIT = 0.5
_KEYWORD_BEFORE = 30
_KEYWORD_AFTER = 15
# Characters that may sit between a keyword and the phrase: "助记词是：…", "助记词为…".
_FILLERS = "是为如下:：在这里"
_TRAILING_FILLERS = "是我的这那就"
# A run "stands on its own" when bounded by these (or by the start/end of the text).
_ISOLATING = set(" \t\r\n:\"'“”‘’「」『』【】()[]<>")


def _has_common_word(chars: str) -> bool:
    return any(chars[i : i + 2] in _COMMON_WORDS for i in range(len(chars) - 1)) or any(
        chars[i : i + 3] in _COMMON_WORDS for i in range(len(chars) - 2)
    )


def _everyday_share(positions: list[int]) -> float:
    """The share of characters among the wordlist's first 256.

    The Chinese wordlists are ordered by frequency (的 一 是 在 不 了 …). A random phrase draws
    about 1 character in 8 from that head; a Chinese sentence about 3 in 5. Both Chinese lists
    share the ordering.
    """
    return sum(1 for p in positions if p < _EVERYDAY_HEAD) / len(positions)


def _near_keyword(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - _KEYWORD_BEFORE) : start]
    after = text[end : end + _KEYWORD_AFTER]
    return bool(_KEYWORD_RE.search(before) or _KEYWORD_RE.search(after))


def _isolated(text: str, start: int, end: int) -> bool:
    left = text[start - 1] if start > 0 else " "
    right = text[end] if end < len(text) else " "
    return left in _ISOLATING and right in _ISOLATING


def _contiguous_windows(
    text: str, language: str, piece: list[_Token], positions: list[int]
) -> list[tuple[int, int]]:
    """Windows of an unseparated Chinese run that pass the contiguous rule."""
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
    chosen: list[tuple[int, int]] = []
    for i, j in sorted(candidates, key=lambda w: (w[0] - w[1], w[0])):
        if any(i < b and a < j for a, b in chosen):
            continue
        begin, finish = piece[i].start, piece[j - 1].end
        exact = i == 0 and j == len(chars)
        keyword = _near_keyword(text, begin, finish) or _KEYWORD_RE.search(chars)
        # Without a keyword only a run that is exactly the phrase and stands on its own counts,
        # and only if it is not made of everyday characters (see _everyday_share).
        if not keyword and not (exact and _isolated(text, begin, finish)):
            continue
        if not keyword and _everyday_share(positions[i:j]) >= _EVERYDAY_LIMIT:
            continue
        if _has_common_word(chars[i:j]) or not _checksum_ok(language, positions[i:j]):
            continue
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
    for group in _piece_groups(pieces, 1, 1, min(PHRASE_LENGTHS)):
        # Single characters with explicit separators: prose never looks like this.
        a, b = group[0][0], group[-1][1]
        found.append((a, b, bool(_valid_windows(language, positions[a:b]))))
    for group in _piece_groups(pieces, 2, 4, 3):
        # A phrase copied row by row from a grid (3 or 4 characters a row).
        a, b = group[0][0], group[-1][1]
        chars = "".join(token.text for token in run[a:b])
        edges = {start - a for start, _ in group} | {b - a}
        for i, j in _valid_windows(language, positions[a:b], edges):
            if not _has_common_word(chars[i:j]):
                found.append((a + i, a + j, True))
    for a, b in pieces:
        if b - a >= min(PHRASE_LENGTHS):
            for i, j in _contiguous_windows(text, language, run[a:b], positions[a:b]):
                found.append((a + i, a + j, True))
    return found


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


def _phrase_findings(prepared: _Prepared, original_length: int) -> list[SecretFinding]:
    text = prepared.text
    findings: list[SecretFinding] = []
    for chain in _chains(text, _tokens(text)):
        han = chain[0].han
        languages = CHINESE if han else tuple(lang for lang in LANGUAGES if lang not in CHINESE)
        for language, run, positions in _runs(chain, languages):
            if han:
                spans = _chinese_findings(text, language, run, positions)
            elif _valid_windows(language, positions):
                # Mask the whole run: the words around a valid phrase are the user's paste too.
                spans = [(0, len(run), True)]
            elif language in _UNCHECKED_RUN_LANGUAGES and len({t.text.lower() for t in run}) >= 10:
                spans = [(0, len(run), False)]
            else:
                spans = []
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
    r"私钥|密钥|秘钥|private[\s_-]*key|priv[\s_-]*key|privkey|secret[\s_-]*key|signing[\s_-]*key",
    re.IGNORECASE,
)
_HASH_WORD_RE = re.compile(
    r"哈希|交易|txid|tx\s*id|\btx\b|/tx/|hash|transaction|签名|signature|区块|block|地址|address|"
    r"公钥|public\s*key|pubkey",
    re.IGNORECASE,
)
_CONTEXT_BEFORE = 60
_CONTEXT_AFTER = 25


def _key_context(text: str, start: int, end: int) -> bool:
    """Whether the words next to a hex/base58 value call it a key, closer than any hash word."""
    lines = text[max(0, start - _CONTEXT_BEFORE) : start].split("\n")
    # Same line only, unless the value opens its own line ("私钥：\n<key>").
    before = lines[-1] if lines[-1].strip() or len(lines) == 1 else lines[-2]
    keys = [m.end() for m in _KEY_WORD_RE.finditer(before)]
    hashes = [m.end() for m in _HASH_WORD_RE.finditer(before)]
    if keys and (not hashes or keys[-1] > hashes[-1]):
        return True
    after = text[end : end + _CONTEXT_AFTER].split("\n", 1)[0]
    key_after = _KEY_WORD_RE.search(after)
    hash_after = _HASH_WORD_RE.search(after)
    return bool(key_after and (hash_after is None or key_after.start() < hash_after.start()))


def _decodes(value: str, lengths: tuple[int, ...], versions: tuple[int, ...]) -> bool:
    try:
        raw = base58.b58decode_check(value)
    except ValueError:
        return False
    return len(raw) in lengths and (not versions or raw[0] in versions)


def _key_findings(text: str) -> list[tuple[SecretKind, int, int, str]]:
    found: list[tuple[SecretKind, int, int, str]] = []
    for match in _HEX_KEY_RE.finditer(text):
        if _key_context(text, match.start(), match.end()):
            found.append((SecretKind.PRIVATE_KEY, match.start(), match.end(), match.group()[:4]))
    for match in _BASE58_KEY_RE.finditer(text):
        # A Solana secret key is base58 of 64 bytes, exactly like a Solana signature.
        raw_length = len(base58.b58decode(match.group()))
        if raw_length == 64 and _key_context(text, match.start(), match.end()):
            found.append((SecretKind.PRIVATE_KEY, match.start(), match.end(), match.group()[:2]))
    for match in _BYTE_ARRAY_RE.finditer(text):
        # A Solana keypair file: 64 numbers, each a byte.
        if all(int(n) <= 255 for n in re.findall(r"\d+", match.group())):
            found.append((SecretKind.PRIVATE_KEY, match.start(), match.end(), "[…]"))
    for match in _WIF_RE.finditer(text):
        value = match.group()
        # 0x80 mainnet / 0xef testnet; 33 bytes, or 34 with the "compressed" flag byte.
        if _decodes(value, (33, 34), (0x80, 0xEF)):
            found.append((SecretKind.WIF_KEY, match.start(), match.end(), value[:2]))
    for match in _XPRV_RE.finditer(text):
        if _decodes(match.group(), (78,), ()):
            found.append(
                (SecretKind.EXTENDED_PRIVATE_KEY, match.start(), match.end(), match.group()[:4])
            )
    return found


# --- public API -----------------------------------------------------------------------------


def find_secrets(text: str) -> list[SecretFinding]:
    """Every wallet secret in ``text``, in order, without overlaps.

    Spans index the original ``text``. Pure function: nothing is logged or stored.
    """
    if not text:
        return []
    prepared = _prepare(text)
    findings = _phrase_findings(prepared, len(text))
    for kind, start, end, head in _key_findings(prepared.text):
        first, last = prepared.span(start, end, len(text))
        findings.append(SecretFinding(kind, first, last, f"{head}…"))
    # Longer (and checksum-valid) findings win where two overlap.
    findings.sort(key=lambda f: (not f.checksum_valid, f.start - f.end))
    kept: list[SecretFinding] = []
    for finding in findings:
        if all(finding.end <= k.start or k.end <= finding.start for k in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


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
        r"助记词|助记|恢复短语|恢复词|种子短语|种子词|密语|备份词|"
        r"seed\s*(?:phrase|words?)|recovery\s*(?:phrase|words?)|mnemonic|secret\s*phrase|"
        r"backup\s*(?:phrase|words?)|(?:12|24)\s*words",
        re.IGNORECASE,
    ),
    RequestKind.PRIVATE_KEY: re.compile(
        r"私钥|密钥|秘钥|private\s*key|priv\s*key|secret\s*key|keystore", re.IGNORECASE
    ),
    RequestKind.VERIFICATION_CODE: re.compile(
        r"验证码|动态码|动态口令|校验码|谷歌验证器.{0,4}码|"
        r"(?:2fa|two[-\s]?factor|verification|authenticator|authentication|security|sms|otp|"
        r"one[-\s]?time|google)\s*(?:pass)?(?:code|token)s?|\botp\b|\d[-\s]?digit\s*code",
        re.IGNORECASE,
    ),
    RequestKind.REMOTE_ACCESS: re.compile(
        r"any\s*desk|team\s*viewer|向日葵|to\s*desk|rust\s*desk|ultra\s*viewer|quick\s*support|"
        r"远程协助|远程控制|远程桌面|远程操作|远程连接|远程协作|屏幕共享|共享屏幕|"
        r"remote\s*(?:access|control|desktop|support|session|assistance)|screen\s*shar(?:e|ing)",
        re.IGNORECASE,
    ),
}
_REQUEST_VERB_RE = re.compile(
    r"请|麻烦|需要|提供|发送|发给|发一下|发来|告诉|告知|给我|输入|填写|回复|截图|拍照|下载|安装|"
    r"打开|报一下|念一下|私信|核对|配合|"
    r"\bplease\b|\bsend\b|\bshare\b|\bprovide\b|\bgive\b|\btell\b|\btype\b|\benter\b|\bpaste\b|"
    r"\breply\b|\bneed\b|\brequire|\bdownload|\binstall|\bopen\b|what\s*is\s*your|what's\s*your|"
    r"\bcan\s*you\b|\bcould\s*you\b|\bgrant\b|\ballow\b|\baccept\b|\bconnect\b|\bdm\b|\bread\b",
    re.IGNORECASE,
)
_NEGATION_RE = re.compile(
    r"不会|绝不|从不|从来不|请勿|不要|切勿|千万别|别把|别向|别告诉|禁止|不得|谨防|小心|警惕|防止|诈骗|"
    r"骗子|永远不|不需要|无需|不用|不能|不可|"
    r"\bnever\b|\bnot\b|n't\b|\bno\s*one\b|\bnobody\b|\bscam|\bphishing\b|\bbeware\b|\bwarning\b|"
    r"\bavoid\b|\bfake\b",
    re.IGNORECASE,
)
# Clauses end at sentence or clause punctuation; "." only when a space or the end follows
# (so "2.5" and "support.example" stay whole).
_CLAUSE_RE = re.compile(r"(?:[^。！？!?\n，,；;.]|\.(?!\s|$))+")


def find_secret_requests(text: str) -> list[SecretRequest]:
    """Clauses of an agent's reply that ask for a recovery phrase, a private key, a 2FA or
    verification code, or remote access to the user's device.

    A clause counts when it names one of these and asks (请/提供/please/send…), and does not
    warn against it (不要/请勿/never/do not…). Nothing is logged.
    """
    if not text:
        return []
    prepared = _prepare(text)
    requests: list[SecretRequest] = []
    for clause in _CLAUSE_RE.finditer(prepared.text):
        words = clause.group()
        if _NEGATION_RE.search(words) or not _REQUEST_VERB_RE.search(words):
            continue
        for kind, topic in _REQUEST_TOPICS.items():
            if topic.search(words):
                start, end = prepared.span(clause.start(), clause.end(), len(text))
                requests.append(SecretRequest(kind, start, end))
    return requests
