"""Small typed helpers shared by the apps' forms."""

import copy
from collections.abc import Mapping, MutableMapping
from typing import Any

from django import forms
from django.http import QueryDict


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's field ``name`` as a ChoiceField, so its choices can be set per request.

    ``BaseForm.fields`` holds plain ``Field`` objects as far as the type checker knows.
    """
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name!r} is not a choice field")
    return field


def editable_data(data: Mapping[str, Any]) -> MutableMapping[str, Any]:
    """A writable copy of a form's bound data.

    Request data is an immutable QueryDict; its shallow copy is mutable and stays a QueryDict,
    so multi-valued fields survive. Shallow is enough: a value is replaced, never changed in
    place, and it spares the deep copy of every value ``QueryDict.copy()`` makes. Tests may
    bind a plain dict.
    """
    if isinstance(data, QueryDict):
        lists = dict.items(data)  # the stored value lists, without a copy of each as it is read
        if all(type(key) is str and all(type(v) is str for v in values) for key, values in lists):
            # Parsed request data: texts only, so QueryDict's own copy (which decodes each key
            # and value that is bytes, one by one) would give the same, for several times the
            # work of copying the lists.
            copied = data.__class__(mutable=True, encoding=data.encoding)
            dict.update(copied, {key: list(values) for key, values in lists})
            return copied
        return copy.copy(data)
    return dict(data)
