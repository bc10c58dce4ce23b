"""``{% console_static path %}``: Django's ``{% static %}`` with the address kept per process.

Each ``{% static %}`` asks the static files storage for the address, which for the hashed
files of production means a lookup in the manifest, a split, a join and a quote: the agent's
ticket page names eight. The address of a path depends only on the storage and the settings
it reads, which do not change while a process runs (the manifest is read when the storage is
made); the address is kept per path and script prefix (a relative STATIC_URL is prefixed with
it), and forgotten when a test changes those settings. Django's ``static`` library cannot be
replaced under its own name (core/tests/test_kept_tags.py allows that for ``i18n`` alone),
hence a tag of the console's own, used by the console's templates.
"""

from functools import lru_cache
from typing import Any

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import get_script_prefix

register = template.Library()


@lru_cache(maxsize=256)
def _address(path: str, prefix: str) -> str:
    # ``prefix`` is not read here: it is part of the key because static() reads it.
    return static(path)


@register.simple_tag
def console_static(path: Any) -> str:
    """The address of the static file ``path``, as ``{% static path %}`` gives it."""
    if not isinstance(path, str):
        return static(path)
    return _address(path, get_script_prefix())


# The settings Django's static files storage and static() read.
_READ = {"STATIC_URL", "STATIC_ROOT", "STORAGES", "STATICFILES_STORAGE", "DEBUG", "INSTALLED_APPS"}


@receiver(setting_changed)
def _forget(*, setting: str, **_kwargs: Any) -> None:
    if setting in _READ:
        _address.cache_clear()
