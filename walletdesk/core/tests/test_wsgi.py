"""The web servers' application: a form post's fields are the fields Django would read."""

import io
import random
from urllib.parse import quote, urlencode

import pytest
from django.core.exceptions import BadRequest, TooManyFieldsSent
from django.core.handlers.wsgi import WSGIRequest
from django.http import QueryDict
from django.test import override_settings

from walletdesk.core.wsgi import FormPostRequest, Handler, form_data_parse

# What a body is made of: escapes (valid, cut short, not hex), "+", "=", "&", Chinese as typed,
# a stray non-ASCII character and bytes that are not UTF-8.
PIECES = [
    "a", "Z", "0", "-", "_", ".", "~", "+", "=", "&", "&&", "%", "%2", "%zz", "%4g", "%%41",
    "%41", "%e5%85%85", "%E5%80%BC", "%E5%85", "%FF", "%C3%A9", "%20", "%2B", "%3D", "%26",
    "%00", "%0A", "充", "é", " ", quote("钱包里一直看不到这笔 USDT。"),
]  # fmt: skip


def _state(data: QueryDict) -> tuple:
    return type(data), data.encoding, data._mutable, [(k, data.getlist(k)) for k in data]


def _bodies(count: int, seed: int) -> list[bytes]:
    draw = random.Random(seed)  # noqa: S311 -- repeatable test input, not a secret
    bodies = [b"", b"&", b"=", b"a", b"a=", b"=b", b"a=1&a=2&a=", b"\xff\xfe=\x80", b"%E5%85%85"]
    for _ in range(count):
        text = "".join(draw.choice(PIECES) for _ in range(draw.randint(1, 40)))
        body = text.encode("utf-8")
        if draw.random() < 0.1:
            body += bytes([draw.randint(0x80, 0xFF)])  # not UTF-8: read as Latin-1
        bodies.append(body)
    return bodies


@pytest.mark.parametrize("seed", range(4))
def test_generated_bodies_read_as_querydict_reads_them(seed: int) -> None:
    for body in _bodies(2000, seed):
        assert _state(form_data_parse(body)) == _state(QueryDict(body, encoding="utf-8")), body


def test_a_submission_as_a_browser_sends_it() -> None:
    body = urlencode(
        {
            "csrfmiddlewaretoken": "x" * 64,
            "subject": "充值未到账 USDT TRC-20 #7",
            "description": "交易所显示已完成，但钱包里一直看不到这笔 USDT。\r\n100% sure & =",
            "memo": "",
            "amount": "100.50",
        }
    ).encode()

    parsed = form_data_parse(body)

    assert _state(parsed) == _state(QueryDict(body, encoding="utf-8"))
    assert parsed["description"].endswith("100% sure & =")


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=3)
def test_too_many_fields_are_refused_as_django_refuses_them() -> None:
    for body in (b"a=1&b=2&c=3&d=4", b"&&&", b"a&b&c&"):
        with pytest.raises(TooManyFieldsSent):
            QueryDict(body, encoding="utf-8")
        with pytest.raises(TooManyFieldsSent):
            form_data_parse(body)
    assert _state(form_data_parse(b"a=1&b=2&c=3")) == _state(QueryDict(b"a=1&b=2&c=3"))


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=None)
def test_no_limit_reads_every_field() -> None:
    body = "&".join(f"f{i}={i}" for i in range(2000)).encode()

    assert len(form_data_parse(body)) == 2000


def _request(cls: type, body: bytes, content_type: str, method: str = "POST") -> WSGIRequest:
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": "/tickets/new/deposit/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.input": io.BytesIO(body),
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(len(body)),
    }
    return cls(environ)


@pytest.mark.parametrize(
    ("content_type", "method"),
    [
        ("application/x-www-form-urlencoded", "POST"),
        ("application/x-www-form-urlencoded; charset=UTF-8", "POST"),
        ("application/x-www-form-urlencoded", "PUT"),
        ("application/json", "POST"),
        ("text/plain", "POST"),
    ],
)
def test_request_post_and_files_are_django_s(content_type: str, method: str) -> None:
    body = b"subject=%E5%85%85%E5%80%BC&tags=a&tags=b"

    ours = _request(FormPostRequest, body, content_type, method)
    django_s = _request(WSGIRequest, body, content_type, method)

    assert _state(ours.POST) == _state(django_s.POST)
    assert list(ours.FILES.lists()) == list(django_s.FILES.lists())
    assert ours.body == django_s.body


def test_a_form_post_in_another_charset_is_refused_as_django_refuses_it() -> None:
    body = b"subject=x"
    content_type = "application/x-www-form-urlencoded; charset=latin-1"

    for cls in (FormPostRequest, WSGIRequest):
        request = _request(cls, body, content_type)
        with pytest.raises(BadRequest, match="must be UTF-8 encoded"):
            request.POST  # noqa: B018 -- reading it parses the body


def test_a_body_already_read_as_a_stream_gives_django_s_empty_post() -> None:
    body = b"subject=x"
    states = []
    for cls in (FormPostRequest, WSGIRequest):
        request = _request(cls, body, "application/x-www-form-urlencoded")
        request.read()
        states.append(_state(request.POST))

    assert states[0] == states[1]


def test_the_served_application_reads_form_posts_this_way() -> None:
    from config.wsgi import application

    assert isinstance(application, Handler)
    assert application.request_class is FormPostRequest
