"""Read the text a picture shows, so the secret guard can judge it like typed text.

Wallets show a recovery phrase as a grid of numbered words; users screenshot that screen or
photograph the paper and attach it. This module turns a picture into the texts the guard reads:

1. ``picture_boxes`` runs the OCR engine (PP-OCR models for Chinese and English, shipped inside
   the rapidocr-onnxruntime wheel: nothing is downloaded, ever) and returns each box of text
   with its corners;
2. ``boxes_read`` lays the boxes out the way a person reads the screen: lines top to bottom,
   and, where the boxes form a grid of short words, the words in number order (when the
   numbers were read), row by row and column by column, numbering stripped, Chinese
   characters one per word, traditional characters also folded into simplified ones.

The guard's rules (chain/secret_guard.py) then run on each text (guard/services.py
``secret_guard_file``). One rule is the picture's own: a numbered list of phrase words is a
phrase even when the engine could not read every word (``Reading.numbered_phrase``).

The engine is loaded once per process, on first use, and one picture is recognised at a time:
onnxruntime already uses every core for one picture, so two at once would only slow both.
"""

import math
import re
import statistics
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from PIL import Image

if TYPE_CHECKING:
    from rapidocr_onnxruntime import RapidOCR

# A phone screenshot (1080x2340) is read at 1600 on its long side: the words of a phrase grid
# stay well above the detector's smallest text, and detection costs half of full size.
READ_SIDE = 1600
# Anything smaller than this on its short side holds no readable phrase.
MIN_SIDE = 24

_engine_lock = threading.Lock()
_read_lock = threading.Lock()
_engine: "RapidOCR | None" = None


def _engine_load() -> "RapidOCR":
    # Imported here: the web process pays for onnxruntime only when a picture arrives.
    from rapidocr_onnxruntime import RapidOCR

    threads = int(getattr(settings, "OCR_THREADS", 0) or -1)
    return RapidOCR(
        # The picture is scaled by us (READ_SIDE); the detector must not scale it up again.
        det_limit_type="max",
        det_limit_side_len=READ_SIDE,
        max_side_len=READ_SIDE * 2,
        # A lower box threshold keeps single Chinese characters and small numbers that the
        # default drops; the recogniser's score still filters noise.
        det_box_thresh=0.4,
        # Words are padded to 160 pixels wide, not 320: a grid of short words reads twice as
        # fast with the same result.
        rec_img_shape=[3, 48, 160],
        intra_op_num_threads=threads,
        inter_op_num_threads=threads,
    )


def ocr_engine() -> "RapidOCR":
    """The process's one OCR engine, loaded on first use (thread-safe)."""
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                _engine = _engine_load()
    return _engine


@dataclass(frozen=True)
class TextBox:
    """One run of text the engine found: its text, corners (clockwise from top left) and
    confidence. Coordinates are those of the picture as read (scaled to READ_SIDE)."""

    text: str
    corners: tuple[tuple[float, float], ...]
    score: float = 1.0

    @property
    def left(self) -> float:
        return min(x for x, _ in self.corners)

    @property
    def right(self) -> float:
        return max(x for x, _ in self.corners)

    @property
    def top(self) -> float:
        return min(y for _, y in self.corners)

    @property
    def bottom(self) -> float:
        return max(y for _, y in self.corners)

    @property
    def angle(self) -> float:
        """Slope of the top edge in radians (a photo held a little crooked)."""
        (x0, y0), (x1, y1) = self.corners[0], self.corners[1]
        return math.atan2(y1 - y0, x1 - x0) if x1 != x0 else 0.0

    @classmethod
    def from_rect(
        cls, text: str, left: float, top: float, right: float, bottom: float
    ) -> "TextBox":
        return cls(text, ((left, top), (right, top), (right, bottom), (left, bottom)))


