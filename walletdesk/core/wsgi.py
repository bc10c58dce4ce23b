"""The WSGI application the web servers run: Django's, with form posts parsed for less.

A form post's body (``application/x-www-form-urlencoded``) is parsed as Django parses it into
``request.POST`` (a QueryDict, by the standard library's ``parse_qsl``), but a run of
percent-escapes is decoded in one step instead of one Python step per escape: a Chinese
sentence is three escapes a character, and parsing a ticket's description alone cost more
than its INSERT. The result is the same QueryDict, value for value (walletdesk/core/tests/
test_wsgi.py compares the two on generated bodies); anything else a request carries is
Django's own.
"""

import re
from typing import Any
from urllib.parse import unquote

import django
from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

# A run of escapes the standard library would decode; a "%" not followed by two hex digits is
# left as it is, there as here.
_ESCAPES = re.compile(rb"(?:%[0-9A-Fa-f]{2})+")


def _escapes_decoded(run: "re.Match[bytes]") -> bytes:
    return bytes.fromhex(run.group().replace(b"%", b"").decode("ascii"))


def _unquote(text: str) -> str:
    """``urllib.parse.unquote(text)`` (UTF-8, undecodable bytes replaced)."""
    if "%" not in text:
        return text
    if not text.isascii():
        # unquote decodes each ASCII stretch apart: left to it, as rare as it is.
        return unquote(text)
    return _ESCAPES.sub(_escapes_decoded, text.encode("ascii")).decode("utf-8", "replace")


def form_data_parse(body: bytes) -> QueryDict:
    """``QueryDict(body, encoding="utf-8")``: a form post's fields, as Django reads them."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = body.decode("iso-8859-1")  # as QueryDict does for a misbehaving client
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if limit is not None and text and limit < 1 + text.count("&"):
        raise TooManyFieldsSent(
            "The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS."
        )
    fields: dict[str, list[str]] = {}
    for field in text.split("&") if text else ():
        if not field:
            continue
        name, _equals, value = field.partition("=")
        # parse_qsl's steps: "+" is a space, then escapes; a field without "=" is blank.
        key = _unquote(name.replace("+", " "))
        fields.setdefault(key, []).append(_unquote(value.replace("+", " ")))
    data = QueryDict(encoding="utf-8")
    dict.update(data, fields)  # the lists as QueryDict keeps them, without its per-value steps
    return data


class FormPostRequest(WSGIRequest):
    """Django's request, with a form post's fields parsed by ``form_data_parse``."""

    def _load_post_and_files(self) -> None:
        if (
            self.method == "POST"
            and self.content_type == "application/x-www-form-urlencoded"
            and (self.encoding is None or self.encoding.lower() == "utf-8")
            # A body already read as a stream: Django's own answer (an empty POST) below.
            and not (getattr(self, "_read_started", False) and not hasattr(self, "_body"))
        ):
            self._post = form_data_parse(self.body)
            self._files: MultiValueDict[str, Any] = MultiValueDict()
            return
        # Every other case (a refusal too) exactly as Django handles it.
        super()._load_post_and_files()


class Handler(WSGIHandler):
    request_class = FormPostRequest


def wsgi_application() -> Any:
    """What ``django.core.wsgi.get_wsgi_application`` makes, with FormPostRequest."""
    django.setup(set_prefix=False)
    return Handler()
