"""The picture guard's layout rules on boxes built by hand (no OCR engine): rows, columns,
numbered grids, one word per cell, deskew, traditional characters folded, the numbered-list
phrase rule. Each test pins a rule that a small change to pictures.py would break."""

import math
from typing import Any

import numpy as np
import pytest
from mnemonic import Mnemonic
from PIL import Image

from walletdesk.guard import pictures
from walletdesk.guard.pictures import Reading, TextBox, boxes_read
from walletdesk.guard.tests import screens

PHRASE = screens.phrase("english", 12, 3)
ZH = screens.phrase("chinese_simplified", 12, 4)
ENGLISH = Mnemonic("english").wordlist


def _grid(
    words: list[str],
    *,
    columns: int,
    numbers: bool = True,
    skip: tuple[int, ...] = (),
    labels: dict[int, str] | None = None,
) -> list[TextBox]:
    """Boxes of a grid filled row by row: a number box, then the word box, in each cell."""
    boxes = []
    for index, word in enumerate(words):
        row, column = divmod(index, columns)
        x, y = 40 + column * 300, 400 + row * 90
        if numbers and index + 1 not in skip:
            label = (labels or {}).get(index + 1, str(index + 1))
            boxes.append(TextBox.from_rect(label, x, y + 5, x + 20, y + 35))
        if word:
            boxes.append(TextBox.from_rect(word, x + 50, y, x + 50 + 18 * len(word), y + 40))
    return boxes


def _tilted(boxes: list[TextBox], degrees: float) -> list[TextBox]:
    angle = math.radians(degrees)
    cos, sin = math.cos(angle), math.sin(angle)
    return [
        TextBox(box.text, tuple((x * cos - y * sin, x * sin + y * cos) for x, y in box.corners))
        for box in boxes
    ]


def _token(
    text: str, x0: float, x1: float, y0: float = 0, y1: float = 10, number: int | None = None
) -> pictures._Token:
    return pictures._Token(text, number, x0, x1, y0, y1)


# --- boxes ------------------------------------------------------------------------------------


def test_a_box_knows_its_extent_and_the_slope_of_its_top_edge() -> None:
    box = TextBox("seed", ((10, 20), (110, 30), (108, 60), (8, 50)))

    assert (box.left, box.right, box.top, box.bottom) == (8, 110, 20, 60)
    assert box.angle == pytest.approx(math.atan2(10, 100))
    assert box.score == 1.0
    assert TextBox("x", ((5, 0), (5, 9), (0, 9), (0, 0))).angle == 0.0
    assert TextBox.from_rect("x", 1, 2, 3, 4).corners == ((1, 2), (3, 2), (3, 4), (1, 4))


def test_an_engine_answer_becomes_a_box() -> None:
    box = pictures._box([[[1, 2], [3, 2], [3, 4], [1, 4]], 42, "0.5"])

    assert box == TextBox("42", ((1.0, 2.0), (3.0, 2.0), (3.0, 4.0), (1.0, 4.0)), 0.5)


# --- lines and words --------------------------------------------------------------------------


def test_lines_read_top_to_bottom_left_to_right_and_blank_boxes_are_dropped() -> None:
    boxes = [
        TextBox.from_rect("world", 200, 10, 300, 40),
        TextBox.from_rect("   ", 0, 200, 50, 230),
        TextBox.from_rect("second line", 0, 100, 300, 130),
        TextBox.from_rect(" hello ", 0, 12, 100, 38),
    ]

    assert boxes_read(boxes) == Reading(texts=("hello world\nsecond line",))


def test_numbering_is_stripped_in_the_second_reading() -> None:
    boxes = [
        TextBox.from_rect("1. send", 0, 0, 200, 30),
        TextBox.from_rect("2) to", 0, 100, 200, 130),
        TextBox.from_rect("me3", 0, 200, 200, 230),
        TextBox.from_rect("4、你", 0, 300, 200, 330),
    ]

    texts = boxes_read(boxes).texts

    assert texts == ("1. send\n2) to\nme3\n4、你", "send\nto\nme\n你")


