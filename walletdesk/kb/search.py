"""Turn Help Center text into search terms: the same steps for articles and for queries.

Chinese has no spaces, so text is segmented with jieba (plus a dictionary of wallet terms);
English words are stemmed (Snowball). Every term is then mapped to one canonical form, so that
synonyms (提币 = 提现, gas费 = 矿工费, withdraw = withdrawal) and common wrong characters
(助计词) meet in the index. The result is plain space-separated terms made of letters, digits
and Han characters only, which both full-text engines (SQLite FTS5 unicode61, PostgreSQL
'simple') split exactly at the spaces: the database does the ranking, this module decides
what a word is.

Pure Python, no database access: selectors.py owns the SQL.
"""

from __future__ import annotations

import html
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import jieba
import snowballstemmer

# jieba announces its dictionary loading on the root logger; keep test output and logs quiet.
jieba.setLogLevel(logging.WARNING)

# Groups of words that mean the same to a wallet user. The first word is the canonical term
# stored in the index; every other word (and its stem) maps onto it. Chinese colloquial
# phrases and frequent wrong characters belong here too.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    (
        "提现",
        "提币",
        "取币",
        "出金",
        "提款",
        "转出",
        "提取",
        "取出",
        "提不出",
        "提不出来",
        "withdraw",
        "withdrawal",
        "withdrawing",
        "cashout",
        "payout",
    ),
    ("充值", "充币", "冲值", "冲币", "入金", "存入", "转入", "deposit", "topup"),
    ("矿工费", "gas费", "gas", "手续费", "网络费", "燃料费", "fee", "fees", "gasfee", "charge"),
    (
        "助记词",
        "助计词",
        "恢复短语",
        "恢复词",
        "备份词",
        "种子词",
        "12个单词",
        "seed",
        "mnemonic",
        "recovery",
        "phrase",
        "seedphrase",
    ),
    ("私钥", "密钥", "privatekey", "key"),
    ("到账", "到帐", "入账", "收到", "arrive", "arrived", "credited", "receive", "received"),
    (
        "未到账",
        "没到账",
        "没到",
        "不到账",
        "没收到",
        "没有到账",
        "没有收到",
        "还没到",
        "到不了",
        "missing",
        "notarrived",
    ),
    (
        "卡住",
        "卡主",
        "卡了",
        "一直",
        "等待中",
        "处理中",
        "pending",
        "stuck",
        "hang",
        "processing",
        "delay",
        "delayed",
        "slow",
        "慢",
    ),
    ("网络", "链", "主网", "公链", "network", "chain", "blockchain"),
    ("错误网络", "转错链", "转错网络", "错链", "选错网络", "选错链", "wrongnetwork", "wrongchain"),
    ("地址", "钱包地址", "收款地址", "address"),
    ("代币", "币种", "资产", "token", "tokens", "coin", "coins", "asset", "assets"),
    (
        "显示",
        "看不到",
        "不显示",
        "找不到",
        "消失",
        "不见了",
        "余额为零",
        "show",
        "visible",
        "display",
        "disappear",
        "disappeared",
    ),
    ("余额", "balance"),
    ("客服", "官方客服", "support", "agent", "staff"),
    (
        "骗子",
        "诈骗",
        "假冒",
        "冒充",
        "钓鱼",
        "骗局",
        "scam",
        "scammer",
        "fake",
        "phishing",
        "impersonate",
        "fraud",
    ),
    (
        "验证码",
        "二次验证",
        "双重验证",
        "谷歌验证",
        "两步验证",
        "mfa",
        "2fa",
        "authenticator",
        "otp",
        "twofactor",
    ),
    ("工单", "ticket", "tickets", "request"),
    ("回复", "答复", "回应", "多久", "reply", "response", "respond", "answer"),
    ("驳回", "拒绝", "被拒", "拒了", "关闭", "reject", "rejected", "refuse", "declined"),
    ("重新提交", "补充", "resubmit", "supplement"),
    ("交易哈希", "哈希", "txid", "hash", "txhash", "交易id", "交易号"),
    ("截图", "screenshot", "screenshots", "图片", "凭证", "proof"),
    ("转账", "转币", "发送", "transfer", "send", "sent"),
    ("备注", "memo", "tag", "标签", "destinationtag"),
    ("授权", "approve", "approval", "allowance", "revoke", "取消授权"),
    ("密码", "password", "passcode", "pin"),
    ("忘记", "忘了", "forgot", "forget", "lost", "丢失"),
    ("跨链", "bridge", "crosschain", "跨链桥"),
    ("usdttrc20", "trc20", "波场", "tron", "trx"),
    ("usdterc20", "erc20", "以太坊", "ethereum", "eth"),
    ("bep20", "bsc", "币安链", "bnb"),
    ("被盗", "盗币", "被偷", "丢币", "stolen", "hacked", "theft", "drained"),
    ("时间", "时效", "多长时间", "how long", "time", "days"),
    ("安全", "security", "secure", "保护", "protect"),
    ("更新", "升级", "update", "upgrade", "版本", "version"),
    ("导入", "恢复钱包", "import", "restore"),
    ("备份", "backup"),
    ("最低", "最小", "minimum", "min", "限额", "limit", "limits"),
    ("nft", "藏品", "数字藏品", "collectible", "collectibles"),
    ("质押", "stake", "staking"),
    ("兑换", "闪兑", "swap", "exchange"),
)

