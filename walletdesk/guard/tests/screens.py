# ruff: noqa: S311 -- a seeded PRNG makes the pictures, and so the figures, reproducible
"""Phone screenshots (1080x2340) and photos drawn for measuring the picture guard.

PHRASE screens show a recovery phrase the way wallets do: a numbered grid of 12 or 24 words in
two or three columns, the words as lines of text, or a sheet of paper photographed a little
crooked, blurred and noisy; in the English, Simplified and Traditional Chinese wordlists, light
and dark. ORDINARY screens are what users really attach and must pass: transaction details with
a hash and addresses, an asset list, a Chinese error dialog, an English FAQ page.

Everything is generated from a seed (phrases come from the ``mnemonic`` package), so a failure
can be drawn again and looked at.
"""

import random
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mnemonic import Mnemonic
from PIL import Image, ImageDraw, ImageFilter, ImageFont

WIDTH, HEIGHT = 1080, 2340
_FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)
# Faces inside the Noto CJK collection.
_FACE = {"english": 2, "chinese_simplified": 2, "chinese_traditional": 3}
LANGUAGES = ("english", "chinese_simplified", "chinese_traditional")

LIGHT = {
    "bg": (255, 255, 255),
    "card": (242, 243, 247),
    "text": (20, 22, 28),
    "dim": (130, 134, 145),
}
DARK = {"bg": (16, 17, 22), "card": (38, 40, 50), "text": (240, 240, 245), "dim": (125, 128, 140)}

TX_HASH = "0x9f2c4d6e8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d"
EVM_FROM = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
EVM_TO = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"


@cache
def font_file() -> str:
    """A font with Chinese and Latin glyphs (Debian's fonts-noto-cjk)."""
    for path in _FONT_FILES:
        if Path(path).exists():
            return path
    found = shutil.which("fc-match")
    if found:
        answer = subprocess.run(  # noqa: S603 - a fixed local command
            [found, "-f", "%{file}", "Noto Sans CJK SC"],
            capture_output=True,
            text=True,
            check=False,
        )
        if answer.stdout.endswith((".ttc", ".otf", ".ttf")):
            return answer.stdout
    raise RuntimeError("A CJK font is needed: apt-get install fonts-noto-cjk")


@cache
def font(size: int, language: str = "chinese_simplified") -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_file(), size, index=_FACE.get(language, 2))


@dataclass(frozen=True)
class Screen:
    name: str
    image: Image.Image
    secret: bool