def picture_boxes(image: Image.Image) -> list[TextBox]:
    """Every box of text the engine finds in ``image`` (any mode, any size)."""
    import numpy as np

    picture = image.convert("RGB")
    scale = READ_SIDE / max(picture.size)
    if scale < 1:
        size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
        picture = picture.resize(size, Image.Resampling.BILINEAR)
    if min(picture.size) < MIN_SIDE:
        return []
    pixels = np.asarray(picture)
    engine = ocr_engine()
    with _read_lock:
        # No direction classifier: screens are upright, and it only knows 0 and 180 degrees.
        result, _elapsed = engine(pixels, use_cls=False)
    return [_box(item) for item in result or ()]


def _box(item: Sequence[Any]) -> TextBox:
    corners, text, score = item[0], item[1], item[2]
    return TextBox(
        text=str(text),
        corners=tuple((float(x), float(y)) for x, y in corners),
        score=float(score),
    )


@dataclass(frozen=True)
class Reading:
    """What the guard reads of one picture or page: texts, and whether the picture shows a
    numbered list of recovery-phrase words some of which the engine could not read."""

    texts: tuple[str, ...]
    numbered_phrase: bool = False


def picture_read(image: Image.Image) -> Reading:
    """Recognise ``image`` and lay its text out for the guard."""
    return boxes_read(picture_boxes(image))


def boxes_read(boxes: Iterable[TextBox]) -> Reading:
    boxes = [box for box in boxes if box.text.strip()]
    texts, rows = _readings(boxes)
    return Reading(texts=tuple(texts), numbered_phrase=_numbered_phrase(rows))


# --- layout -----------------------------------------------------------------------------------

# "1", "01", "1.", "1)", "12、", "①" (NFKC makes it "1"): a word's printed position.
_NUMBER = re.compile(r"^(\d{1,2})[.,、:：)）\]]?$")
_NUMBER_THEN_WORD = re.compile(r"^(\d{1,2})[.,、:：)）\]]?([^\W\d_]+)$")
_WORD_THEN_NUMBER = re.compile(r"^([^\W\d_]+)(\d{1,2})$")
_KEYLIKE = re.compile(r"^[0-9A-Za-z]{16,}$")
# A grid cell holds one word: a Latin word of a recovery phrase has at most 8 letters, a
# Chinese one is a single character (two or three when the engine merged neighbouring cells).
_SHORT_LATIN = 8
_SHORT_CJK = 3


def _is_cjk(word: str) -> bool:
    return all(unicodedata.name(ch, "").startswith("CJK UNIFIED") for ch in word)


@dataclass
class _Token:
    text: str
    number: int | None  # a printed position ("3."), not a word
    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def short(self) -> bool:
        if self.number is not None:
            return True
        limit = _SHORT_CJK if _is_cjk(self.text) else _SHORT_LATIN
        return len(self.text) <= limit and self.text.isalpha()


def _deskew(boxes: Sequence[TextBox]) -> float:
    """The page's tilt: the median slope of boxes wide enough to show one."""
    angles = [box.angle for box in boxes if box.right - box.left > 2 * (box.bottom - box.top)]
    return statistics.median(angles) if angles else 0.0


def _rotated(box: TextBox, angle: float) -> tuple[float, float, float, float]:
    cos, sin = math.cos(-angle), math.sin(-angle)
    xs = [x * cos - y * sin for x, y in box.corners]
    ys = [x * sin + y * cos for x, y in box.corners]
    return min(xs), min(ys), max(xs), max(ys)


def _split_box(text: str, x0: float, x1: float, y0: float, y1: float) -> list[_Token]:
    """The box's words with their share of its width; numbering split from the words."""
    words = unicodedata.normalize("NFKC", text).split()
    total = sum(len(word) + 1 for word in words) or 1
    tokens: list[_Token] = []
    offset = 0
    for word in words:
        start = x0 + (x1 - x0) * offset / total
        end = x0 + (x1 - x0) * (offset + len(word)) / total
        offset += len(word) + 1
        parts: list[tuple[str, int | None]]
        if match := _NUMBER.match(word):
            parts = [("", int(match[1]))]
        elif match := _NUMBER_THEN_WORD.match(word):
            parts = [("", int(match[1])), (match[2], None)]
        elif match := _WORD_THEN_NUMBER.match(word):
            # "rack12": a word with the next cell's number stuck to it.
            parts = [(match[1], None), ("", int(match[2]))]
        else:
            parts = [(word, None)]
        width = (end - start) / len(parts)
        for index, (part, number) in enumerate(parts):
            left = start + index * width
            tokens.append(_Token(part, number, left, left + width, y0, y1))
    return tokens


