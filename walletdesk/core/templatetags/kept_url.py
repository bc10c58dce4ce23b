"""``{% url %}`` with the reversed address kept per process.

Reversing a name walks the URL patterns and matches the candidate against its pattern: some
20 µs, and the agent's ticket page names fifty addresses (every action form's target). The
patterns do not change while a process runs, so the same name, values, URL configuration,
script prefix and language always give the same address; those are the key. Only plain
values (text, whole numbers, UUIDs) are kept; any other value is reversed as Django does.
Installed as a built-in (settings.TEMPLATES) so it replaces Django's tag everywhere.
"""

from functools import lru_cache
from uuid import UUID

from django import template
from django.template import defaulttags
from django.template.base import Parser, Token
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.html import conditional_escape

register = template.Library()

_PLAIN = (str, int, UUID)


@lru_cache(maxsize=4096)
def _reversed(
    view_name: str,
    args: tuple[object, ...],
    kwargs: tuple[tuple[str, object], ...],
    current_app: str | None,
    # Not read here: they are part of the key because reverse() reads them.
    urlconf: object,
    prefix: str,
    language: str | None,
) -> str:
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


def reverse_kept(
    view_name: str, args: list[object], kwargs: dict[str, object], current_app: str | None
) -> str:
    values = (*args, *kwargs.values())
    if not isinstance(view_name, str) or not all(isinstance(v, _PLAIN) for v in values):
        return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
    return _reversed(
        view_name,
        tuple(args),
        tuple(sorted(kwargs.items())),
        current_app,
        get_urlconf(),
        get_script_prefix(),
        translation.get_language(),
    )


class KeptURLNode(defaulttags.URLNode):
    def render(self, context: template.Context) -> str:
        from django.urls import NoReverseMatch

        args = [arg.resolve(context) for arg in self.args]
        kwargs = {str(k): v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app  # type: ignore[attr-defined]
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace  # type: ignore[attr-defined]
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = reverse_kept(view_name, args, kwargs, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser: Parser, token: Token) -> KeptURLNode:
    node = defaulttags.url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)