# Colloquial phrases that say two things at once: "提不出来" is a withdrawal that is stuck.
PHRASES: dict[str, tuple[str, ...]] = {
    "提不出来": ("提现", "卡住"),
    "提不出": ("提现", "卡住"),
    "转不出去": ("转账", "卡住"),
    "转不出": ("转账", "卡住"),
    "没到账": ("未到账", "到账"),
    "不显示": ("显示", "代币"),
    "看不到": ("显示", "代币"),
}

# Words of a wallet user's vocabulary jieba's general dictionary splits wrongly.
USER_WORDS: tuple[str, ...] = (
    "助记词",
    "助计词",
    "私钥",
    "提现",
    "提币",
    "充值",
    "充币",
    "矿工费",
    "gas费",
    "手续费",
    "到账",
    "未到账",
    "没到账",
    "不到账",
    "没收到",
    "到不了",
    "提不出",
    "提不出来",
    "卡住",
    "错误网络",
    "转错链",
    "转错网络",
    "选错网络",
    "选错链",
    "错链",
    "钱包地址",
    "收款地址",
    "代币",
    "交易哈希",
    "验证码",
    "二次验证",
    "双重验证",
    "谷歌验证",
    "两步验证",
    "工单",
    "重新提交",
    "转不出去",
    "转不出",
    "跨链",
    "跨链桥",
    "取消授权",
    "被盗",
    "盗币",
    "官方客服",
    "冒充",
    "闪兑",
    "数字藏品",
    "恢复钱包",
    "余额为零",
    "不显示",
    "看不到",
    "找不到",
    "不见了",
    "备份词",
    "种子词",
    "恢复短语",
    "币种",
    "出金",
    "入金",
    "主网",
    "公链",
    "波场",
    "币安链",
    "质押",
)

_STOPWORD_TEXT = (
    # Chinese function words and question padding.
    "我 的 了 吗 呢 吧 啊 呀 是 在 有 和 与 或 就 都 也 还 又 很 太 把 被 给 让 从 到 对 这 那 "
    "个 么 我的 你们 你 他 她 它 我们 他们 什么 怎么 怎么办 怎样 如何 为什么 为何 可以 能 能不能 "
    "是否 一下 一个 请问 请 谢谢 已经 现在 今天 昨天 怎么回事 咋办 咋 啥 要 想 会 没 没有 不 "
    "一直都 里 中 上 下 后 前 时候 的话 应该 需要 哪里 哪个 哪些 自己 帮 帮忙 急 急急 "
    # English function words.
    "a an the my i me we you your our it its is are was were be been am do does did doing "
    "how why what when where which who can could should would will to of in on at for from "
    "with by and or not no yes this that these those there here still just get got help "
    "please thanks any some into out up about after before has have had need want"
)
STOPWORDS: frozenset[str] = frozenset(_STOPWORD_TEXT.split())

_english = snowballstemmer.stemmer("english")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]+")
# A term as stored: letters, digits and Han characters, nothing that either engine would
# split or read as query syntax.
_TERM = re.compile(r"^[a-z0-9\u4e00-\u9fff]+$")


