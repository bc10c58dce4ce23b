"""editable_data: a form's writable copy of what was sent, whatever was sent."""

import copy

import pytest
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from walletdesk.core.forms import editable_data

SENT = [
    "",
    "subject=%E5%85%85%E5%80%BC&description=x&memo=",
    "tags=a&tags=b&tags=&subject=one+two&empty",
    "a=1&a=1&%E2%82%AC=%E2%82%AC&b=%ZZ",
]


def _state(data: MultiValueDict) -> tuple:
    return type(data), data.encoding, [(k, data.getlist(k)) for k in data]


@pytest.mark.parametrize("sent", SENT)
def test_the_copy_is_the_copy_querydict_makes(sent: str) -> None:
    data = QueryDict(sent)

    copied = editable_data(data)

    assert _state(copied) == _state(copy.copy(data))
    assert copied._mutable is True


def test_changing_the_copy_leaves_what_was_sent_alone() -> None:
    data = QueryDict("tags=a&tags=b&subject=x")
    copied = editable_data(data)

    copied["subject"] = "y"
    copied.appendlist("tags", "c")

    assert data.getlist("tags") == ["a", "b"]
    assert data["subject"] == "x"


def test_values_that_are_not_text_are_copied_as_querydict_copies_them() -> None:
    data = QueryDict(mutable=True, encoding="latin-1")
    data.setlist("name", ["caf\xe9"])
    dict.__setitem__(data, "raw", [b"caf\xe9"])  # bytes, as a QueryDict may hold: decoded

    copied = editable_data(data)

    assert _state(copied) == _state(copy.copy(data))
    assert copied.getlist("raw") == ["caf\xe9"]


def test_a_plain_mapping_becomes_a_dict() -> None:
    assert editable_data({"subject": "x"}) == {"subject": "x"}
