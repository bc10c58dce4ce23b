"""Django's ``i18n`` library, with ``{% translate "literal" %}`` worked out once per language.

A page like the agent's ticket view says a hundred fixed phrases; Django looks each up and
escapes it again on every request. A literal phrase with no filters translates to the same
text for a given language and escaping, so its node keeps the result. Everything else (a
variable, a filter, a context given by a variable) renders exactly as Django renders it.
Installed as the ``i18n`` library (settings.TEMPLATES), so templates keep ``{% load i18n %}``.
"""

from typing import Any

from django import template
from django.template.base import FilterExpression, Parser, Token
from django.templatetags import i18n as django_i18n

from walletdesk.core.templatetags.kept_state import forget, request_state, restore

register = template.Library()
register.tags.update(django_i18n.register.tags)
register.filters.update(django_i18n.register.filters)


def _is_literal(expression: FilterExpression | None) -> bool:
    if expression is None:
        return True
    var = expression.var
    return not expression.filters and not isinstance(var, str) and var.literal is not None


class KeptTranslateNode(django_i18n.TranslateNode):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kept: dict[tuple[str | None, bool], str] | None = (
            {}
            if _is_literal(self.filter_expression) and _is_literal(self.message_context)
            else None
        )

    def render(self, context: template.Context) -> str:
        if self.kept is None:
            return super().render(context)
        key = (request_state(context)[0], context.autoescape)
        value = self.kept.get(key)
        if value is None:
            rendered = super().render(context)
            value = self.kept[key] = context[self.asvar] if self.asvar else rendered
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value


@register.tag("translate")
@register.tag("trans")
def do_translate(parser: Parser, token: Token) -> KeptTranslateNode:
    node = django_i18n.do_translate(parser, token)
    return KeptTranslateNode(node.filter_expression, node.noop, node.asvar, node.message_context)


class KeptStateLanguageNode(django_i18n.LanguageNode):
    """``{% language %}``: the block reads the language it sets, not the one read before."""

    def render(self, context: template.Context) -> str:
        kept = forget(context)
        try:
            return super().render(context)
        finally:
            restore(context, kept)


@register.tag("language")
def do_language(parser: Parser, token: Token) -> KeptStateLanguageNode:
    node = django_i18n.language(parser, token)
    return KeptStateLanguageNode(node.nodelist, node.language)
