"""``{% console_static %}`` gives what Django's ``{% static %}`` gives, whatever the path,
escaping, ``as`` variable or settings, the second render from the kept address; the console's
templates use it."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.template import Context, engines
from django.test import override_settings
from django.urls import clear_script_prefix, set_script_prefix
from hypothesis import given, settings
from hypothesis import strategies as st

from walletdesk.console.templatetags import console_static as kept

ENGINE = engines["django"].engine
SOURCES = [
    ("{% load static %}{% static path %}", "{% load console_static %}{% console_static path %}"),
    (
        "{% load static %}{% static path as a %}[{{ a }}]",
        "{% load console_static %}{% console_static path as a %}[{{ a }}]",
    ),
    (
        "{% load static %}{% static 'css/walletdesk.css' %}",
        "{% load console_static %}{% console_static 'css/walletdesk.css' %}",
    ),
]
COMPILED = [(ENGINE.from_string(stock), ENGINE.from_string(ours)) for stock, ours in SOURCES]
PATHS = st.one_of(
    st.sampled_from(["css/walletdesk.css", "img/logo.svg", "js/presence.js"]),
    st.text(alphabet=st.sampled_from(list("ab/._-?#&<>\"' %é充")), max_size=16),
)


def _both(index: int, path: str, auto: bool) -> tuple[str, str]:
    stock, ours = COMPILED[index]
    values = {"path": path}
    return (
        stock.render(Context(values, autoescape=auto)),
        ours.render(Context(values, autoescape=auto)),
    )


@settings(max_examples=150)
@given(index=st.integers(min_value=0, max_value=len(SOURCES) - 1), path=PATHS, auto=st.booleans())
def test_the_kept_address_is_djangos(index, path, auto) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):  # the second from what was kept
        stock, ours = _both(index, path, auto)
        assert ours == stock


@pytest.mark.parametrize("static_url", ["/assets/", "https://cdn.example/s/", "rel/"])
def test_a_changed_setting_or_script_prefix_is_followed(static_url) -> None:  # type: ignore[no-untyped-def]
    assert _both(0, "img/logo.svg", True)[1] == _both(0, "img/logo.svg", True)[0]
    with override_settings(STATIC_URL=static_url):
        stock, ours = _both(0, "img/logo.svg", True)
        assert ours == stock
        assert ours.startswith(
            static_url if "://" in static_url or static_url.startswith("/") else "/"
        )
        set_script_prefix("/desk/")
        try:
            assert _both(0, "img/logo.svg", True)[1] == _both(0, "img/logo.svg", True)[0]
        finally:
            clear_script_prefix()
    assert _both(0, "img/logo.svg", True)[1] == _both(0, "img/logo.svg", True)[0]


def test_a_repeat_is_served_from_what_was_kept() -> None:
    kept._address.cache_clear()
    _both(0, "img/logo.svg", True)
    _both(0, "img/logo.svg", True)
    assert kept._address.cache_info().hits == 1


def test_the_console_templates_use_the_kept_tag() -> None:
    root = Path(django_settings.BASE_DIR)
    sources = [
        *(root / "templates" / "console").glob("*.html"),
        *(root / "walletdesk" / "console" / "templates" / "console").glob("*.html"),
    ]
    assert sources
    for source in sources:
        assert "{% static " not in source.read_text(), source.name