def phrase(language: str, words: int, seed: int) -> list[str]:
    """A valid BIP-39 phrase, the same for the same seed."""
    rng = random.Random(seed)
    entropy = bytes(rng.getrandbits(8) for _ in range(words * 4 // 3))
    return Mnemonic(language).to_mnemonic(entropy).split()


_TITLES = {
    "english": (
        "Back up your recovery phrase",
        "Write these words down in order. Never share them.",
    ),
    "chinese_simplified": ("备份助记词", "请按顺序抄写助记词，切勿泄露给任何人。"),
    "chinese_traditional": ("備份助記詞", "請按順序抄寫助記詞，切勿洩露給任何人。"),
}


def _status_bar(draw: ImageDraw.ImageDraw, theme: dict[str, tuple[int, int, int]]) -> None:
    draw.text((60, 40), "9:41", font=font(40), fill=theme["text"])
    draw.text((WIDTH - 220, 40), "5G 87%", font=font(36), fill=theme["text"])


def _canvas(theme: dict[str, tuple[int, int, int]]) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (WIDTH, HEIGHT), theme["bg"])
    draw = ImageDraw.Draw(image)
    _status_bar(draw, theme)
    return image, draw


def phrase_grid(words: list[str], *, columns: int, language: str, dark: bool) -> Image.Image:
    """The backup screen: title, warning, numbered cells filled row by row."""
    theme = DARK if dark else LIGHT
    image, draw = _canvas(theme)
    title, warning = _TITLES[language]
    draw.text((60, 180), title, font=font(56, language), fill=theme["text"])
    draw.text((60, 280), warning, font=font(34, language), fill=theme["dim"])
    rows = (len(words) + columns - 1) // columns
    cell_w = (WIDTH - 120) // columns
    cell_h = min(140, (HEIGHT - 700) // rows)
    word_size = 46 if columns == 2 else 40
    for index, word in enumerate(words):
        row, column = divmod(index, columns)
        x, y = 60 + column * cell_w, 400 + row * cell_h
        draw.rounded_rectangle(
            (x + 8, y + 8, x + cell_w - 8, y + cell_h - 8), 18, fill=theme["card"]
        )
        draw.text(
            (x + 28, y + cell_h // 2), f"{index + 1}", font=font(30), fill=theme["dim"], anchor="lm"
        )
        draw.text(
            (x + 90, y + cell_h // 2),
            word,
            font=font(word_size, language),
            fill=theme["text"],
            anchor="lm",
        )
    button_y = HEIGHT - 260
    draw.rounded_rectangle((60, button_y, WIDTH - 60, button_y + 130), 65, fill=(47, 110, 245))
    label = "I've written it down" if language == "english" else "我已抄写"
    draw.text(
        (WIDTH // 2, button_y + 65), label, font=font(44, language), fill="white", anchor="mm"
    )
    return image


def phrase_lines(words: list[str], *, language: str, dark: bool) -> Image.Image:
    """The phrase as flowing text in a box, wrapped over several lines."""
    theme = DARK if dark else LIGHT
    image, draw = _canvas(theme)
    title, warning = _TITLES[language]
    draw.text((60, 180), title, font=font(56, language), fill=theme["text"])
    draw.text((60, 280), warning, font=font(34, language), fill=theme["dim"])
    size = 48
    face = font(size, language)
    draw.rounded_rectangle((60, 400, WIDTH - 60, 1300), 24, fill=theme["card"])
    x, y = 100, 450
    gap = " " if language == "english" else "  "
    for word in words:
        width = draw.textlength(word + gap, font=face)
        if x + width > WIDTH - 100:
            x, y = 100, y + size + 40
        draw.text((x, y), word, font=face, fill=theme["text"])
        x += round(width)
    return image


def paper_photo(words: list[str], *, language: str, seed: int) -> Image.Image:
    """A sheet of paper with the numbered words on a desk, photographed crooked and blurred."""
    rng = random.Random(seed)
    paper = Image.new("RGB", (900, 1500), (250, 247, 238))
    draw = ImageDraw.Draw(paper)
    face = font(46, language)
    for index, word in enumerate(words):
        column, row = divmod(index, (len(words) + 1) // 2)
        x, y = 60 + column * 420, 80 + row * (1300 // ((len(words) + 1) // 2))
        draw.text((x, y), f"{index + 1}. {word}", font=face, fill=(30, 30, 60))
    photo = Image.new("RGB", (WIDTH, HEIGHT), (120, 98, 76))
    tilted = paper.rotate(rng.uniform(-4, 4), expand=True, fillcolor=(120, 98, 76))
    photo.paste(tilted, ((WIDTH - tilted.width) // 2, (HEIGHT - tilted.height) // 2))
    photo = photo.filter(ImageFilter.GaussianBlur(1.2))
    noise = Image.effect_noise((WIDTH, HEIGHT), 24).convert("RGB")
    return Image.blend(photo, noise, 0.12)


def key_screen(*, language: str, dark: bool, seed: int) -> Image.Image:
    """The export screen of a raw private key, wrapped over two lines."""
    rng = random.Random(seed)
    key = "".join(rng.choice("0123456789abcdef") for _ in range(64))
    theme = DARK if dark else LIGHT
    image, draw = _canvas(theme)
    title = "Export private key" if language == "english" else "导出私钥"
    draw.text((60, 180), title, font=font(56, language), fill=theme["text"])
    draw.rounded_rectangle((60, 400, WIDTH - 60, 640), 24, fill=theme["card"])
    draw.text((100, 440), key[:32], font=font(46), fill=theme["text"])
    draw.text((100, 530), key[32:], font=font(46), fill=theme["text"])
    return image


# --- screens that must pass -------------------------------------------------------------------


def transaction_details(*, dark: bool) -> Image.Image:
    theme = DARK if dark else LIGHT
    image, draw = _canvas(theme)
    draw.text((60, 180), "交易详情", font=font(56), fill=theme["text"])
    draw.text((WIDTH // 2, 400), "-120.5 USDT", font=font(72), fill=theme["text"], anchor="mm")
    draw.text((WIDTH // 2, 500), "已完成 Completed", font=font(38), fill=(40, 170, 90), anchor="mm")
    rows = [
        ("网络 Network", "Ethereum (ERC20)"),
        ("发送方 From", EVM_FROM[:22]),
        ("", EVM_FROM[22:]),
        ("接收方 To", EVM_TO[:22]),
        ("", EVM_TO[22:]),
        ("交易哈希 Tx hash", TX_HASH[:34]),
        ("", TX_HASH[34:]),
        ("区块 Block", "19876543"),
        ("矿工费 Network fee", "0.00042 ETH"),
        ("时间 Time", "2025-03-14 15:26:53"),
        ("备注 Memo", "房租 三月"),
    ]
    y = 640
    for label, value in rows:
        draw.text((60, y), label, font=font(36), fill=theme["dim"])
        draw.text((WIDTH - 60, y), value, font=font(36), fill=theme["text"], anchor="ra")
        y += 90
    draw.text(
        (60, y + 60), "在区块浏览器中查看 View on explorer", font=font(38), fill=(47, 110, 245)
    )
    return image


def asset_list(*, dark: bool) -> Image.Image:
    theme = DARK if dark else LIGHT
    image, draw = _canvas(theme)
    draw.text((60, 180), "我的钱包 Wallet 1", font=font(50), fill=theme["text"])
    draw.text((60, 270), "总资产 ≈ $12,480.36", font=font(64), fill=theme["text"])
    assets = [
        ("USDT", "Tether", "5,230.00", "$5,230.00"),
        ("ETH", "以太坊", "1.2040", "$4,012.88"),
        ("BTC", "比特币", "0.0351", "$2,310.41"),
        ("TRX", "波场", "6,120.5", "$780.12"),
        ("BNB", "币安币", "0.2500", "$146.95"),
        ("SOL", "Solana", "0.0000", "$0.00"),
        ("DOGE", "狗狗币", "0.00", "$0.00"),
        ("USDC", "USD Coin", "0.00", "$0.00"),
    ]
    y = 460
    for symbol, name, amount, value in assets:
        draw.ellipse((60, y, 150, y + 90), fill=theme["card"])
        draw.text((180, y), symbol, font=font(44), fill=theme["text"])
        draw.text((180, y + 55), name, font=font(32), fill=theme["dim"])
        draw.text((WIDTH - 60, y), amount, font=font(44), fill=theme["text"], anchor="ra")
        draw.text((WIDTH - 60, y + 55), value, font=font(32), fill=theme["dim"], anchor="ra")
        y += 170
    tabs = ["钱包", "行情", "发现", "我的"]
    for index, tab in enumerate(tabs):
        draw.text(
            (135 + index * 270, HEIGHT - 120), tab, font=font(34), fill=theme["dim"], anchor="mm"
        )
    return image


def chinese_error_dialog(*, dark: bool) -> Image.Image:
    theme = DARK if dark else LIGHT
    image, draw = _canvas(theme)
    draw.text((60, 180), "转账", font=font(56), fill=theme["text"])
    draw.text((60, 320), "收款地址", font=font(36), fill=theme["dim"])
    draw.text((60, 380), "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", font=font(38), fill=theme["text"])
    draw.rectangle((0, 0, WIDTH, HEIGHT), fill=None)
    overlay = Image.new("RGB", (WIDTH, HEIGHT), (0, 0, 0))
    image = Image.blend(image, overlay, 0.45)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((90, 850, WIDTH - 90, 1450), 36, fill=theme["card"])
    draw.text((WIDTH // 2, 930), "转账失败", font=font(52), fill=theme["text"], anchor="mm")
    lines = [
        "矿工费不足，请确认账户中有足够的",
        "TRX 用于支付能量和带宽后重试。",
        "错误代码：BANDWIDTH_ERROR 4012",
        "如果问题持续存在，请联系客服。",
    ]
    for index, line in enumerate(lines):
        draw.text((150, 1020 + index * 70), line, font=font(38), fill=theme["dim"])
    draw.text((WIDTH // 2, 1370), "我知道了", font=font(44), fill=(47, 110, 245), anchor="mm")
    return image


def english_faq(*, dark: bool) -> Image.Image:
    theme = DARK if dark else LIGHT
    image, draw = _canvas(theme)
    draw.text((60, 180), "Help Center", font=font(56), fill=theme["text"])
    paragraphs = [
        (
            "Why has my deposit not arrived?",
            [
                "A deposit shows once the network has confirmed it.",
                "Busy networks can take an hour",
                "or more. Check the transaction hash on a block",
                "explorer before contacting support.",
            ],
        ),
        (
            "Will support ask for my recovery phrase?",
            [
                "Never. Nobody from support will ever ask for your",
                "recovery phrase or private key.",
                "Anyone who does is trying to steal your funds.",
            ],
        ),
        (
            "How do I pick the right network?",
            [
                "Use the same network as the sending platform,",
                "for example TRC20 for USDT on Tron.",
                "Sending on the wrong network can lose funds.",
            ],
        ),
        (
            "What does a pending withdrawal mean?",
            [
                "It is waiting for a block. Fees that are too low",
                "keep it waiting longer; you can speed",
                "it up from the transaction page.",
            ],
        ),
    ]
    y = 320
    for question, lines in paragraphs:
        draw.text((60, y), question, font=font(42), fill=theme["text"])
        y += 75
        for line in lines:
            draw.text((60, y), line, font=font(36), fill=theme["dim"])
            y += 58
        y += 60
    return image


def phrase_screens(*, seed: int = 7) -> Iterator[Screen]:
    """Every shape of screen that shows a recovery phrase or a key."""
    n = seed
    for language in LANGUAGES:
        short = {
            "english": "en",
            "chinese_simplified": "zh-hans",
            "chinese_traditional": "zh-hant",
        }[language]
        for words, columns, dark in ((12, 2, False), (12, 3, True), (24, 2, True), (24, 3, False)):
            n += 1
            theme = "dark" if dark else "light"
            yield Screen(
                f"grid-{short}-{words}w-{columns}col-{theme}",
                phrase_grid(
                    phrase(language, words, n), columns=columns, language=language, dark=dark
                ),
                secret=True,
            )
        n += 1
        yield Screen(
            f"lines-{short}-12w",
            phrase_lines(phrase(language, 12, n), language=language, dark=language != "english"),
            secret=True,
        )
        n += 1
        yield Screen(
            f"paper-{short}-12w",
            paper_photo(phrase(language, 12, n), language=language, seed=n),
            secret=True,
        )
    yield Screen("key-en", key_screen(language="english", dark=False, seed=n), secret=True)
    yield Screen(
        "key-zh", key_screen(language="chinese_simplified", dark=True, seed=n + 1), secret=True
    )


def ordinary_screens() -> Iterator[Screen]:
    """Screens users attach every day: none holds a secret."""
    for dark in (False, True):
        theme = "dark" if dark else "light"
        yield Screen(f"tx-details-{theme}", transaction_details(dark=dark), secret=False)
        yield Screen(f"assets-{theme}", asset_list(dark=dark), secret=False)
        yield Screen(f"error-dialog-zh-{theme}", chinese_error_dialog(dark=dark), secret=False)
        yield Screen(f"faq-en-{theme}", english_faq(dark=dark), secret=False)


def png_bytes(image: Image.Image) -> bytes:
    import io

    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@cache
def phrase_screenshot_png() -> bytes:
    """One backup screen of a 12-word English phrase, as a phone saves it."""
    return png_bytes(
        phrase_grid(phrase("english", 12, 1), columns=2, language="english", dark=False)
    )


@cache
def ordinary_screenshot_png() -> bytes:
    """Transaction details: a hash and addresses, no secret."""
    return png_bytes(transaction_details(dark=False))


def pdf_of(image: Image.Image) -> bytes:
    """A scanned page: the picture alone, no text layer."""
    import io

    out = io.BytesIO()
    image.convert("RGB").save(out, "PDF", resolution=150)
    return out.getvalue()


def pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose text layer says ``text`` (Latin letters, Helvetica)."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font_ref = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_ref})}
    )
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 10 Tf 40 780 Td ({escaped}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
