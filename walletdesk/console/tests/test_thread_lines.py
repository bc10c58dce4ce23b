"""The ticket page's thread, drawn in Python, gives the markup the template's loop gave,
character for character (whitespace included), for generated authors, roles, bodies,
redactions, times, time zones, files and form tokens, hostile texts included, in both
languages."""

import uuid
from datetime import UTC, datetime

from django.template import engines
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from walletdesk.accounts.models import User
from walletdesk.attachments.models import Attachment
from walletdesk.console.views import _thread_lines
from walletdesk.tickets.models import Message, Redaction, Ticket

# What console/detail.html drew for the thread before its lines were drawn in Python.
THREAD_TEMPLATE = engines["django"].from_string(
    "{% load attachment_tags console_fields i18n usertext zones %}"
    "{% for message in thread %}\n"
    '        <li class="{% if message.is_internal %}internal{% elif message.author_role == '
    "'customer' %}from-customer{% else %}from-agent{% endif %}\">\n"
    '          <div class="meta">\n'
    '            {% if message.is_internal %}<strong class="internal-label">{% translate '
    '"Internal note" %}</strong> · {% endif %}\n'
    "            {% if message.author %}{{ message.author.short_name }}{% else %}"
    "{{ message.get_author_role_display }}{% endif %}\n"
    "            ({{ message.get_author_role_display }}) ·\n"
    "            <time datetime=\"{{ message.created_at|date:'c' }}\">"
    "{{ message.created_at|moment }}</time>\n"
    "          </div>\n"
    '          <div class="body">{{ message.body|usertext }}</div>\n'
    '          {% if message.redaction %}<p class="redaction-note small">{% blocktranslate '
    "with how=message.get_redaction_display %}Redacted: {{ how }}{% endblocktranslate %}</p>"
    "{% endif %}\n"
    '          {% if message.redaction != "removed" %}\n'
    "            {% url 'console:message-redact' ticket.reference message.pk as redact_url %}\n"
    '            {% translate "Redact this message" as redact_label %}\n'
    "            {% console_redact_form redact_url redact_label message.pk %}\n"
    "          {% endif %}\n"
    "          {% if attachments %}{% attachments_of attachments message "
    "remove_url='console:attachment-remove' reference=ticket.reference %}{% endif %}\n"
    "        </li>\n"
    "      {% endfor %}"
)

texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("<>&\"'%{}"),
    max_size=20,
)
# Hypothesis takes naive bounds and attaches the zone itself.
moments = st.datetimes(
    datetime(2001, 1, 1),  # noqa: DTZ001
    datetime(2099, 12, 31),  # noqa: DTZ001
    timezones=st.just(UTC),
)


@st.composite
def messages(draw: st.DrawFn) -> Message:
    author = draw(
        st.one_of(
            st.none(),
            st.builds(
                lambda name, local: User(display_name=name, email=f"{local}@example.com"),
                texts,
                st.text(alphabet="ab<&'\"", min_size=1, max_size=6),
            ),
        )
    )
    return Message(
        id=draw(st.uuids()),
        author=author,
        author_role=draw(st.sampled_from([*Message.AuthorRole.values, "<b>robot</b>"])),
        is_internal=draw(st.booleans()),
        body=draw(st.one_of(texts, st.just("see https://example.com/a?b=1&c=<2>.\nnext"))),
        redaction=draw(st.sampled_from(["", *Redaction.values, "<i>odd</i>"])),
        created_at=draw(moments),
    )


@st.composite
def files(draw: st.DrawFn, thread: list[Message]) -> list[Attachment]:
    owners = [None, *(m.pk for m in thread)]
    return [
        Attachment(
            id=draw(st.uuids()),
            message_id=draw(st.sampled_from(owners)),
            kind=draw(st.sampled_from(Attachment.Kind.values)),
            display_name=draw(texts),
            size=draw(st.integers(min_value=0, max_value=10**10)),
            width=draw(st.one_of(st.none(), st.integers(min_value=1, max_value=5000))),
            height=draw(st.integers(min_value=1, max_value=5000)),
            check_state=draw(st.sampled_from(Attachment.CheckState.values)),
            removed_at=draw(st.one_of(st.none(), moments)),
        )
        for _ in range(draw(st.integers(min_value=0, max_value=3)))
    ]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    thread=st.lists(messages(), max_size=4),
    reference=st.text(alphabet="WD-0123456789ABCXYZ", min_size=1, max_size=10),
    token=st.text(alphabet="abcXYZ019", min_size=1, max_size=64),
    language=st.sampled_from(["zh-hans", "en"]),
    zone=st.sampled_from(["Asia/Shanghai", "UTC", "America/St_Johns"]),
)
def test_the_thread_draws_what_its_template_drew(data, thread, reference, token, language, zone):  # type: ignore[no-untyped-def]
    attachments = data.draw(files(thread))
    ticket = Ticket(id=uuid.uuid4(), reference=reference)
    values = {"thread": thread, "ticket": ticket, "attachments": attachments, "csrf_token": token}

    with translation.override(language), timezone.override(zone):
        drawn = "".join(_thread_lines(ticket, thread, attachments, csrf_token=token))
        expected = THREAD_TEMPLATE.render(values)

    assert drawn == expected


def test_a_hostile_body_and_name_are_escaped_once():
    author = User(display_name="<script>x</script>", email="a@example.com")
    message = Message(
        id=uuid.uuid4(),
        author=author,
        author_role="agent",
        body='<img src=x onerror="y">',
        created_at=datetime(2026, 12, 5, tzinfo=UTC),
    )
    ticket = Ticket(id=uuid.uuid4(), reference="WD-ABC123")

    drawn = "".join(_thread_lines(ticket, [message], [], csrf_token="t"))

    assert "&lt;script&gt;x&lt;/script&gt;" in drawn
    assert "&lt;img src=x onerror=&quot;y&quot;&gt;" in drawn
    assert "<script>" not in drawn
    assert "&amp;lt;" not in drawn
