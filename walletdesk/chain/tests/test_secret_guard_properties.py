"""Properties of the secret guard over generated input: every phrase and key shape is caught,
ordinary support text built from the same words is not."""

import itertools
import os
import random
import re

import base58
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

from walletdesk.chain.secret_guard import SecretKind, find_secrets, mask_secrets
from walletdesk.chain.tests.corpus import NEGATIVE

# SECRET_GUARD_EXAMPLES lowers the count where the suite runs hundreds of times (mutation
# testing); the unit tests pin each rule, these look for shapes nobody wrote down.
PROPERTY = settings(
    max_examples=int(os.environ.get("SECRET_GUARD_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
LATIN_LANGUAGES = ("english", "spanish", "french", "italian", "portuguese", "czech")
OTHER_LANGUAGES = ("japanese", "korean", "russian")
CHINESE = ("chinese_simplified", "chinese_traditional")
# Look-alikes from another script, as an attacker would swap them in.
LOOKALIKES = {"a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і"}
GREEK = {"o": "ο", "i": "ι", "v": "ν"}
SEPARATORS = (" ", "\n", ", ", ".", ". ", "_", "-", "/", " / ", "🔑", " ✅ ", "|", "+", "\t", "…")
NUMBERING = ("", "{n}. ", "{n}) ", "#{n} ", "{n}-", "{n}、")
FRAMES = (
    ("", ""),
    ("Hi, my wallet will not open:\n", "\nThanks"),
    ("助记词：", "。"),
    ("请帮我看看\n", "\n谢谢"),
    ("Subject: restore\n", ""),
    ("[", "]"),
)


def _phrase(language: str, entropy: bytes) -> list[str]:
    return Mnemonic(language).to_mnemonic(entropy).split()


def _covered(text: str, first: str, last: str, kind: SecretKind, after: int = 0) -> bool:
    """Whether findings of ``kind`` cover ``first`` (found from ``after`` on) to the last
    ``last`` without leaving a word readable: one finding, or findings with nothing but spacing
    between them (a run that holds two checksum-valid phrases side by side is two findings,
    by the guard's rule, and is still masked whole)."""
    start = text.index(first, after)
    end = text.rindex(last) + len(last)
    spans = sorted((f.start, f.end) for f in find_secrets(text) if f.kind == kind)
    joined: list[list[int]] = []
    for a, b in spans:
        if joined and not text[joined[-1][1] : a].strip():
            joined[-1][1] = max(joined[-1][1], b)
        else:
            joined.append([a, b])
    return any(a <= start and end <= b for a, b in joined)


# Wallets draw entropy uniformly; drawing it from a seed keeps Hypothesis from shrinking it
# to all zeros ("abandon abandon … about"), a test vector no wallet generates.
entropies = st.tuples(st.sampled_from((16, 20, 24, 28, 32)), st.integers(0, 2**32)).map(
    lambda n_seed: random.Random(n_seed[1]).randbytes(n_seed[0])  # noqa: S311 -- not a secret
)


@PROPERTY
@given(
    language=st.sampled_from(LATIN_LANGUAGES + OTHER_LANGUAGES),
    entropy=entropies,
    separator=st.sampled_from(SEPARATORS),
    numbering=st.sampled_from(NUMBERING),
    casing=st.sampled_from(("lower", "upper", "title")),
    frame=st.sampled_from(FRAMES),
)
def test_every_phrase_shape_is_caught(
    language: str,
    entropy: bytes,
    separator: str,
    numbering: str,
    casing: str,
    frame: tuple[str, str],
) -> None:
    words = [getattr(w, casing)() for w in _phrase(language, entropy)]
    # The package's Russian list (not a BIP-39 standard one) has a word with broken bytes.
    assume("\ufffd" not in "".join(words))
    numbered = [numbering.format(n=i) + w for i, w in enumerate(words, 1)]
    text = frame[0] + separator.join(numbered) + frame[1]

    assert _covered(text, words[0], words[-1], SecretKind.RECOVERY_PHRASE, len(frame[0]))


@PROPERTY
@given(
    entropy=entropies,
    separator=st.sampled_from(SEPARATORS),
    table=st.sampled_from((LOOKALIKES, GREEK)),
    picks=st.lists(st.booleans(), min_size=200, max_size=200),
    invisible=st.sampled_from(("", "\u200b", "\u200d", "\u2060", "\u00ad")),
    full_width=st.booleans(),
)
def test_look_alike_letters_invisible_characters_and_full_width(
    entropy: bytes,
    separator: str,
    table: dict[str, str],
    picks: list[bool],
    invisible: str,
    full_width: bool,
) -> None:
    words = _phrase("english", entropy)
    disguised = []
    for index, word in enumerate(words):
        letters = [
            table.get(c, c) if picks[(index * 8 + n) % len(picks)] else c
            for n, c in enumerate(word)
        ]
        if full_width:
            letters = [chr(ord(c) + 0xFEE0) if c.isascii() else c for c in letters]
        disguised.append(invisible.join(letters))
    text = f"words: {separator.join(disguised)} ok"

    assert _covered(text, disguised[0], disguised[-1], SecretKind.RECOVERY_PHRASE)


@PROPERTY
@given(
    language=st.sampled_from(CHINESE),
    entropy=entropies,
    separator=st.sampled_from((" ", "、", ",", "\n", " / ", "。", "🔑")),
    numbered=st.booleans(),
    frame=st.sampled_from(FRAMES),
)
def test_chinese_characters_with_separators_are_always_caught(
    language: str, entropy: bytes, separator: str, numbered: bool, frame: tuple[str, str]
) -> None:
    # One character at a time with anything between them: no checksum, no other condition.
    words = _phrase(language, entropy)
    written = separator.join(f"{i}.{w}" if numbered else w for i, w in enumerate(words, 1))
    text = frame[0] + written + frame[1]

    assert _covered(text, words[0], words[-1], SecretKind.RECOVERY_PHRASE, len(frame[0]))


@PROPERTY
@given(
    entropy=entropies,
    missing=st.sampled_from((1, 2)),
    where=st.integers(min_value=0, max_value=11),
    keyword=st.sampled_from(
        (
            "seed phrase:",
            "my recovery phrase is",
            "mnemonic\n",
            "助记词",
            "恢复短语：",
            "种子 ",
            "密语",
        )
    ),
)
def test_one_or_two_words_short_next_to_backup_wording(
    entropy: bytes, missing: int, where: int, keyword: str
) -> None:
    words = _phrase("english", entropy)
    del words[where : where + missing]
    text = f"{keyword} {' '.join(words)}"

    assert _covered(text, words[0], words[-1], SecretKind.RECOVERY_PHRASE, len(keyword))


@PROPERTY
@given(
    raw=st.binary(min_size=32, max_size=32),
    label=st.sampled_from(
        ("私钥：", "私鑰 ", "private key ", "PrivateKey=", "秘密鍵：", "개인키: ", "secret key\n")
    ),
    cuts=st.lists(st.integers(min_value=8, max_value=56), max_size=3, unique=True),
    gap=st.sampled_from((" ", "\n", "  ", "\t", " \n ")),
    prefix=st.sampled_from(("", "0x")),
    noise=st.sampled_from(("", "交易哈希我也发过了，", "tx hash sent already; ")),
)
def test_labelled_hex_keys_whole_or_in_pieces(
    raw: bytes, label: str, cuts: list[int], gap: str, prefix: str, noise: str
) -> None:
    value = raw.hex()
    edges = [0, *sorted(cuts), 64]
    written = prefix + gap.join(value[a:b] for a, b in itertools.pairwise(edges))
    text = f"{noise}{label}{written}"

    assert _covered(text, written, written, SecretKind.PRIVATE_KEY)


@PROPERTY
@given(
    raw=st.binary(min_size=32, max_size=32),
    version=st.sampled_from((b"\x80", b"\xef")),
    compressed=st.booleans(),
    cut=st.integers(min_value=4, max_value=47),
    gap=st.sampled_from(("", " ", "\n")),
)
def test_wif_keys_whole_or_with_a_gap(
    raw: bytes, version: bytes, compressed: bool, cut: int, gap: str
) -> None:
    wif = base58.b58encode_check(version + raw + (b"\x01" if compressed else b"")).decode()
    written = wif[:cut] + gap + wif[cut:]

    assert _covered(f"exported {written} thanks", written, written, SecretKind.WIF_KEY)


# --- no false positives ---------------------------------------------------------------------------

# Realistic support sentences: many wordlist words (token, wallet, address, balance, network …),
# held together by the words every sentence has.
SUBJECTS = ("I", "My friend", "We", "The exchange", "Support")
ACTIONS = (
    "sent the token to my wallet address",
    "moved some ETH to a new account",
    "tried to swap USDT on the network",
    "paid the gas fee twice",
    "opened the app after the update",
    "checked the balance on the explorer",
    "copied the address from the exchange",
    "added the custom token with the contract address",
)
PROBLEMS = (
    "but the balance did not update",
    "and the amount is still missing",
    "yet nothing shows in my wallet",
    "but the transfer is pending for hours",
    "and now I cannot find the asset",
    "so please check what went wrong",
)
WHEN = ("yesterday", "two hours ago", "this morning", "last week", "on Monday")


@PROPERTY
@given(
    sentences=st.lists(
        st.tuples(
            st.sampled_from(SUBJECTS),
            st.sampled_from(ACTIONS),
            st.sampled_from(WHEN),
            st.sampled_from(PROBLEMS),
        ),
        min_size=1,
        max_size=8,
    ),
    joiner=st.sampled_from((" ", "\n", "\n\n")),
    keyword=st.sampled_from(("", "My seed phrase is safe. ", "助记词没有泄露。")),
)
def test_support_sentences_are_not_secrets(
    sentences: list[tuple[str, str, str, str]], joiner: str, keyword: str
) -> None:
    text = keyword + joiner.join(f"{s} {a} {w}, {p}." for s, a, w, p in sentences)

    assert find_secrets(text) == []


ENGLISH = Mnemonic("english").wordlist
BREAKERS = ("the", "to", "my", "I", "and", "but", "is", "was", "it", "on", "with", "for")


@PROPERTY
@given(
    runs=st.lists(
        st.lists(st.sampled_from(ENGLISH), min_size=1, max_size=9), min_size=1, max_size=8
    ),
    breakers=st.lists(st.sampled_from(BREAKERS), min_size=8, max_size=8),
    separator=st.sampled_from((" ", ", ", ". ", "\n", "-", "_")),
    keyword=st.sampled_from(("", "seed phrase ", "mnemonic: ", "助记词 ")),
)
def test_wordlist_words_broken_up_by_ordinary_words_are_not_a_phrase(
    runs: list[list[str]], breakers: list[str], separator: str, keyword: str
) -> None:
    # Fewer than ten list words in a row: never a phrase, whatever the keyword says.
    pieces = [separator.join(run) + f" {breakers[i]} " for i, run in enumerate(runs)]
    text = keyword + "".join(pieces)

    assert find_secrets(text) == []


CHINESE_SENTENCES = [
    s
    for text in NEGATIVE
    for s in re.split(r"(?<=[。！？\n])", text)
    if len(re.findall(r"[\u4e00-\u9fff]", s)) >= 6
]


@PROPERTY
@given(
    picked=st.lists(st.sampled_from(CHINESE_SENTENCES), min_size=1, max_size=6),
    joiner=st.sampled_from(("", "\n", " ", "。")),
)
def test_chinese_support_sentences_joined_are_not_secrets(picked: list[str], joiner: str) -> None:
    assert find_secrets(joiner.join(picked)) == []


@PROPERTY
@given(
    raw=st.binary(min_size=32, max_size=32),
    label=st.sampled_from(("tx hash: ", "txid ", "交易哈希：", "Transaction hash\n", "区块哈希 ")),
    before=st.sampled_from(
        ("", "私钥没有泄露。", "My private key is safe, ", "private key safe\n")
    ),
    split=st.booleans(),
)
def test_hashes_labelled_as_hashes_are_not_keys(
    raw: bytes, label: str, before: str, split: bool
) -> None:
    value = raw.hex()
    written = f"{value[:32]}\n{value[32:]}" if split else value

    assert find_secrets(f"{before}{label}{written}") == []


def test_chinese_phrases_written_together_are_caught_at_the_measured_rates() -> None:
    # Written together, a phrase is told from prose by its characters (no everyday word, not
    # mostly everyday characters, rare enough inside a sentence) and its checksum, so each
    # layout has a measured miss rate (docs/secret-guard.md); a seeded sample holds it to that.
    rng = random.Random(7)  # noqa: S311 -- a seeded sample, not a secret
    openers = ("我的是", "这是", "您好", "请问", "麻烦看看")
    closers = ("谢谢", "可以吗", "对吗", "帮帮我", "")
    trials = 300
    caught = dict.fromkeys(("rows", "keyword", "alone", "halves", "inside"), 0)
    for _ in range(trials):
        language = rng.choice(CHINESE)
        words = _phrase(language, rng.randbytes(rng.choice((16, 20, 24, 28, 32))))
        row, half = rng.choice((3, 4)), len(words) // 2
        phrase = "".join(words)
        for layout, before, written, after in (
            (
                "rows",
                "标题\n",
                "\n".join(phrase[i : i + row] for i in range(0, len(words), row)),
                "",
            ),
            ("keyword", rng.choice(("我的助记词是", "助记词：", "助记词")), phrase, "。"),
            ("alone", "请帮我看看\n", phrase, "\n谢谢"),
            ("halves", rng.choice(openers) + "\n", f"{phrase[:half]}\n{phrase[half:]}", ""),
            ("inside", rng.choice(openers), phrase, rng.choice(closers)),
        ):
            text = before + written + after
            caught[layout] += _covered(
                text, written, written, SecretKind.RECOVERY_PHRASE, len(before)
            )
    rates = {layout: count / trials for layout, count in caught.items()}

    assert rates["rows"] >= 0.99
    assert rates["keyword"] >= 0.99
    assert rates["alone"] >= 0.99
    assert rates["halves"] >= 0.98
    assert rates["inside"] >= 0.9


def test_a_short_run_holding_two_valid_phrases_is_masked_whole() -> None:
    # Found by the property above: 23 of 24 words whose two halves each pass the checksum.
    words = (
        "axis candy father critic mule viable allow pattern mechanic cover tent energy mad mask "
        "resource tortoise palace giggle balcony blind kangaroo fatal manage"
    )
    text = f"seed phrase: {words}"

    assert _covered(text, "axis", "manage", SecretKind.RECOVERY_PHRASE, len("seed phrase:"))
    masked = mask_secrets(text)
    assert not any(word in masked.split() for word in words.split())