def normalise(text: str) -> str:
    """Fold full-width forms and case, and join compound wallet words that users write with
    spaces or hyphens (USDT-TRC20, 2 FA, gas 费) so they segment as one term."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"usdt\s*[-_ ]?\s*(trc|erc)\s*-?\s*20", r"usdt\g<1>20", text)
    text = re.sub(r"\b(trc|erc|bep)\s*-\s*20\b", r"\g<1>20", text)
    text = re.sub(r"\b2\s*-?\s*fa\b", "2fa", text)
    text = re.sub(r"\bgas\s*费", "gas费", text)
    text = re.sub(r"\bwrong\s+(network|chain)\b", r"wrong\g<1>", text)
    text = re.sub(r"\bprivate\s+key\b", "privatekey", text)
    text = re.sub(r"\bseed\s+phrase\b", "seedphrase", text)
    text = re.sub(r"\btx\s*id\b", "txid", text)
    text = re.sub(r"\b(top)\s*-?\s*(up)\b", "topup", text)
    text = re.sub(r"\bcross\s*-?\s*chain\b", "crosschain", text)
    text = re.sub(r"\btwo\s*-?\s*factor\b", "twofactor", text)
    return text


def stem(word: str) -> str:
    """The Snowball stem of an English word; Chinese and digits pass through."""
    if word.isascii() and word.isalpha() and len(word) > 3:
        return str(_english.stemWord(word))
    return word


def _build_canonical() -> dict[str, str]:
    canonical: dict[str, str] = {}
    for group in SYNONYMS:
        head = group[0].replace(" ", "")
        for word in group:
            for form in {word.replace(" ", ""), stem(word.replace(" ", ""))}:
                canonical.setdefault(form, head)
    return canonical


CANONICAL: dict[str, str] = _build_canonical()
# Every surface word of a canonical term, for highlighting what matched in a snippet.
SURFACES: dict[str, tuple[str, ...]] = {}
for _group in SYNONYMS:
    SURFACES[_group[0].replace(" ", "")] = tuple(_group)


class _Segmenter:
    """jieba's tokenizer with our words, loaded once per process on first use (about a
    second: its dictionary is large) and shared by all threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokenizer: jieba.Tokenizer | None = None

    def get(self) -> jieba.Tokenizer:
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    tokenizer = jieba.Tokenizer()
                    tokenizer.initialize()
                    for word in USER_WORDS:
                        tokenizer.add_word(word, freq=200_000)
                    self._tokenizer = tokenizer
        return self._tokenizer


segmenter = _Segmenter()


def _chinese_words(run: str) -> Iterable[str]:
    # cut_for_search also yields the parts of long words (提现地址 -> 提现, 地址, 提现地址).
    words: Iterable[str] = segmenter.get().cut_for_search(run, HMM=True)
    return words


def terms(text: str) -> list[str]:
    """The canonical search terms of a text, in order, duplicates kept (ranking counts them).

    Single Han characters and stopwords are dropped: they match almost every article.
    """
    result: list[str] = []
    for chunk in _WORD.findall(normalise(text)):
        if _HAN.match(chunk):
            words: Iterable[str] = _chinese_words(chunk)
        else:
            words = (chunk,)
        for word in words:
            if word in STOPWORDS or (len(word) == 1 and _HAN.match(word)):
                continue
            if word.isascii() and len(word) == 1:
                continue
            term = CANONICAL.get(word) or CANONICAL.get(stem(word)) or stem(word)
            if _TERM.match(term):
                result.append(term)
    return result


def document(text: str) -> str:
    """Pre-segmented text for the index column."""
    return " ".join(terms(text))


def _edits1(word: str) -> set[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in letters}
    inserts = {a + c + b for a, b in splits for c in letters}
    return deletes | transposes | replaces | inserts


@dataclass(frozen=True)
class Query:
    """A parsed search: the terms to look up, and the words to highlight in snippets."""

    text: str
    terms: tuple[str, ...]
    highlights: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not self.terms


# Snowball keeps a word's beginning and changes at most the last letter of what it keeps
# (happy -> happi, hoping -> hope), apart from a few listed exceptions (dying -> die). So a
# word can only stem to a synonym if it starts with all but the last letter of that synonym.
# Checking that first spares stemming most of the ~500 spellings a typo correction tries:
# stemming is the slow part (pure Python), and a question with two unknown words spent ~15 ms.
_STEM_EXCEPTIONS = frozenset(
    [
        "skis",
        "skies",
        "dying",
        "lying",
        "tying",
        "idly",
        "gently",
        "ugly",
        "early",
        "only",
        "singly",
        "sky",
        "news",
        "howe",
        "atlas",
        "cosmos",
        "bias",
        "andes",
    ]
)
_SYNONYM_PREFIXES = frozenset(k[:-1] for k in CANONICAL if k.isascii() and k.isalpha())
_SYNONYM_PREFIX_LENGTHS = tuple(sorted({len(prefix) for prefix in _SYNONYM_PREFIXES}))


def _stem_synonym(word: str) -> str | None:
    """The canonical term of the word's stem, as ``CANONICAL.get(stem(word))``."""
    if word in _STEM_EXCEPTIONS or any(
        word[:n] in _SYNONYM_PREFIXES for n in _SYNONYM_PREFIX_LENGTHS
    ):
        return CANONICAL.get(stem(word))
    return None


