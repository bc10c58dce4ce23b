"""The picture guard: the engine offline, the layout of what a screen shows, and how well
rendered screenshots are judged (recall over phrase screens, no false alarm on ordinary ones)."""

import threading
import time

import pytest
from PIL import Image, ImageDraw

from walletdesk.chain.secret_guard import find_secrets
from walletdesk.guard import pictures
from walletdesk.guard.models import Channel, SecretCatch
from walletdesk.guard.pictures import Reading, TextBox, boxes_read, picture_read
from walletdesk.guard.services import secret_guard_file
from walletdesk.guard.tests import screens

PHRASE = screens.phrase("english", 12, 3)
ZH = screens.phrase("chinese_simplified", 12, 4)


def _flagged(reading: Reading) -> bool:
    return reading.numbered_phrase or any(find_secrets(text) for text in reading.texts)


def _grid_boxes(words: list[str], *, columns: int, numbers: bool = True, skip=()) -> list[TextBox]:
    """Boxes as the engine returns them for a numbered grid filled row by row."""
    boxes = []
    for index, word in enumerate(words):
        row, column = divmod(index, columns)
        x, y = 40 + column * 300, 400 + row * 90
        if numbers and index + 1 not in skip:
            boxes.append(TextBox.from_rect(str(index + 1), x, y + 5, x + 20, y + 35))
        boxes.append(TextBox.from_rect(word, x + 50, y, x + 50 + 18 * len(word), y + 40))
    return boxes


# --- layout -----------------------------------------------------------------------------------


def test_a_numbered_grid_reads_in_number_order_without_the_numbers():
    boxes = _grid_boxes(PHRASE, columns=3)

    reading = boxes_read(reversed(boxes))

    assert " ".join(PHRASE) in reading.texts


def test_a_column_major_grid_reads_in_number_order():
    # 1-6 down the first column, 7-12 down the second.
    boxes = []
    for index, word in enumerate(PHRASE):
        column, row = divmod(index, 6)
        x, y = 40 + column * 400, 300 + row * 100
        boxes.append(TextBox.from_rect(f"{index + 1}.", x, y, x + 30, y + 40))
        boxes.append(TextBox.from_rect(word, x + 50, y, x + 200, y + 40))

    reading = boxes_read(boxes)

    assert " ".join(PHRASE) in reading.texts


def test_a_number_the_engine_missed_takes_its_place_from_the_grid():
    boxes = _grid_boxes(PHRASE, columns=2, skip={1, 7})

    reading = boxes_read(boxes)

    assert " ".join(PHRASE) in reading.texts


def test_numbers_stuck_to_words_are_stripped():
    # The engine merges a cell's number with its word, or a word with the next cell's number.
    boxes = [
        TextBox.from_rect(
            f"{i + 1}.{word}" if i % 2 else f"{word}{i + 2}", 40, 100 * i, 300, 100 * i + 40
        )
        for i, word in enumerate(PHRASE)
    ]

    reading = boxes_read(boxes)

    assert any(" ".join(PHRASE) == text.replace("\n", " ") for text in reading.texts)


def test_chinese_cells_merged_by_the_engine_are_one_character_each():
    cells = ["".join(ZH[0:2]), *ZH[2:6], "".join(ZH[6:8]), *ZH[8:]]

    reading = boxes_read(_grid_boxes(cells, columns=2, numbers=False))

    assert " ".join(ZH) in reading.texts


def test_traditional_characters_are_folded_to_the_simplified_list():
    traditional = screens.phrase("chinese_traditional", 12, 5)
    simplified = screens.phrase("chinese_simplified", 12, 5)

    reading = boxes_read(_grid_boxes(traditional, columns=3))

    assert " ".join(simplified) in reading.texts


def test_a_numbered_phrase_with_unread_words_is_still_a_phrase():
    # Two characters the engine cannot read, their numbers still there.
    words = screens.phrase("chinese_traditional", 12, 6)
    boxes = [b for b in _grid_boxes(words, columns=2) if b.text not in words[:2]]

    reading = boxes_read(boxes)

    assert reading.numbered_phrase


def test_a_numbered_list_of_ordinary_words_is_not_a_phrase():
    steps = ["打开钱包", "点击资产", "选择币种", "点击转账", "粘贴地址", "输入金额"] * 2

    reading = boxes_read(_grid_boxes(steps, columns=2))

    assert not reading.numbered_phrase
    assert not any(find_secrets(text) for text in reading.texts)