def _rows(items: list[_Token]) -> list[list[_Token]]:
    """Tokens grouped into lines: a token joins the line its vertical middle falls in."""
    rows: list[list[_Token]] = []
    bounds: list[tuple[float, float]] = []
    for token in sorted(items, key=lambda t: t.cy):
        if rows:
            top, bottom = bounds[-1]
            if top <= token.cy <= bottom:
                rows[-1].append(token)
                bounds[-1] = (min(top, token.y0), max(bottom, token.y1))
                continue
        rows.append([token])
        bounds.append((token.y0, token.y1))
    return [sorted(row, key=lambda t: t.x0) for row in rows]


def _columns(tokens: list[_Token]) -> list[list[_Token]]:
    """Tokens grouped into columns by overlapping horizontal extent."""
    columns: list[list[_Token]] = []
    right = -math.inf
    for token in sorted(tokens, key=lambda t: t.x0):
        if columns and token.x0 <= right:
            columns[-1].append(token)
            right = max(right, token.x1)
        else:
            columns.append([token])
            right = token.x1
    return [sorted(column, key=lambda t: t.cy) for column in columns]


def _grid_block(rows: list[list[_Token]]) -> list[list[_Token]]:
    """The longest run of lines that look like rows of a word grid: two to eight short tokens
    each (printed numbers included: a row whose words the engine could not read still holds
    the grid together), at most four words, twelve words at least in all."""
    best: list[list[_Token]] = []
    current: list[list[_Token]] = []
    for row in [*rows, []]:
        words = [t for t in row if t.number is None]
        if 2 <= len(row) <= 8 and len(words) <= 4 and all(t.short for t in row):
            current.append(row)
            continue
        if sum(len(r) for r in current) > sum(len(r) for r in best):
            best = current
        current = []
    count = len(_cells([t for row in best for t in row if t.number is None]))
    return best if count >= 12 else []


def _labelled(rows: list[list[_Token]]) -> dict[int, int]:
    """Word token id -> the number printed before it on the same line."""
    labels: dict[int, int] = {}
    for row in rows:
        pending: int | None = None
        for token in row:
            if token.number is not None:
                pending = token.number
            elif pending is not None:
                labels[id(token)] = pending
                pending = None
    return labels


def _cells(words: list[_Token]) -> list[str]:
    """A grid's words. A cell of 2-3 Chinese characters is the engine having merged
    neighbouring cells, so each character is its own word; in a grid,
    one or two Latin letters are a misread number ("8" as "B"): no list word is that short,
    so they are left out."""
    out: list[str] = []
    for token in words:
        if _is_cjk(token.text) and len(token.text) > 1:
            out.extend(token.text)
        elif not _is_cjk(token.text) and len(token.text) <= 2:
            continue
        else:
            out.append(token.text)
    return out


@cache
def _to_simplified() -> dict[int, str]:
    """Traditional characters of the BIP-39 list -> the simplified ones at the same index.

    The two Chinese wordlists are one list in two scripts, and the engine often answers a
    traditional character with its simplified form: folding a reading into simplified makes
    a traditional phrase read as one script, with the same word indices (and checksum).
    """
    from mnemonic import Mnemonic

    simplified = Mnemonic("chinese_simplified").wordlist
    traditional = Mnemonic("chinese_traditional").wordlist
    return {ord(t): s for t, s in zip(traditional, simplified, strict=True) if t != s}


def _folded(text: str) -> str:
    return text.translate(_to_simplified())


