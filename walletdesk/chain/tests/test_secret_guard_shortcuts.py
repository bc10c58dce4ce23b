"""The secret guard's shortcuts against the steps they stand for: where the guard skips a step
because its answer is known by construction, these tests run the step anyway, over every corpus
and over generated text, and ask for the same answer."""

import itertools
import os
import unicodedata
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

from walletdesk.chain import secret_guard
from walletdesk.chain.secret_guard import (
    _INVISIBLE,
    _MAX_SEPARATOR,
    _MIN_RUN,
    _SEPARATOR_RE,
    _TOKEN_RE,
    CHINESE,
    LANGUAGES,
    Strength,
    _index,
    _joined_pieces,
    _joins,
    _prepare,
    _runs,
    _split_values,
    _Token,
    _tokens,
    _word_stretches,
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
    "ﬁ", "㍿", "e\u0301", "\u1100\u1161", "\u3000", "！",
)  # fmt: skip
_HEX = "0123456789abcdefABCDEF"
_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

texts = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.one_of(
            st.sampled_from(_WORDS),
            st.sampled_from(_BETWEEN),
            st.text(alphabet=_HEX, min_size=1, max_size=70),
            st.text(alphabet=_BASE58, min_size=40, max_size=115),
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


# --- runs found from list words only --------------------------------------------------------


def _runs_the_long_way(text: str) -> list[tuple[str, tuple[_Token, ...], tuple[int, ...]]]:
    """Every token made, cut into maximal chains of neighbours of one script, then into runs of
    one language's words (what the guard did before it made tokens of list words only)."""
    chains: list[list[_Token]] = []
    for token in _tokens(text):
        if chains and chains[-1][-1].han == token.han and _joins(chains[-1][-1], token):
            chains[-1].append(token)
        else:
            chains.append([token])
    return sorted(
        (language, tuple(run), tuple(positions))
        for chain in chains
        if len(chain) >= _MIN_RUN
        for language, run, positions in _runs(chain, _languages(chain))
    )


def _runs_from_stretches(text: str) -> list[tuple[str, tuple[_Token, ...], tuple[int, ...]]]:
    return sorted(
        (language, tuple(run), tuple(positions))
        for stretch in _word_stretches(text)
        for language, run, positions in _runs(stretch, _languages(stretch))
    )


def test_a_stretch_of_ten_words_ended_by_a_long_gap_is_kept() -> None:
    words = Mnemonic("english").wordlist[100:110]
    text = " ".join(words) + " " + "-" * 20 + " abandon"

    assert [[token.text for token in stretch] for stretch in _word_stretches(text)] == [words]


def test_the_one_character_words_of_every_wordlist_are_chinese_characters() -> None:
    """What lets a stretch tell a Han token by its length alone."""
    for key, entries in _index().items():
        chinese = {language for language, _ in entries} <= set(CHINESE)
        assert (len(key) == 1) == chinese, key
        assert len(key) > 1 or _TOKEN_RE.fullmatch(key)["han"] == key, key


def _languages(tokens: list[_Token]) -> tuple[str, ...]:
    return CHINESE if tokens[0].han else tuple(lang for lang in LANGUAGES if lang not in CHINESE)


def test_the_corpora_have_the_same_runs_from_list_words_only() -> None:
    for text in _corpus():
        prepared = _prepare(text).text
        assert _runs_from_stretches(prepared) == _runs_the_long_way(prepared), text


@PROPERTY
@given(text=texts)
def test_generated_text_has_the_same_runs_from_list_words_only(text: str) -> None:
    prepared = _prepare(text).text
    assert _runs_from_stretches(prepared) == _runs_the_long_way(prepared)


# --- values in pieces read only in long stretches -------------------------------------------


def test_the_corpora_have_the_same_values_in_pieces() -> None:
    for text in _corpus():
        prepared = _prepare(text).text
        assert _split_values(prepared) == _joined_pieces(prepared, 0, len(prepared)), text


@PROPERTY
@given(text=texts)
def test_generated_text_has_the_same_values_in_pieces(text: str) -> None:
    prepared = _prepare(text).text
    assert _split_values(prepared) == _joined_pieces(prepared, 0, len(prepared))


# --- normalising character by character -----------------------------------------------------


def _kept_in_place_the_long_way(text: str) -> bool:
    """Whether the text is read with its own indices: nothing invisible, and its NFKC is the
    NFKC of each character, one character each."""
    if _INVISIBLE.intersection(text):
        return False
    normal = unicodedata.normalize("NFKC", text)
    return len(normal) == len(text) and all(
        unicodedata.normalize("NFKC", char) == out for char, out in zip(text, normal, strict=True)
    )


def _normalised_in_place(text: str) -> None:
    prepared = _prepare(text)
    assert (prepared.origin is None) == _kept_in_place_the_long_way(text)
    if prepared.origin is None:
        assert prepared.text == unicodedata.normalize("NFKC", text)


def test_the_corpora_are_normalised_in_place_where_the_long_way_says() -> None:
    for text in _corpus():
        _normalised_in_place(text)


@PROPERTY
@given(text=texts)
def test_generated_text_is_normalised_in_place_where_the_long_way_says(text: str) -> None:
    _normalised_in_place(text)


# --- key patterns matched inside long runs only ---------------------------------------------


def _found_scanning_the_whole_text(text: str, strength: Strength) -> list[object]:
    """find_secrets with every key pattern matched over the whole text."""
    original = secret_guard._in_long_runs
    secret_guard._in_long_runs = lambda pattern, text, runs: list(pattern.finditer(text))
    try:
        return list(find_secrets(text, strength=strength))
    finally:
        secret_guard._in_long_runs = original


@pytest.mark.parametrize("strength", list(Strength))
def test_the_corpora_read_the_same_with_keys_looked_for_in_long_runs_only(
    strength: Strength,
) -> None:
    for text in _corpus():
        assert find_secrets(text, strength=strength) == _found_scanning_the_whole_text(
            text, strength
        ), text


@PROPERTY
@given(text=texts, strength=st.sampled_from(list(Strength)))
def test_generated_text_reads_the_same_with_keys_looked_for_in_long_runs_only(
    text: str, strength: Strength
) -> None:
    assert find_secrets(text, strength=strength) == _found_scanning_the_whole_text(text, strength)