def test_a_key_wrapped_over_two_lines_is_put_back_together():
    key = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
    boxes = [
        TextBox.from_rect("Export private key", 40, 100, 500, 150),
        TextBox.from_rect(key[:32], 40, 300, 900, 350),
        TextBox.from_rect(key[32:], 40, 380, 900, 430),
    ]

    reading = boxes_read(boxes)

    assert any(key in text for text in reading.texts)
    assert _flagged(reading)


def test_a_slightly_rotated_grid_keeps_its_rows():
    import math

    angle = math.radians(4)
    boxes = []
    for box in _grid_boxes(PHRASE, columns=2):
        corners = tuple(
            (x * math.cos(angle) - y * math.sin(angle), x * math.sin(angle) + y * math.cos(angle))
            for x, y in box.corners
        )
        boxes.append(TextBox(box.text, corners))

    reading = boxes_read(boxes)

    assert " ".join(PHRASE) in reading.texts


def test_nothing_read_is_no_text():
    assert boxes_read([]).texts == ()
    assert not boxes_read([TextBox.from_rect("  ", 0, 0, 10, 10)]).numbered_phrase


# --- the engine -------------------------------------------------------------------------------


def test_the_engine_reads_offline_from_the_models_it_ships():
    # pytest-socket blocks every connection beyond 127.0.0.1 in this suite: a model fetched
    # at run time would fail here.
    image = Image.new("RGB", (600, 120), "white")
    ImageDraw.Draw(image).text((20, 30), "withdrawal pending", font=screens.font(44), fill="black")

    boxes = pictures.picture_boxes(image)

    assert "withdrawal pending" in " ".join(box.text for box in boxes)


def test_the_engine_is_loaded_once_for_every_thread():
    found = []

    def load():
        found.append(pictures.ocr_engine())

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len({id(engine) for engine in found}) == 1


def test_a_tiny_picture_is_not_sent_to_the_engine():
    assert pictures.picture_boxes(Image.new("RGB", (20, 4000), "white")) == []


# --- the policy -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_catch_names_the_file_and_kinds_never_the_text(alice):
    reading = boxes_read(_grid_boxes(PHRASE, columns=2))

    kinds = secret_guard_file(
        name="backup.png", readings=[reading], user=alice, channel=Channel.API
    )

    assert kinds == ["recovery_phrase"]
    catch = SecretCatch.objects.get()
    assert catch.fields == ["file:backup.png"]
    assert catch.kinds == ["recovery_phrase"]
    assert catch.channel == Channel.API
    assert not any(word in str(catch.fields) + str(catch.kinds) for word in PHRASE)


@pytest.mark.django_db
def test_reading_stops_at_the_first_secret(alice):
    read = []

    def readings():
        for reading in (Reading(texts=("hello",)), boxes_read(_grid_boxes(PHRASE, columns=2))):
            read.append(reading)
            yield reading
        raise AssertionError("read past the secret")

    assert secret_guard_file(name="a.pdf", readings=readings(), user=alice)
    assert len(read) == 2


@pytest.mark.django_db
def test_an_ordinary_file_records_nothing(alice):
    assert (
        secret_guard_file(name="tx.png", readings=[Reading(texts=("TRC20 100 USDT",))], user=alice)
        == []
    )
    assert not SecretCatch.objects.exists()


# --- the corpus -------------------------------------------------------------------------------


@pytest.mark.ocr
def test_rendered_screenshots_recall_and_false_positives():
    results = []
    started = time.perf_counter()
    for screen in [*screens.phrase_screens(), *screens.ordinary_screens()]:
        results.append((screen, _flagged(picture_read(screen.image))))
    elapsed = time.perf_counter() - started

    positives = [flagged for screen, flagged in results if screen.secret]
    false_alarms = [screen.name for screen, flagged in results if not screen.secret and flagged]
    missed = [screen.name for screen, flagged in results if screen.secret and not flagged]
    recall = sum(positives) / len(positives)
    print(
        f"\npicture guard: recall {recall:.1%} ({sum(positives)}/{len(positives)} phrase and key "
        f"screens), false positives {len(false_alarms)}/{len(results) - len(positives)} "
        f"ordinary screens, {elapsed / len(results):.2f} s a picture; missed: {missed}"
    )
    assert recall >= 0.9
    assert false_alarms == []