def test_a_box_splits_into_words_with_their_share_of_its_width() -> None:
    tokens = pictures._split_box("12. ab3 7tree ①", 100, 260, 5, 25)

    assert [(t.text, t.number, t.x0, t.x1, t.y0, t.y1) for t in tokens] == [
        ("", 12, 100, 130, 5, 25),
        ("ab", None, 140, 155, 5, 25),
        ("", 3, 155, 170, 5, 25),
        ("", 7, 180, 205, 5, 25),
        ("tree", None, 205, 230, 5, 25),
        ("", 1, 240, 250, 5, 25),
    ]
    assert pictures._split_box("", 0, 10, 0, 10) == []


@pytest.mark.parametrize(
    ("word", "number"),
    [("1", 1), ("01", 1), ("9.", 9), ("9,", 9), ("9、", 9), ("9:", 9), ("9：", 9), ("9)", 9),
     ("9）", 9), ("9]", 9), ("24", 24)],
)  # fmt: skip
def test_printed_positions_are_numbers(word: str, number: int) -> None:
    assert [(t.text, t.number) for t in pictures._split_box(word, 0, 10, 0, 10)] == [("", number)]


@pytest.mark.parametrize("word", ["123", "1.2", "a1b", "9..", "x9.", "1-", "9word9"])
def test_other_digits_stay_words(word: str) -> None:
    assert [(t.text, t.number) for t in pictures._split_box(word, 0, 10, 0, 10)] == [(word, None)]


def test_a_token_joins_a_line_only_when_its_middle_falls_inside_it() -> None:
    tall = _token("a", 0, 10, 0, 20)
    edge = _token("b", 20, 30, 20, 20)  # middle exactly on the line's bottom
    below = _token("c", 40, 50, 10, 40)  # middle 25: below the line
    rows = pictures._rows([below, edge, tall])

    assert [[t.text for t in row] for row in rows] == [["a", "b"], ["c"]]
    assert [[t.text for t in r] for r in pictures._rows([_token("x", 9, 9, 5, 5), tall])] == [
        ["x"],
        ["a"],
    ]


def test_a_line_grows_to_hold_its_tokens() -> None:
    grown = [_token("a", 0, 10, 0, 20), _token("b", 20, 30, 5, 25), _token("c", 40, 50, 20, 28)]

    assert [[t.text for t in row] for row in pictures._rows(grown)] == [["a", "b", "c"]]
    flat = pictures._rows([_token("p", 5, 6, 5, 5), _token("q", 0, 1, 5, 5)])
    assert [[t.text for t in row] for row in flat] == [["q", "p"]]
    below = pictures._rows([_token("a", 0, 10, 0, 10), _token("b", 0, 10, 10.5, 20)])
    assert [[t.text for t in row] for row in below] == [["a"], ["b"]]


def test_columns_are_runs_of_overlapping_tokens_read_top_down() -> None:
    tokens = [
        _token("c", 0, 10, 50, 60),
        _token("a", 5, 20, 0, 10),
        _token("d", 20, 30, 20, 30),  # touches the first column's right edge
        _token("b", 31, 40, 0, 10),
        _token("e", 35, 45, 30, 40),
    ]

    columns = pictures._columns(tokens)

    assert [[t.text for t in column] for column in columns] == [["a", "d", "c"], ["b", "e"]]


def test_columns_keep_the_widest_right_edge() -> None:
    tokens = [_token("a", 0, 50), _token("b", 10, 20, 20, 30), _token("c", 40, 60, 40, 50)]

    assert [[t.text for t in c] for c in pictures._columns(tokens)] == [["a", "b", "c"]]


# --- short words ------------------------------------------------------------------------------


def test_a_short_token_is_a_number_or_one_short_word() -> None:
    assert _token("", 0, 1, number=3).short
    assert _token("abcdefgh", 0, 1).short
    assert not _token("abcdefghi", 0, 1).short
    assert _token("你好吗", 0, 1).short
    assert not _token("你好吗呢", 0, 1).short
    assert not _token("ab1", 0, 1).short
    assert not _token("a-b", 0, 1).short


def test_chinese_means_every_character_a_unified_ideograph() -> None:
    assert pictures._is_cjk("助记词")
    assert not pictures._is_cjk("助a")
    assert not pictures._is_cjk("、")
    assert not pictures._is_cjk("\ue000")  # a private-use character has no name


def test_cells_split_merged_chinese_and_drop_misread_numbers() -> None:
    words = [_token(text, 0, 1) for text in ["助记", "词", "B", "ab", "abc", "钱包地"]]

    assert pictures._cells(words) == ["助", "记", "词", "abc", "钱", "包", "地"]


