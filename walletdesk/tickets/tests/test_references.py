"""Ticket references: what we draw, and every way a person may type one back."""

import re

import pytest

from walletdesk.tickets.references import (
    ALPHABET,
    LENGTH,
    PREFIX,
    reference_generate,
    reference_normalise,
)

SHAPE = re.compile(rf"^{re.escape(PREFIX)}[{ALPHABET}]{{{LENGTH}}}$")


def test_generated_references_have_the_published_shape() -> None:
    references = [reference_generate() for _ in range(2000)]

    assert all(SHAPE.match(r) for r in references)
    assert len(set(references)) > 1990  # random, not a counter or a constant


def test_alphabet_has_no_look_alikes() -> None:
    assert not set(ALPHABET) & set("01OILU")
    assert len(set(ALPHABET)) == len(ALPHABET)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("WD-7K3Q9M", "WD-7K3Q9M"),
        ("wd-7k3q9m", "WD-7K3Q9M"),
        ("  WD-7K3Q9M \n", "WD-7K3Q9M"),
        ("7k3q9m", "WD-7K3Q9M"),
        ("WD7K3Q9M", "WD-7K3Q9M"),
        ("wd 7k3 q9m", "WD-7K3Q9M"),
        ("WD\u30007K3Q9M", "WD-7K3Q9M"),  # ideographic space
        ("ＷＤ－７Ｋ３Ｑ９Ｍ", "WD-7K3Q9M"),  # full-width, as a Chinese input method types it
        ("WDAB23", "WD-WDAB23"),  # a bare reference that starts with W, D
        ("wdab23", "WD-WDAB23"),
        ("WDWDAB23", "WD-WDAB23"),
        ("WD-WDAB23", "WD-WDAB23"),
        ("WD-\x00ABCD", "WD-ABCD"),
    ],
)
def test_normalise_accepts_what_people_type(typed: str, expected: str) -> None:
    assert reference_normalise(typed) == expected


def test_normalise_is_idempotent() -> None:
    reference = reference_generate()

    assert reference_normalise(reference_normalise(reference.lower())) == reference


@pytest.mark.parametrize("garbage", ["", "   ", "提现", "<script>", "x" * 300])
def test_normalise_never_raises_on_garbage(garbage: str) -> None:
    result = reference_normalise(garbage)

    assert result.startswith(PREFIX)
    assert not SHAPE.match(result)


def test_every_letter_is_drawn_equally_often() -> None:
    # A letter taken as byte % 30 from every byte would favour the first 16 letters by 1/15.
    counts = dict.fromkeys(ALPHABET, 0)
    for _ in range(100_000):
        for letter in reference_generate()[len(PREFIX) :]:
            counts[letter] += 1
    expected = 100_000 * LENGTH / len(ALPHABET)

    # 20,000 draws a letter: chance alone stays within 4% (over 5 standard deviations); the
    # bias above would be 5.5% to 6.25%.
    assert all(abs(count - expected) < expected * 0.04 for count in counts.values()), counts


def test_a_draw_short_of_letters_draws_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # Bytes of 240 and above are thrown away, so a draw may hold fewer than six letters.
    draws = iter([bytes([255] * 10 + [0, 1]), bytes([2, 3, 250, 4, 5] + [255] * 7)])
    monkeypatch.setattr("walletdesk.tickets.references.secrets.token_bytes", lambda n: next(draws))

    assert reference_generate() == PREFIX + ALPHABET[0:6]
