"""The secret guard's shortcuts against the steps they stand for: where the guard skips a step
because its answer is known by construction, these tests run the step anyway, over every corpus
and over generated text, and ask for the same answer."""

import itertools
import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

from walletdesk.chain import secret_guard
from walletdesk.chain.secret_guard import (
    _MAX_SEPARATOR,
    _SEPARATOR_RE,
    Strength,
    _prepare,
    _Token,
    _tokens,
    find_secrets,
)
from walletdesk.chain.tests import heldout_shapes
from walletdesk.chain.tests.corpus import NEGATIVE, UNLABELLED_HEX, positives

PROPERTY = settings(
    max_examples=int(os.environ.get("SECRET_GUARD_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

_WORDS = [
    *Mnemonic("english").wordlist[:300],
    *Mnemonic("chinese_simplified").wordlist[:300],
    *Mnemonic("spanish").wordlist[:100],
    *Mnemonic("japanese").wordlist[:100],
    *Mnemonic("korean").wordlist[:100],
    *Mnemonic("russian").wordlist[:100],
    "seed",
    "助记词",
    "私钥",
    "private key",
    "txid",
    "0x",
]
# Everything that may stand between words, or break them: numbering, digits of every script,
# the underscore, marks, invisible and full-width characters, look-alike letters, emoji.
_BETWEEN = (
    " ", "\n", "\t", ", ", ".", "。", "，", "、", "_", "-", "/", "#", "1.", "12)", "3、",
    "٣", "５", "①", "²", "½", "\u0301", "\u200b", "\u00ad", "ａ", "а", "ο", "🔑", "…", "",
)  # fmt: skip
_HEX = "0123456789abcdefABCDEF"

texts = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.one_of(
            st.sampled_from(_WORDS),
            st.sampled_from(_BETWEEN),
            st.text(alphabet=_HEX, min_size=1, max_size=70),
            st.text(max_size=6),
        ),
        max_size=80,
    ).map("".join),
)


def _corpus() -> Iterator[str]:
    yield from NEGATIVE
    yield from UNLABELLED_HEX
    yield from (positive.text for positive in positives())
    for value in vars(heldout_shapes).values():
        if isinstance(value, str):
            yield value
        elif isinstance(value, (list, tuple)):
            yield from (item for item in value if isinstance(item, str))


def _joins_by_pattern(left: _Token, right: _Token, text: str) -> bool:
    """The neighbour rule read the long way: the gap matched against _SEPARATOR_RE."""
    if left.end == right.start:
        return left.han and right.han
    return (
        right.start - left.end <= _MAX_SEPARATOR
        and _SEPARATOR_RE.fullmatch(text, left.end, right.start) is not None
    )


def _gaps_are_separators(text: str) -> bool:
    prepared = _prepare(text).text
    tokens = _tokens(prepared)
    return all(
        _SEPARATOR_RE.fullmatch(prepared, left.end, right.start) is not None
        for left, right in itertools.pairwise(tokens)
    )


def _found_by_pattern(text: str, strength: Strength) -> list[object]:
    """find_secrets with every gap between tokens matched against _SEPARATOR_RE again."""
    original = secret_guard._joins
    prepared = _prepare(text).text

    def joins(left: _Token, right: _Token) -> bool:
        return _joins_by_pattern(left, right, prepared)

    secret_guard._joins = joins
    try:
        return list(find_secrets(text, strength=strength))
    finally:
        secret_guard._joins = original


@PROPERTY
@given(text=texts)
def test_every_gap_between_tokens_is_a_separator(text: str) -> None:
    assert _gaps_are_separators(text)


def test_every_gap_between_tokens_of_the_corpora_is_a_separator() -> None:
    assert all(_gaps_are_separators(text) for text in _corpus())


@pytest.mark.parametrize("strength", list(Strength))
def test_the_corpora_read_the_same_without_matching_the_gaps(strength: Strength) -> None:
    for text in _corpus():
        assert find_secrets(text, strength=strength) == _found_by_pattern(text, strength), text


@PROPERTY
@given(text=texts, strength=st.sampled_from(list(Strength)))
def test_generated_text_reads_the_same_without_matching_the_gaps(
    text: str, strength: Strength
) -> None:
    assert find_secrets(text, strength=strength) == _found_by_pattern(text, strength)