# --- grids ------------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [2, 3])
def test_a_numbered_grid_reads_in_number_row_and_column_order(columns: int) -> None:
    reading = boxes_read(_grid(PHRASE, columns=columns))

    rows = len(PHRASE) // columns
    by_column = [PHRASE[r * columns + c] for c in range(columns) for r in range(rows)]
    numbered = "\n".join(
        " ".join(f"{r * columns + c + 1} {PHRASE[r * columns + c]}" for c in range(columns))
        for r in range(rows)
    )
    stripped = "\n".join(" ".join(PHRASE[r * columns : (r + 1) * columns]) for r in range(rows))
    assert reading.texts == (numbered, stripped, " ".join(PHRASE), " ".join(by_column))
    assert reading.numbered_phrase


@pytest.mark.parametrize("columns", [2, 3])
def test_an_unnumbered_grid_reads_row_by_row_and_column_by_column(columns: int) -> None:
    reading = boxes_read(_grid(PHRASE, columns=columns, numbers=False))

    rows = len(PHRASE) // columns
    by_column = [PHRASE[r * columns + c] for c in range(columns) for r in range(rows)]
    stripped = "\n".join(" ".join(PHRASE[r * columns : (r + 1) * columns]) for r in range(rows))
    assert reading.texts == (stripped, " ".join(PHRASE), " ".join(by_column))
    assert not reading.numbered_phrase


