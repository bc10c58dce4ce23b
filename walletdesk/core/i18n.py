"""Pick the right language of a two-language text stored on a row."""

from django.utils import translation


def is_chinese() -> bool:
    return (translation.get_language() or "zh-hans").lower().startswith("zh")


def pick(zh: str, en: str) -> str:
    """The text in the active language, falling back to the other one when empty."""
    if is_chinese():
        return zh or en
    return en or zh
