"""core.mail: the one builder every outgoing e-mail goes through."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.template.loader_tags import ExtendsNode
from django.utils import translation

from walletdesk.core.mail import mail_build, mail_language
from walletdesk.testing.mail import assert_mail_in, mail_parts

# The builder reads the recipient's anti-phishing code from their account.
pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
BUILDER = ROOT / "walletdesk" / "core" / "mail.py"
SAMPLE = "core_tests/email/sample"
CONTEXT = {"reference": "WD-7K3Q9M", "note": "A & B <ok>"}


@pytest.fixture(autouse=True)
def _sample_templates(settings):
    """A trio of our own (core knows no app's mails), found beside the project's templates."""
    engine = {**settings.TEMPLATES[0]}
    engine["DIRS"] = [*engine["DIRS"], Path(__file__).parent / "templates"]
    settings.TEMPLATES = [engine]


@pytest.mark.parametrize(
    ("language", "signature"),
    [("zh-hans", "IM 钱包客服"), ("en", "IM Wallet Support")],
)
def test_a_mail_is_a_subject_a_text_and_an_html_part_in_the_recipients_language(
    language, signature
):
    message = mail_build(SAMPLE, CONTEXT, to="alice@example.com", language=language)

    assert_mail_in(message, language)
    parts = mail_parts(message)
    assert parts["subject"] == f"{signature} WD-7K3Q9M"
    assert signature in parts["text"]
    assert signature in parts["html"]
    assert message.to == ["alice@example.com"]


def test_only_the_html_part_is_escaped():
    message = mail_build(SAMPLE, CONTEXT, to="alice@example.com", language="en")

    parts = mail_parts(message)
    assert "A & B <ok>" in parts["text"]
    assert "<p>A &amp; B &lt;ok&gt;</p>" in parts["html"]


@pytest.mark.parametrize(
    ("given", "written_in"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("zh-hans", "zh-hans"),
        ("", "zh-hans"),
        (None, "zh-hans"),
        ("fr", "zh-hans"),
        ("zh-hant", "zh-hans"),
    ],
)
def test_a_language_the_site_does_not_offer_falls_back_to_the_default(given, written_in):
    message = mail_build(SAMPLE, CONTEXT, to="alice@example.com", language=given)

    assert settings.LANGUAGE_CODE == "zh-hans"
    assert mail_language(given) == written_in
    assert f'<html lang="{written_in}">' in mail_parts(message)["html"]


def test_building_leaves_the_active_language_alone():
    with translation.override("en"):
        mail_build(SAMPLE, CONTEXT, to="alice@example.com", language="zh-hans")

        assert translation.get_language() == "en"


def test_sender_reply_to_and_headers_go_out_as_given():
    headers = {
        "Message-ID": "<n-1@walletdesk.localhost>",
        "In-Reply-To": "<ticket-1@walletdesk.localhost>",
        "References": "<ticket-1@walletdesk.localhost>",
        "Auto-Submitted": "auto-generated",
    }

    message = mail_build(
        SAMPLE,
        CONTEXT,
        to="alice@example.com",
        language="en",
        reply_to=["reply+x@walletdesk.localhost"],
        headers=headers,
    )

    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.reply_to == ["reply+x@walletdesk.localhost"]
    sent = message.message()
    for name, value in headers.items():
        assert sent[name] == value
    assert sent.get_all("Message-ID") == ["<n-1@walletdesk.localhost>"]


def test_a_trio_missing_a_part_is_an_error():
    with pytest.raises(TemplateDoesNotExist):
        mail_build("core_tests/email/nothing", CONTEXT, to="alice@example.com", language="en")


# Every mail on disk is a whole trio in the shared layout.


def _mail_templates() -> list[Path]:
    """Every template of an e-mail (partials, named _*, aside), relative to its directory."""
    found = []
    for directory in [ROOT / "templates", *ROOT.glob("walletdesk/*/templates")]:
        for path in directory.glob("**/email/*"):
            if path.is_file() and not path.name.startswith("_") and path.parent.parent != directory:
                found.append(path.relative_to(directory))
    return sorted(found)


def _layouts(name: str) -> list[str]:
    """The chain of templates ``name`` extends, nearest first."""
    chain: list[str] = []
    template = get_template(name).template
    while extends := template.nodelist.get_nodes_by_type(ExtendsNode):
        chain.append(extends[0].parent_name.resolve(Context()))
        template = get_template(chain[-1]).template
    return chain


def test_every_mail_template_belongs_to_a_whole_trio():
    names = {str(path) for path in _mail_templates()}
    trios = {name.removesuffix("_subject.txt") for name in names if name.endswith("_subject.txt")}

    assert len(trios) >= 20  # accounts, notifications, siwe and inbound mails
    assert names == {f"{t}{suffix}" for t in trios for suffix in ("_subject.txt", ".txt", ".html")}


@pytest.mark.parametrize("name", [str(p) for p in _mail_templates() if p.suffix == ".html"])
def test_every_html_part_extends_the_shared_layout(name):
    assert _layouts(name)[-1] == "email/base.html"


@pytest.mark.parametrize(
    "name",
    [str(p) for p in _mail_templates() if p.suffix == ".txt" and not p.stem.endswith("_subject")],
)
def test_every_text_part_extends_the_shared_text_layout(name):
    assert _layouts(name)[-1] == "email/base.txt"


# Nothing sends mail past the builder.

_MAIL_MODULES = ("smtplib", "anymail")
_MAIL_CALLS = {"send_mail", "send_mass_mail", "mail_admins", "mail_managers", "email_user"}


def _is_mail_module(name: str) -> bool:
    return (
        name == "django.core.mail"
        or name.startswith("django.core.mail.")
        or name.split(".")[0] in _MAIL_MODULES
    )


def _mail_uses(source: str) -> list[int]:
    """Lines of ``source`` that reach Django's mail API, or send mail some other way."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found = any(_is_mail_module(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            found = any(_is_mail_module(name) for name in names)
        elif isinstance(node, ast.Attribute):
            found = node.attr in _MAIL_CALLS
        elif isinstance(node, ast.Constant):
            found = "AdminEmailHandler" in str(node.value)
        else:
            found = False
        if found:
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from django.core.mail import send_mail", True),
        ("from django.core.mail import EmailMessage", True),
        ("from django.core import mail", True),
        ("import django.core.mail", True),
        ("from django.core.mail.message import EmailMultiAlternatives", True),
        ("import smtplib", True),
        ("request.user.email_user('subject', 'body')", True),
        ("LOGGING = {'class': 'django.utils.log.AdminEmailHandler'}", True),
        ("from walletdesk.core.mail import EmailMultiAlternatives, mail_build", False),
        ("from mailparser_reply import EmailMessage", False),
        ("from django.core import signing", False),
    ],
)
def test_the_scan_tells_mail_code_from_the_rest(source, found):
    assert bool(_mail_uses(source)) is found


def _production_modules() -> list[Path]:
    modules = [*ROOT.glob("config/**/*.py"), *ROOT.glob("walletdesk/**/*.py")]
    return [
        path
        for path in modules
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts) and path != BUILDER
    ]


def test_no_module_builds_or_sends_mail_past_the_builder():
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in _production_modules()
        if (lines := _mail_uses(path.read_text(encoding="utf-8")))
    }

    assert len(_production_modules()) > 100
    assert offenders == {}, "build every e-mail with walletdesk.core.mail.mail_build"


def test_errors_are_not_mailed_to_admins_untemplated():
    assert not settings.ADMINS
    assert not settings.MANAGERS