def test_a_column_major_numbered_grid_reads_in_number_order() -> None:
    boxes = []
    for index, word in enumerate(PHRASE):
        column, row = divmod(index, 6)
        x, y = 40 + column * 400, 300 + row * 100
        boxes.append(TextBox.from_rect(f"{index + 1}.", x, y, x + 30, y + 40))
        boxes.append(TextBox.from_rect(word, x + 50, y, x + 200, y + 40))

    texts = boxes_read(boxes).texts

    assert texts[2] == " ".join(PHRASE)
    assert " ".join(PHRASE[i // 2 + 6 * (i % 2)] for i in range(12)) in texts


def test_unread_numbers_take_their_place_from_the_order_that_agrees_best() -> None:
    # Column-major numbers, a few unread: the column order agrees with the numbers read.
    boxes = []
    for index, word in enumerate(PHRASE):
        column, row = divmod(index, 6)
        x, y = 40 + column * 400, 300 + row * 100
        if index + 1 not in (1, 4, 8):
            boxes.append(TextBox.from_rect(f"{index + 1}", x, y, x + 30, y + 40))
        boxes.append(TextBox.from_rect(word, x + 50, y, x + 200, y + 40))

    texts = boxes_read(boxes).texts

    assert texts[2] == " ".join(PHRASE)


def test_a_misread_number_does_not_move_its_word() -> None:
    # "8" read as "B" and "11" as "ll": both are dropped, not read as words.
    reading = boxes_read(_grid(PHRASE, columns=2, labels={8: "B", 11: "ll"}))

    assert " ".join(PHRASE) in reading.texts
    assert reading.numbered_phrase


def test_number_order_breaks_ties_by_grid_position() -> None:
    a, b, c = _token("a", 0, 1), _token("b", 0, 1), _token("c", 0, 1)
    labels = {id(c): 1}

    order = pictures._number_order([a, b, c], [[a, b, c], [c, b, a]], labels)

    assert [t.text for t in order] == ["c", "b", "a"]
    order = pictures._number_order([a, b, c], [[a, b, c], [b, a, c]], {id(b): 2})
    assert [t.text for t in order] == ["a", "b", "c"]
    # A number that disagrees with every grid order still places its word.
    order = pictures._number_order([a, b, c], [[a, b, c]], {id(c): 1})
    assert [t.text for t in order] == ["a", "c", "b"]


def test_labels_are_the_number_just_before_a_word_on_its_line() -> None:
    one, word, two, three, last = (
        _token("", 0, 1, number=1),
        _token("w", 0, 1),
        _token("", 0, 1, number=2),
        _token("", 0, 1, number=3),
        _token("x", 0, 1),
    )
    other = _token("y", 0, 1)

    labels = pictures._labelled([[one, word, two, three, last, other], [_token("z", 0, 1)]])

    assert labels == {id(word): 1, id(last): 3}


def test_one_word_per_box_in_a_grid() -> None:
    chinese = boxes_read(_grid(ZH, columns=3))

    assert " ".join(ZH) in chinese.texts
    assert chinese.numbered_phrase


def test_merged_chinese_cells_are_one_word_per_character() -> None:
    cells = ["".join(ZH[0:3]), *ZH[3:8], "".join(ZH[8:10]), *ZH[10:]]

    reading = boxes_read(_grid(cells, columns=3, numbers=False))

    assert reading.texts[1] == " ".join(ZH)


def test_a_grid_needs_twelve_words() -> None:
    assert len(boxes_read(_grid(PHRASE[:11], columns=2, numbers=False)).texts) == 1
    assert len(boxes_read(_grid(PHRASE[:12], columns=2, numbers=False)).texts) == 3


def test_a_grid_row_holds_two_to_eight_short_tokens_and_at_most_four_words() -> None:
    def reading(row: list[str], rows: int = 12) -> Reading:
        boxes = [
            TextBox.from_rect(text, 40 + 150 * c, 100 * r, 140 + 150 * c, 100 * r + 40)
            for r in range(rows)
            for c, text in enumerate(row)
        ]
        return boxes_read(boxes)

    assert len(reading(["a-b"], 12).texts) == 1  # one token a line: no grid
    assert len(reading(["abc", "1"], 12).texts) == 3
    assert len(reading(["1", "abc", "2", "abd", "3", "abe", "4", "abf"], 3).texts) == 4
    assert len(reading(["1", "abc", "2", "abd", "3", "abe", "4", "abf", "5"], 3).texts) == 2
    assert len(reading(["abc", "abd", "abe", "abf"], 3).texts) == 3
    assert len(reading(["abc", "abd", "abe", "abf", "abg"], 3).texts) == 1
    assert len(reading(["abc", "abcdefghi"], 12).texts) == 1


def test_of_two_equal_runs_of_grid_rows_the_first_is_the_grid() -> None:
    words = [f"w{chr(97 + i)}x" for i in range(24)]
    boxes = [
        TextBox.from_rect(words[r * 2 + c], 40 + 300 * c, 100 * r, 140 + 300 * c, 100 * r + 40)
        for r in range(6)
        for c in range(2)
    ]
    boxes.append(TextBox.from_rect("A sentence between the two grids", 40, 650, 900, 690))
    boxes += [
        TextBox.from_rect(words[12 + r * 2 + c], 40 + 300 * c, 800 + 100 * r, 140 + 300 * c,
                          840 + 100 * r)
        for r in range(6)
        for c in range(2)
    ]  # fmt: skip

    assert boxes_read(boxes).texts[-2] == " ".join(words[:12])


def test_the_longest_run_of_grid_rows_is_the_grid() -> None:
    words = [f"w{chr(97 + i)}x" for i in range(26)]
    boxes = [TextBox.from_rect(" ".join(words[:2]), 40, 0, 200, 40)]  # a short run
    boxes.append(TextBox.from_rect("This is a sentence, not a grid row", 40, 100, 900, 140))
    for r in range(7):
        for c in range(2):
            boxes.append(TextBox.from_rect(words[2 + r * 2 + c], 40 + 300 * c, 200 + 100 * r,
                                           140 + 300 * c, 240 + 100 * r))  # fmt: skip

    texts = boxes_read(boxes).texts

    assert texts[-2:] == (
        " ".join(words[2:16]),
        " ".join(words[2:16:2] + words[3:16:2]),
    )


# --- tilt -------------------------------------------------------------------------------------


@pytest.mark.parametrize("degrees", [-5, 4])
def test_a_tilted_photo_keeps_its_rows_and_columns(degrees: float) -> None:
    straight = boxes_read(_grid(PHRASE, columns=2))

    assert boxes_read(_tilted(_grid(PHRASE, columns=2), degrees)) == straight


def test_the_tilt_is_the_median_slope_of_wide_boxes() -> None:
    wide = [
        TextBox("a", ((0, 0), (100, 2), (100, 20), (0, 18))),
        TextBox("b", ((0, 0), (100, 5), (100, 20), (0, 15))),
        TextBox("c", ((0, 0), (100, 9), (100, 30), (0, 21))),
    ]
    # Far right on the page, so only the width (not where the box sits) leaves them out.
    narrow = TextBox("n", ((1000, 0), (1010, 10), (1010, 20), (1000, 10)))
    square = TextBox("s", ((1000, 0), (1040, 10), (1040, 20), (1000, 10)))  # twice as wide

    assert pictures._deskew([*wide, narrow, square]) == pytest.approx(math.atan2(5, 100))
    assert pictures._deskew([narrow]) == 0.0


def test_a_box_is_turned_back_by_the_tilt() -> None:
    box = TextBox("a", ((0, 0), (10, 0), (10, 5), (0, 5)))
    angle = math.radians(90)

    assert pictures._rotated(box, angle) == pytest.approx((0, -10, 5, 0))
    assert pictures._rotated(box, 0.0) == (0, 0, 10, 5)


# --- scripts ----------------------------------------------------------------------------------


def test_traditional_characters_are_read_as_simplified_too() -> None:
    traditional = screens.phrase("chinese_traditional", 12, 5)
    simplified = screens.phrase("chinese_simplified", 12, 5)
    assert traditional != simplified

    texts = boxes_read(_grid(traditional, columns=3, numbers=False)).texts

    assert texts == (
        "\n".join(" ".join(traditional[i : i + 3]) for i in range(0, 12, 3)),
        " ".join(traditional),
        " ".join(traditional[c::3][r] for c in range(3) for r in range(4)),
        "\n".join(" ".join(simplified[i : i + 3]) for i in range(0, 12, 3)),
        " ".join(simplified),
        " ".join(simplified[c::3][r] for c in range(3) for r in range(4)),
    )


def test_the_fold_maps_only_characters_that_differ() -> None:
    table = pictures._to_simplified()
    lists = Mnemonic("chinese_traditional").wordlist, Mnemonic("chinese_simplified").wordlist

    assert len(table) == sum(t != s for t, s in zip(*lists, strict=True))
    assert all(chr(key) != value for key, value in table.items())
    assert pictures._folded("這 a 们") == "这 a 们"


def test_the_wordlists_are_english_and_simplified_chinese() -> None:
    lists = pictures._wordlists()

    assert lists == {
        "english": frozenset(ENGLISH),
        "chinese_simplified": frozenset(Mnemonic("chinese_simplified").wordlist),
    }


# --- keys -------------------------------------------------------------------------------------


def test_wrapped_key_lines_are_joined_but_other_lines_are_not() -> None:
    key = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"

    assert pictures._keys_joined(["Key: " + key[:20], key[20:40], key[40:], "done"]) == (
        f"Key: {key}\ndone"
    )
    assert pictures._keys_joined(["short", key[:20]]) == f"short\n{key[:20]}"
    assert pictures._keys_joined([key[:20], "not a key line"]) == f"{key[:20]}\nnot a key line"
    assert pictures._keys_joined(["a" * 15, "b" * 16]) == "a" * 15 + "\n" + "b" * 16
    assert pictures._keys_joined(["a" * 16, "b" * 16]) == "a" * 16 + "b" * 16
    assert pictures._keys_joined(["a" * 16, "b-" * 8]) == "a" * 16 + "\n" + "b-" * 8
    assert pictures._keys_joined([]) == ""


def test_a_wrapped_key_is_one_reading() -> None:
    key = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
    boxes = [
        TextBox.from_rect(key[:32], 40, 300, 900, 350),
        TextBox.from_rect(key[32:], 40, 380, 900, 430),
    ]

    assert boxes_read(boxes).texts == (f"{key[:32]}\n{key[32:]}", key)


# --- the numbered-list phrase rule ------------------------------------------------------------


def test_a_numbered_list_missing_unreadable_words_is_a_phrase() -> None:
    words = screens.phrase("chinese_traditional", 12, 6)

    assert boxes_read(_grid(["", "", *words[2:]], columns=2)).numbered_phrase
    assert boxes_read(_grid(["", "", *words[2:]], columns=3)).numbered_phrase


@pytest.mark.parametrize("length", [12, 15, 18, 21, 24])
def test_every_phrase_length_is_a_phrase(length: int) -> None:
    words = screens.phrase("english", length, length)

    assert boxes_read(_grid(words, columns=3)).numbered_phrase


def test_a_title_above_the_list_is_not_in_it() -> None:
    boxes = [TextBox.from_rect("Back up your recovery phrase now", 40, 100, 900, 140)]
    boxes += _grid(PHRASE, columns=2)

    assert boxes_read(boxes).numbered_phrase


def test_numbers_up_to_no_phrase_length_are_no_phrase() -> None:
    words = screens.phrase("english", 12, 9)

    assert not boxes_read(_grid([*words, "abandon"], columns=2)).numbered_phrase
    assert not boxes_read(_grid(words[:11], columns=2)).numbered_phrase


def test_too_few_numbers_read_is_no_phrase() -> None:
    words = screens.phrase("english", 15, 9)
    # 15 numbers: 9 read is 60%, 8 is less.
    six = (1, 3, 5, 8, 10, 12)
    assert boxes_read(_grid(words, columns=3, skip=six)).numbered_phrase
    assert not boxes_read(_grid(words, columns=3, skip=(*six, 7))).numbered_phrase


def test_the_word_count_must_be_near_the_phrase_length() -> None:
    words = screens.phrase("english", 12, 9)
    extra = ["about", "above", "absent"]

    def grid(cells: list[str]) -> bool:
        return boxes_read(_grid(cells, columns=2)).numbered_phrase

    assert grid(["", "", *words[2:]])  # 10 words for 12 numbers
    assert not grid(["", "", "", *words[3:]])  # 9
    # Two words in a cell: 14 words is still the list, 15 is not.
    assert grid([f"{w} {extra[i]}" if i < 2 else w for i, w in enumerate(words)])
    assert not grid([f"{w} {extra[i]}" if i < 3 else w for i, w in enumerate(words)])


def test_two_thirds_of_the_phrase_must_be_list_words() -> None:
    words = screens.phrase("english", 12, 9)
    other = ["zzyx", "qqrv", "wwkp", "jjhm", "xxtz"]

    def grid(count: int) -> bool:
        return boxes_read(_grid([*other[:count], *words[count:]], columns=2)).numbered_phrase

    assert grid(3)  # 9 of 12 found: three quarters
    assert not grid(4)  # 8 of 12: two thirds of the phrase but not three quarters of the words
    reading = boxes_read(_grid(["", "", "", "", *words[4:]], columns=2))
    assert not reading.numbered_phrase  # 8 found of 8 read: not two thirds of 12


def test_a_short_row_below_the_last_number_is_not_in_the_list() -> None:
    # Buttons under the grid ("Copy Done Back") are not words of the phrase.
    boxes = _grid(PHRASE, columns=2)
    boxes += [TextBox.from_rect(w, 40 + 200 * i, 1000, 140 + 200 * i, 1040) for i, w in
              enumerate(["Copy", "Done", "Back"])]  # fmt: skip

    assert boxes_read(boxes).numbered_phrase


def test_ten_words_read_of_twelve_with_eight_in_the_list_is_a_phrase() -> None:
    words = screens.phrase("english", 12, 9)

    assert boxes_read(_grid(["", "", "zzyx", "qqrv", *words[4:]], columns=2)).numbered_phrase


def test_upper_case_and_chinese_words_are_looked_up() -> None:
    assert boxes_read(_grid([w.upper() for w in PHRASE], columns=2)).numbered_phrase
    assert boxes_read(_grid(ZH, columns=2)).numbered_phrase


def test_ordinary_numbered_steps_of_an_english_faq_are_no_phrase() -> None:
    steps = [
        "Open", "Settings", "Tap", "Security", "Choose", "Backup", "Enter", "PIN",
        "Confirm", "Email", "Wait", "Done",
    ]  # fmt: skip

    reading = boxes_read(_grid(steps, columns=2))

    assert not reading.numbered_phrase
    assert " ".join(steps) in reading.texts


def test_a_numbered_list_of_long_lines_is_no_phrase() -> None:
    lines = [f"Step {i}: open the wallet app and check the address" for i in range(12)]

    assert not boxes_read(_grid(lines, columns=1)).numbered_phrase


def test_empty_and_tiny_inputs() -> None:
    assert boxes_read([]) == Reading(texts=())
    assert boxes_read([TextBox.from_rect(" ", 0, 0, 1, 1)]) == Reading(texts=())
    assert boxes_read([TextBox.from_rect("7", 0, 0, 1, 1)]) == Reading(texts=("7",))
    assert pictures._readings([]) == ([], [])
    assert not pictures._numbered_phrase([])
    assert not pictures._numbered_phrase([[_token("abc", 0, 1)]])


# --- the engine, without running it -----------------------------------------------------------


class _Engine:
    """Stands in for the OCR engine: records what it is given, answers ``answer``."""

    def __init__(self, answer: list[list[object]] | None) -> None:
        self.answer = answer
        self.calls: list[tuple[Any, dict[str, object]]] = []

    def __call__(self, pixels: Any, **options: object) -> tuple[list[list[object]] | None, float]:
        self.calls.append((pixels, options))
        return self.answer, 0.1


def test_a_large_picture_is_read_at_the_reading_size_in_rgb(monkeypatch: Any) -> None:
    engine = _Engine([[[[0, 0], [9, 0], [9, 5], [0, 5]], "hello", 0.75]])
    monkeypatch.setattr(pictures, "ocr_engine", lambda: engine)
    image = Image.effect_noise((3200, 800), 64)  # grey, and busy enough to show resampling

    boxes = pictures.picture_boxes(image)

    assert boxes == [TextBox("hello", ((0, 0), (9, 0), (9, 5), (0, 5)), 0.75)]
    [(pixels, options)] = engine.calls
    expected = image.convert("RGB").resize((1600, 400), Image.Resampling.BILINEAR)
    assert np.array_equal(pixels, np.asarray(expected))
    assert options == {"use_cls": False}


def test_a_small_picture_is_read_as_it_is(monkeypatch: Any) -> None:
    engine = _Engine(None)
    monkeypatch.setattr(pictures, "ocr_engine", lambda: engine)
    # Narrower than the reading size: read at its own size, never scaled up.
    image = Image.effect_noise((1000, pictures.MIN_SIDE), 64).convert("RGB")

    assert pictures.picture_boxes(image) == []
    [(pixels, _options)] = engine.calls
    assert np.array_equal(pixels, np.asarray(image))


def test_a_picture_is_read_and_laid_out(monkeypatch: Any) -> None:
    answer = [[[[x, 0], [x + 50, 0], [x + 50, 30], [x, 30]], word, 0.9] for x, word in
              ((200, "world"), (0, "hello"))]  # fmt: skip
    monkeypatch.setattr(pictures, "ocr_engine", lambda: _Engine(answer))

    assert pictures.picture_read(Image.new("RGB", (400, 100))) == Reading(texts=("hello world",))


def test_a_picture_too_thin_to_hold_text_is_not_read(monkeypatch: Any) -> None:
    engine = _Engine(None)
    monkeypatch.setattr(pictures, "ocr_engine", lambda: engine)

    assert pictures.picture_boxes(Image.new("RGB", (1600, pictures.MIN_SIDE - 1))) == []
    assert engine.calls == []


def test_the_engine_is_loaded_on_first_use_only(monkeypatch: Any) -> None:
    loaded: list[object] = []

    def load() -> object:
        loaded.append(object())
        return loaded[-1]

    monkeypatch.setattr(pictures, "_engine", None)
    monkeypatch.setattr(pictures, "_engine_load", load)

    first, second = pictures.ocr_engine(), pictures.ocr_engine()

    assert first is second is loaded[0]
    assert len(loaded) == 1


@pytest.mark.parametrize(("setting", "threads"), [(None, -1), (0, -1), ("3", 3)])
def test_the_engine_reads_at_the_reading_size_with_the_threads_set(
    monkeypatch: Any, settings: Any, setting: object, threads: int
) -> None:
    import rapidocr_onnxruntime

    made: list[dict[str, object]] = []
    monkeypatch.setattr(rapidocr_onnxruntime, "RapidOCR", lambda **options: made.append(options))
    if setting is None:
        del settings.OCR_THREADS
    else:
        settings.OCR_THREADS = setting

    pictures._engine_load()

    assert made == [
        {
            # The picture comes scaled to READ_SIDE: the detector must not scale it again.
            "det_limit_type": "max",
            "det_limit_side_len": pictures.READ_SIDE,
            "max_side_len": 2 * pictures.READ_SIDE,
            "det_box_thresh": 0.4,
            "rec_img_shape": [3, 48, 160],
            "intra_op_num_threads": threads,
            "inter_op_num_threads": threads,
        }
    ]
