"""Typed environment readers behind settings.py."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from walletdesk.core.env import env_bool, env_int, env_list, env_secret, env_str

NAME = "WALLETDESK_TEST_VALUE"


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(NAME, raising=False)
    monkeypatch.delenv(f"{NAME}_FILE", raising=False)


def test_env_str(monkeypatch: pytest.MonkeyPatch) -> None:
    assert env_str(NAME) == ""
    assert env_str(NAME, "fallback") == "fallback"
    monkeypatch.setenv(NAME, "值")
    assert env_str(NAME, "fallback") == "值"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        (" TRUE ", True),
        ("yes", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("No", False),
        ("off", False),
        ("", False),
    ],
)
def test_env_bool(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv(NAME, raw)

    assert env_bool(NAME, default=not expected) is expected


def test_env_bool_default_when_unset() -> None:
    assert env_bool(NAME) is False
    assert env_bool(NAME, default=True) is True


@pytest.mark.parametrize("raw", ["maybe", "2", "ja"])
def test_env_bool_refuses_anything_else(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv(NAME, raw)

    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_bool(NAME)


@pytest.mark.parametrize(("raw", "expected"), [("42", 42), (" 7 ", 7), ("-3", -3), ("", 5)])
def test_env_int(monkeypatch: pytest.MonkeyPatch, raw: str, expected: int) -> None:
    monkeypatch.setenv(NAME, raw)

    assert env_int(NAME, 5) == expected


def test_env_int_default_when_unset() -> None:
    assert env_int(NAME, 60) == 60


@pytest.mark.parametrize("raw", ["sixty", "1.5", "0x10"])
def test_env_int_refuses_non_integers(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv(NAME, raw)

    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_int(NAME, 1)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("a,b", ["a", "b"]), (" a , ,b ,", ["a", "b"]), ("", []), ("one", ["one"])],
)
def test_env_list(monkeypatch: pytest.MonkeyPatch, raw: str, expected: list[str]) -> None:
    monkeypatch.setenv(NAME, raw)

    assert env_list(NAME, ["default"]) == expected


def test_env_list_default_when_unset() -> None:
    assert env_list(NAME, ["127.0.0.1"]) == ["127.0.0.1"]


def test_env_secret_from_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NAME, "s3cret")

    assert env_secret(NAME) == "s3cret"
    assert env_secret("WALLETDESK_TEST_UNSET", "dflt") == "dflt"


def test_env_secret_file_wins_and_is_stripped(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = tmp_path / "secret"
    secret.write_text("  from-file\n", encoding="utf-8")
    monkeypatch.setenv(NAME, "from-variable")
    monkeypatch.setenv(f"{NAME}_FILE", str(secret))

    assert env_secret(NAME) == "from-file"