def _number_order(
    words: list[_Token], orders: list[list[_Token]], labels: dict[int, int]
) -> list[_Token]:
    """Words in the order their numbers say; a word whose number was not read takes its place
    from the grid order that agrees best with the numbers that were."""

    def agreement(order: list[_Token]) -> int:
        return sum(1 for i, t in enumerate(order) if labels.get(id(t)) == i + 1)

    best = max(orders, key=agreement)
    position = {id(t): i + 1 for i, t in enumerate(best)}
    return sorted(words, key=lambda t: (labels.get(id(t), position[id(t)]), position[id(t)]))


def _readings(boxes: list[TextBox]) -> tuple[list[str], list[list[_Token]]]:
    """The texts a person would read off the boxes, for the secret guard.

    Always: the lines top to bottom as the engine read them, then the same lines with the
    numbering stripped, and with wrapped lines of a long key joined. When the boxes form a grid
    of short words: its words in number order (where numbers were read), row by row, and
    column by column, Chinese characters one per word.
    """
    if not boxes:
        return [], []
    angle = _deskew(boxes)
    tokens: list[_Token] = []
    lines_source: list[_Token] = []
    for box in boxes:
        x0, y0, x1, y1 = _rotated(box, angle)
        lines_source.append(_Token(box.text.strip(), None, x0, x1, y0, y1))
        tokens.extend(_split_box(box.text, x0, x1, y0, y1))

    lines = [" ".join(t.text for t in row) for row in _rows(lines_source)]
    readings = ["\n".join(lines)]
    rows = _rows(tokens)
    readings.append("\n".join(" ".join(t.text for t in row if t.text) for row in rows))
    readings.append(_keys_joined(lines))

    block = _grid_block(rows)
    if block:
        words = [t for row in block for t in row if t.number is None]
        row_major = list(words)
        column_major = [t for column in _columns(words) for t in column]
        labels = _labelled(block)
        orders = [row_major, column_major]
        if labels:
            orders.insert(0, _number_order(words, orders, labels))
        readings.extend(" ".join(_cells(order)) for order in orders)
    readings.extend([_folded(r) for r in readings])
    return list(dict.fromkeys(r for r in readings if r.strip())), rows


# Lengths of a recovery phrase, in words.
_PHRASE_LENGTHS = frozenset({12, 15, 18, 21, 24})


@cache
def _wordlists() -> dict[str, frozenset[str]]:
    from mnemonic import Mnemonic

    return {
        language: frozenset(Mnemonic(language).wordlist)
        for language in ("english", "chinese_simplified")
    }


def _has_number(row: list[_Token]) -> bool:
    return any(t.number is not None for t in row)


def _numbered_phrase(rows: list[list[_Token]]) -> bool:
    """A numbered list of 12-24 words from one BIP-39 list, whatever the engine missed.

    Phones show a phrase as numbered cells; the engine reads the numbers reliably but not
    every rare character (traditional Chinese especially), and the guard's text rules need
    every word. Printed numbers running up to a phrase length with most of them read, about
    as many words as numbers, and two thirds of the phrase's words found in one wordlist (and
    three quarters of the words read) are a phrase on screen.
    """
    numbered = [i for i, row in enumerate(rows) if all(t.short for t in row) and _has_number(row)]
    if not numbered:
        return False
    # The lines from the first numbered one to the last: a title above is not in the list.
    listed = [row for row in rows[numbered[0] : numbered[-1] + 1] if all(t.short for t in row)]
    numbers = {t.number for row in listed for t in row if t.number is not None}
    if not numbers or max(numbers) not in _PHRASE_LENGTHS:
        return False
    length = max(numbers)
    if len(numbers) < length * 0.6:
        return False
    words = [_folded(w) for w in _cells([t for row in listed for t in row if t.number is None])]
    if not length - 2 <= len(words) <= length + 2:
        return False
    for wordlist in _wordlists().values():
        found = sum(1 for word in words if word.lower() in wordlist)
        if found * 3 >= length * 2 and found * 4 >= len(words) * 3:
            return True
    return False


def _keys_joined(lines: list[str]) -> str:
    """Lines with a key wrapped over several lines (hex, base58) put back together."""
    out: list[str] = []
    for line in lines:
        if out and _KEYLIKE.match(line) and _KEYLIKE.match(out[-1].split(" ")[-1]):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)
