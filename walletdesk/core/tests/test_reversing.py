import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from walletdesk.core.reversing import _around, reverse_with


@pytest.fixture(autouse=True)
def _fresh() -> None:
    _around.cache_clear()


@pytest.mark.parametrize("reference", ["WD-7KQ2MX", "wd_1", "A", "0-0"])
def test_a_plain_value_gives_the_address_reverse_gives(reference: str) -> None:
    expected = reverse("portal:submitted", kwargs={"reference": reference})
    assert reverse_with("portal:submitted", "reference", reference) == expected


def test_the_address_around_the_value_is_reversed_once() -> None:
    reverse_with("portal:submitted", "reference", "WD-AAAAAA")
    reverse_with("portal:submitted", "reference", "WD-BBBBBB")
    assert _around.cache_info().misses == 1
    assert _around.cache_info().hits == 1


@pytest.mark.parametrize("value", ["a b", "中文", "x/y", "50%", "a.b", ""])
def test_any_other_value_is_reversed_as_django_does(value: str) -> None:
    try:
        expected = reverse("portal:submitted", kwargs={"reference": value})
    except NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            reverse_with("portal:submitted", "reference", value)
        return
    assert reverse_with("portal:submitted", "reference", value) == expected
    assert _around.cache_info().currsize == 0


def test_the_script_prefix_is_part_of_the_kept_address() -> None:
    try:
        set_script_prefix("/desk/")
        under_prefix = reverse_with("portal:submitted", "reference", "WD-AAAAAA")
    finally:
        set_script_prefix("/")
    assert under_prefix.startswith("/desk/")
    assert not reverse_with("portal:submitted", "reference", "WD-AAAAAA").startswith("/desk/")


def test_a_name_the_route_does_not_take_still_raises() -> None:
    # A name the route does not take is refused as reverse() refuses it.
    with pytest.raises(NoReverseMatch):
        reverse_with("portal:submitted", "no_such_argument", "WD-AAAAAA")
