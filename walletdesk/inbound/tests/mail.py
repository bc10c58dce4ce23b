"""Load the .eml fixtures, filling in what depends on the test's data (reply addresses)."""

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def eml(name: str, **values: str) -> bytes:
    """The raw fixture ``name`` with each ``{{KEY}}`` replaced by ``values[KEY]``."""
    raw = (FIXTURES / name).read_bytes()
    for key, value in values.items():
        raw = raw.replace(f"{{{{{key}}}}}".encode(), value.encode("ascii"))
    return raw


def all_fixtures() -> list[str]:
    return sorted(p.name for p in FIXTURES.glob("*.eml"))