def _correct(term: str, raw: str, vocabulary: dict[str, int]) -> str | None:
    """An English term the index does not know, replaced by the most frequent index term at
    edit distance 1 (of the word or of its stem); None when nothing is close enough."""
    if term in vocabulary or not raw.isascii() or not raw.isalpha() or len(raw) < 4:
        return term if term in vocabulary else None
    best: tuple[int, str] | None = None
    for candidate in _edits1(raw) | _edits1(term):
        for form in (candidate, CANONICAL.get(candidate), _stem_synonym(candidate)):
            if form and form in vocabulary and (best is None or vocabulary[form] > best[0]):
                best = (vocabulary[form], form)
    return best[1] if best else None


def parse(text: str, vocabulary: dict[str, int] | None = None) -> Query:
    """Parse what a user typed. With the index vocabulary (term -> number of articles), terms
    the index does not contain are corrected for one-letter typos or left out, so a query
    never fails only because of a word no article uses."""
    text = text.strip()[:200]
    found: list[str] = []
    highlights: set[str] = set()
    for chunk in _WORD.findall(normalise(text)):
        # Precise cut for queries (no overlapping fragments); fragments only as a fallback
        # for a long word the index does not know.
        words = list(segmenter.get().cut(chunk)) if _HAN.match(chunk) else [chunk]
        for word in words:
            if word in STOPWORDS or len(word) == 1:
                continue
            if word in PHRASES:
                highlights.add(word)
                found.extend(t for t in PHRASES[word] if t not in found)
                continue
            term = CANONICAL.get(word) or CANONICAL.get(stem(word)) or stem(word)
            if not _TERM.match(term):
                continue
            if vocabulary is not None:
                corrected = _correct(term, word, vocabulary)
                if corrected is None:
                    if _HAN.match(word) and len(word) > 2:
                        words.extend(w for w in _chinese_words(word) if w != word)
                    continue
                term = corrected
            highlights.add(word)
            if term not in found:
                found.append(term)
    for term in found:
        highlights.update(SURFACES.get(term, (term,)))
    return Query(text=text, terms=tuple(found), highlights=tuple(sorted(highlights)))


DOCUMENTS_KEY = "\x00documents"


def vocabulary_of(documents: Iterable[str]) -> dict[str, int]:
    """Term -> number of documents containing it, from pre-segmented index text."""
    counts: dict[str, int] = {}
    total = 0
    for doc in documents:
        total += 1
        for term in set(doc.split()):
            counts[term] = counts.get(term, 0) + 1
    # The number of documents rides along under a key no term can have.
    counts[DOCUMENTS_KEY] = total
    return counts


# Markdown syntax a reader should not see in a plain-text excerpt: quote, heading, table and
# rule marks and list bullets or numbers at a line's start, emphasis and link brackets anywhere.
_MARKDOWN_NOISE = re.compile(
    r"^\s*(?:>|#+|\||-{3,}|[-*+]\s|\d+[.)]\s)|[*_`\[\]]|\(https?://[^)]*\)|\(mailto:[^)]*\)",
    re.MULTILINE,
)


def plain_text(text: str) -> str:
    """Markdown text as one line of plain text: syntax marks dropped, whitespace folded.

    Not escaped: for text that is escaped where it is shown (a template, a reply box).
    """
    return re.sub(r"\s+", " ", _MARKDOWN_NOISE.sub("", text)).strip()


def snippet(text: str, query: Query, width: int = 90) -> str:
    """An escaped excerpt of markdown text around the first matched word, matches in <mark>.

    Returns HTML: every piece of the article text is escaped before the marks are added.
    """
    plain = plain_text(text)
    words = sorted({w for w in query.highlights if w}, key=len, reverse=True)
    if not words:
        return html.escape(plain[:width] + ("…" if len(plain) > width else ""))
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    first = pattern.search(plain)
    start = max(0, first.start() - width // 3) if first else 0
    end = min(len(plain), start + width)
    excerpt = plain[start:end]
    pieces: list[str] = ["…" if start > 0 else ""]
    cursor = 0
    for match in pattern.finditer(excerpt):
        pieces.append(html.escape(excerpt[cursor : match.start()]))
        pieces.append(f"<mark>{html.escape(match.group(0))}</mark>")
        cursor = match.end()
    pieces.append(html.escape(excerpt[cursor:]))
    pieces.append("…" if end < len(plain) else "")
    return "".join(pieces)
