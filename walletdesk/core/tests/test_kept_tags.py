"""The kept {% url %} and {% translate %} give exactly what Django's own tags give, whatever
the values, language, escaping or order of renders (the second render comes from the kept
result), and the project's templates use them; every address the project names is put
together from its shape exactly as Django reverses it."""

import uuid

import pytest
from django.template import Context, Engine, engines
from django.template.base import Template
from django.urls import NoReverseMatch, get_resolver, reverse
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
    # A block in another language, nested, and the page's language again after it.
    '{% load i18n %}{% translate "Reset" %}{% language "en" %}{% translate "Reset" %}'
    '{% endlanguage %}{% translate "Reset" %}',
    '{% load i18n %}{% language "zh-hans" %}{% translate "Reset" %}{% language "en" %}'
    '{% translate "Close" %}{% endlanguage %}{% translate "Close" %}{% endlanguage %}'
    '{% translate "Close" %}',
    '{% load i18n %}{% translate "Close" %}{% language other %}{% translate "Reset" %}'
    '{% endlanguage %}{% translate "Reset" %}',
]


@settings(max_examples=150)
@given(
    source=st.sampled_from(TRANSLATE_SOURCES),
    phrase=st.one_of(st.sampled_from(["Reset", "Close", "Assign to me"]), TEXT),
    where=st.sampled_from(["console", "forum moderation", ""]),
    other=LANGUAGES,
    languages=st.lists(LANGUAGES, min_size=1, max_size=3),
    auto=st.booleans(),
)
def test_translate_renders_as_django_renders(source, phrase, where, other, languages, auto) -> None:
    values = {"phrase": phrase, "where": where, "other": other}
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
    kept_url._shape.cache_clear()
    view_id = uuid.uuid4()
    template = engines["django"].from_string(
        "{% load i18n %}{% url 'console:detail' ref %} {% url 'console:view-delete' view_id %} "
        "{% translate 'Reset' %}"
    )
    renders = [
        template.render({"ref": f"WD-{uuid.uuid4().hex[:6].upper()}", "view_id": view_id})
        for _ in range(2)
    ]

    assert renders[0].split()[1:] == renders[1].split()[1:]
    # The second ticket's address put together from the first one's shape, the same UUID's
    # address kept whole.
    assert kept_url._shape.cache_info().hits == 1
    assert kept_url._reversed.cache_info().hits == 1
    node_types = {type(node).__name__ for node in template.template.nodelist}
    assert {"KeptURLNode", "KeptTranslateNode"} <= node_types


def _named_addresses() -> list[tuple[str, tuple[str, ...]]]:
    """Every name the project reverses, with the names of its values, namespaces included."""
    found = []

    def walk(resolver: object, namespace: str) -> None:
        for key, possibilities in resolver.reverse_dict.lists():  # type: ignore[attr-defined]
            if isinstance(key, str):
                for bits, _pattern, _defaults, _converters in possibilities:
                    for _suffix, params in bits:
                        found.append((namespace + key, tuple(params)))
        for name, (_prefix, sub) in resolver.namespace_dict.items():  # type: ignore[attr-defined]
            walk(sub, f"{namespace}{name}:")

    walk(get_resolver(), "")
    return found


def _assert_kept_as_reversed(name, params, values, as_keywords) -> None:
    """The kept address of ``name`` with the first values (positional or by name) is the one
    reverse() gives, or both refuse; twice, so the second comes from what was kept."""
    given_values = values[: len(params)]
    args = [] if as_keywords else given_values
    kwargs = dict(zip(params, given_values, strict=False)) if as_keywords else {}

    def outcome(reverser):
        try:
            return reverser()
        except NoReverseMatch:
            return "NoReverseMatch"

    for _ in range(2):
        assert outcome(lambda: kept_url.reverse_kept(name, args, kwargs, None)) == outcome(
            lambda: reverse(name, args=args, kwargs=kwargs)
        )


NAMED = [named for named in _named_addresses() if named[1]]  # those that take values
# Plain text (what a shape takes), with the lengths, cases and signs of references and slugs.
SHAPED_TEXT = st.text(alphabet=st.sampled_from(list("WD-_09azXQ")), min_size=1, max_size=10)


@settings(max_examples=300)
@given(
    named=st.sampled_from(NAMED),
    # Mostly plain text, which a shape takes; now and then text it must leave to reverse().
    values=st.lists(st.one_of(SHAPED_TEXT, SHAPED_TEXT, SHAPED_TEXT, TEXT), min_size=3, max_size=3),
    as_keywords=st.booleans(),
    language=LANGUAGES,
)
def test_every_project_address_is_kept_as_django_reverses_it(
    named, values, as_keywords, language
) -> None:
    name, params = named
    with translation.override(language):
        _assert_kept_as_reversed(name, params, values, as_keywords)


def test_only_i18n_names_two_tag_libraries() -> None:
    from django.core.checks.templates import check_templates

    warnings = [w for w in check_templates(None) if w.id.startswith("templates.")]

    assert [w.id for w in warnings] == ["templates.W003"]
    assert "'i18n' is used for multiple template tag modules" in warnings[0].msg
    assert "walletdesk.core.templatetags.kept_i18n" in warnings[0].msg


@pytest.mark.urls("walletdesk.core.tests.urls_shapes")
@settings(max_examples=200)
@given(
    named=st.sampled_from(
        [("fixed", ("code",)), ("either", ("value",)), ("or", ("value",)), ("mixed", ("a", "b"))]
    ),
    values=st.lists(
        st.one_of(SHAPED_TEXT, st.from_regex(r"[a-z]{1,9}|[0-9]{1,4}", fullmatch=True)),
        min_size=2,
        max_size=2,
    ),
    as_keywords=st.booleans(),
)
def test_a_shape_is_used_only_where_every_plain_text_fits(named, values, as_keywords) -> None:
    # Patterns that take some plain text and refuse other, or that two patterns share: the
    # stand-ins find them out, and their addresses are reversed as Django reverses them.
    name, params = named
    kept_url._shape.cache_clear()
    _assert_kept_as_reversed(name, params, values, as_keywords)
