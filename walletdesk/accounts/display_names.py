"""Which display names a customer may not take: the desk's own names and its staff's.

Pages label a customer as a user, but e-mails and notifications show the name alone, so a
customer called "Support" or after an agent could pass for the desk. Names are compared in a
folded form (``display_name_key``): NFKC (full-width letters become plain ones), casefold,
Cyrillic and Greek letters that look Latin mapped to the Latin letter, digits that stand in
for letters mapped too, and spaces, punctuation and invisible characters dropped.
"""

import re
import unicodedata

# Letters from other scripts drawn like a Latin one, and digits used as letters.
_LOOK_ALIKES = str.maketrans(
    {
        # Cyrillic
        "а": "a",
        "в": "b",
        "с": "c",
        "ԁ": "d",
        "е": "e",
        "ё": "e",
        "һ": "h",
        "і": "i",
        "ї": "i",
        "ј": "j",
        "к": "k",
        "ӏ": "l",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "ԛ": "q",
        "ѕ": "s",
        "т": "t",
        "у": "y",
        "х": "x",
        "ԝ": "w",
        "ɡ": "g",
        # Greek
        "α": "a",
        "β": "b",
        "ε": "e",
        "η": "n",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "ϲ": "c",
        # digits and Latin letters that stand for one another
        "0": "o",
        "1": "l",
        "i": "l",
        "|": "l",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "$": "s",
        "@": "a",
    }
)

_NOT_A_LETTER = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    # Accents are dropped: "Ädmin" reads as "admin".
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return text.translate(_LOOK_ALIKES)


def display_name_key(text: str) -> str:
    """The folded form two names are compared in: "Ｓｕｐ-ｐоrt" and "support" share one."""
    return _NOT_A_LETTER.sub("", _fold(text))


def _words(text: str) -> list[str]:
    return [word for word in _NOT_A_LETTER.split(_fold(text)) if word]


# Refused as a whole name or as one word of it ("WalletDesk Support").
_RESERVED_WORDS = frozenset(
    display_name_key(word) for word in ("Support", "Admin", "Official", "Staff")
)
# Refused anywhere in a name ("官方客服小王", "IM Wallet team"): no ordinary name holds them.
_RESERVED_PARTS = tuple(
    display_name_key(part)
    for part in ("客服", "官方", "管理员", "WalletDesk", "IM Wallet", "IM 钱包")
)


def display_name_is_reserved(display_name: str) -> bool:
    """True when the name is, holds or looks like one of the desk's own names."""
    key = display_name_key(display_name)
    if not key:
        return False
    if key in _RESERVED_WORDS or any(part in key for part in _RESERVED_PARTS):
        return True
    return any(display_name_key(word) in _RESERVED_WORDS for word in _words(display_name))
