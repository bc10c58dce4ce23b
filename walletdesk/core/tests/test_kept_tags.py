"""The kept {% url %} and {% translate %} give exactly what Django's own tags give, whatever
the values, language, escaping or order of renders (the second render comes from the kept
result), and the project's templates use them."""

import uuid

import pytest
from django.template import Context, Engine, engines
from django.template.base import Template
from django.urls import NoReverseMatch
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from walletdesk.core.templatetags import kept_url

STOCK = Engine(libraries={"i18n": "django.templatetags.i18n"})
KEPT = Engine(
    builtins=["walletdesk.core.templatetags.kept_url"],
    libraries={"i18n": "walletdesk.core.templatetags.kept_i18n"},
)
LANGUAGES = st.sampled_from(["zh-hans", "en"])
# Texts a reference, slug or phrase might hold, hostile ones included.
TEXT = st.text(
    alphabet=st.sampled_from(list("WD-0123456789abcXYZ _%<>&\"'/?#充值未到账é")), max_size=12
)


_COMPILED: dict[tuple[int, str], Template] = {}


def _outcome(engine: Engine, source: str, values: dict[str, object], language: str, auto: bool):
    # Each source is compiled once, so its nodes keep what they worked out across examples.
    key = (id(engine), source)
    template = _COMPILED.get(key) or _COMPILED.setdefault(key, engine.from_string(source))
    with translation.override(language):
        try:
            context = Context(values, autoescape=auto)
            return template.render(context), context.flatten().get("kept")
        except NoReverseMatch:
            return "NoReverseMatch", None


URL_SOURCES = [
    "{% url 'console:detail' ref %}",
    "{% url 'console:detail' reference=ref %}",
    "{% url 'kb:portal-topic' ref %}",
    "{% url 'kb:portal-topic' slug=ref as kept %}[{{ kept }}]",
    "{% url 'console:view-delete' view_id %}",
    "{% url 'console:queue' %}?q={{ ref }}",
    "{% url name ref %}",
]


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    source=st.sampled_from(URL_SOURCES),
    ref=TEXT,
    view_id=st.one_of(st.uuids(), TEXT),
    name=st.sampled_from(["console:detail", "kb:portal-topic", "nowhere"]),
    languages=st.lists(LANGUAGES, min_size=1, max_size=3),
    auto=st.booleans(),
)
def test_url_renders_as_django_renders(source, ref, view_id, name, languages, auto) -> None:
    values = {"ref": ref, "view_id": view_id, "name": name}
    for language in languages:  # twice in a row, and after another language
        for _ in range(2):
            assert _outcome(KEPT, source, values, language, auto) == _outcome(
                STOCK, source, values, language, auto
            )


TRANSLATE_SOURCES = [
    '{% load i18n %}{% translate "Reset" %}',
    '{% load i18n %}{% trans "Assign to me" %}',
    '{% load i18n %}{% translate "Open it" context "console" %}',
    '{% load i18n %}{% translate "Reset" noop %}',
    '{% load i18n %}{% translate "Reset" as kept %}[{{ kept }}]',
    "{% load i18n %}{% translate phrase %}",
    "{% load i18n %}{% translate phrase|upper %}",
    '{% load i18n %}{% translate "<b>&%%</b>" %}',
    '{% load i18n %}{% translate "Close" context where %}',
]


@settings(max_examples=150)
@given(
    source=st.sampled_from(TRANSLATE_SOURCES),
    phrase=st.one_of(st.sampled_from(["Reset", "Close", "Assign to me"]), TEXT),
    where=st.sampled_from(["console", "forum moderation", ""]),
    languages=st.lists(LANGUAGES, min_size=1, max_size=3),
    auto=st.booleans(),
)
def test_translate_renders_as_django_renders(source, phrase, where, languages, auto) -> None:
    values = {"phrase": phrase, "where": where}
    for language in languages:
        for _ in range(2):
            assert _outcome(KEPT, source, values, language, auto) == _outcome(
                STOCK, source, values, language, auto
            )


def test_a_phrase_is_kept_per_language() -> None:
    template = KEPT.from_string('{% load i18n %}{% translate "Reset" %}')
    with translation.override("zh-hans"):
        chinese = template.render(Context())
    with translation.override("en"):
        english = template.render(Context())
    assert english == "Reset"
    assert chinese != english


@pytest.mark.django_db
def test_the_project_templates_use_the_kept_tags() -> None:
    kept_url._reversed.cache_clear()
    reference = f"WD-{uuid.uuid4().hex[:6].upper()}"
    template = engines["django"].from_string(
        "{% load i18n %}{% url 'console:detail' ref %} {% translate 'Reset' %}"
    )
    first = template.render({"ref": reference})
    second = template.render({"ref": reference})

    assert first == second
    assert kept_url._reversed.cache_info().hits == 1
    node_types = {type(node).__name__ for node in template.template.nodelist}
    assert {"KeptURLNode", "KeptTranslateNode"} <= node_types


def test_only_i18n_names_two_tag_libraries() -> None:
    from django.core.checks.templates import check_templates

    warnings = [w for w in check_templates(None) if w.id.startswith("templates.")]

    assert [w.id for w in warnings] == ["templates.W003"]
    assert "'i18n' is used for multiple template tag modules" in warnings[0].msg
    assert "walletdesk.core.templatetags.kept_i18n" in warnings[0].msg
