"""The guard at full strength (Strength.STRICT, the security-incident lane), over generated
input: shorter fragments of any list language and every bare 64-hex value are caught; what
the standard guard catches is still caught; a value the words or the field call a hash, and
plain prose, are let through."""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

from walletdesk.chain.secret_guard import (
    STRICT_FRAGMENT_DISTINCT,
    STRICT_FRAGMENT_WORDS,
    SecretKind,
    Strength,
    find_secrets,
)
from walletdesk.chain.tests.corpus import NEGATIVE, positives

PROPERTY = settings(
    max_examples=int(os.environ.get("SECRET_GUARD_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
STRICT = Strength.STRICT
POSITIVES = positives()
LANGUAGES = ("english", "spanish", "french", "italian", "portuguese", "czech")
SEPARATORS = (" ", "\n", ", ", "_", "-", "/", " | ", "\t", "、")
FRAMES = (
    ("", ""),
    ("The site asked me to type: ", " and then my USDT was gone"),
    ("我在网站上输入了 ", " 然后资产就没了"),
    ("words I remember\n", "\n(not all of them)"),
    ("[", "]"),
)
# Lead-ins that call nothing a key or a hash.
PLAIN_LEADS = ("", "see ", "It showed ", "网站显示 ", "this: ", "copied\n")
HASH_LEADS = ("txid ", "交易哈希：", "transaction hash: ", "block hash ", "签名 ")


def _covers(text: str, piece: str, kind: SecretKind) -> bool:
    start = text.index(piece)
    end = start + len(piece)
    return any(
        f.kind == kind and f.start <= start and end <= f.end
        for f in find_secrets(text, strength=STRICT)
    )


@PROPERTY
@given(
    language=st.sampled_from(LANGUAGES),
    positions=st.lists(
        st.integers(min_value=0, max_value=2047),
        min_size=STRICT_FRAGMENT_WORDS,
        max_size=11,
        unique=True,
    ),
    separator=st.sampled_from(SEPARATORS),
    frame=st.sampled_from(FRAMES),
)
def test_a_fragment_of_six_or_more_list_words_is_caught(
    language: str, positions: list[int], separator: str, frame: tuple[str, str]
) -> None:
    wordlist = Mnemonic(language).wordlist
    words = [wordlist[p] for p in positions]
    fragment = separator.join(words)
    text = frame[0] + fragment + frame[1]

    assert _covers(text, fragment, SecretKind.RECOVERY_PHRASE), text


@PROPERTY
@given(
    digits=st.text(alphabet="0123456789abcdefABCDEF", min_size=64, max_size=64),
    prefix=st.sampled_from(("", "0x")),
    lead=st.sampled_from(PLAIN_LEADS),
    tail=st.sampled_from(("", ".", " 然后钱就没了", "\nplease help")),
)
def test_any_bare_64_hex_is_read_as_a_key(digits: str, prefix: str, lead: str, tail: str) -> None:
    value = prefix + digits
    text = lead + value + tail

    assert _covers(text, value, SecretKind.PRIVATE_KEY), text
    # The standard guard reads the same text as a hash: nothing labels it a key.
    assert not any(f.kind == SecretKind.PRIVATE_KEY for f in find_secrets(text))


@PROPERTY
@given(
    digits=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
    lead=st.sampled_from(HASH_LEADS),
)
def test_a_value_its_words_call_a_hash_is_let_through(digits: str, lead: str) -> None:
    text = f"{lead}{digits} please check it"

    assert find_secrets(text, strength=STRICT) == []


@PROPERTY
@given(
    digits=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
    before=st.sampled_from(("", "I lost everything\n")),
)
def test_a_value_inside_a_hash_field_is_let_through(digits: str, before: str) -> None:
    text = before + digits
    span = (len(before), len(text))

    assert find_secrets(text, strength=STRICT, hash_spans=(span,)) == []
    assert find_secrets(text, strength=STRICT)  # the same text outside the field is refused


@PROPERTY
@given(indexes=st.lists(st.integers(min_value=0, max_value=len(POSITIVES) - 1), max_size=5))
def test_full_strength_catches_everything_the_standard_guard_does(indexes: list[int]) -> None:
    for positive in (POSITIVES[i] for i in indexes):
        standard = find_secrets(positive.text)
        strict = find_secrets(positive.text, strength=STRICT)
        for finding in standard:
            assert any(s.start <= finding.start and finding.end <= s.end for s in strict)


def test_clean_support_text_stays_clean_at_full_strength() -> None:
    flagged = [text for text in NEGATIVE if find_secrets(text, strength=STRICT)]

    assert flagged == []


def test_repeated_words_are_not_a_fragment() -> None:
    text = " ".join(["abandon", "ability", "able"] * 3)

    assert len(set(text.split())) < STRICT_FRAGMENT_DISTINCT
    assert find_secrets(text, strength=STRICT) == []


def test_a_chinese_sentence_is_not_a_fragment_but_spaced_characters_are() -> None:
    sentence = "我在电报群里点了一个空投链接，然后签名，几分钟后钱包里的资产全部被转走了。"
    spaced = "的 一 是 在 不 了 有"

    assert find_secrets(sentence, strength=STRICT) == []
    assert _covers(f"网站让我输入 {spaced}", spaced, SecretKind.RECOVERY_PHRASE)
