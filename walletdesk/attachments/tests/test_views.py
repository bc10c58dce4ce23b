"""Uploads through the real forms and downloads through the access-checked view."""

import pytest
from django.core.files.storage import storages
from django.urls import reverse
from PIL import Image
from PIL.ExifTags import IFD

from walletdesk.attachments.models import Attachment, AttachmentLimits
from walletdesk.attachments.services import attachment_delete_for_ticket
from walletdesk.attachments.tests import corpus
from walletdesk.attachments.tests.conftest import upload
from walletdesk.tickets.models import Category, Message, Ticket, TicketEvent
from walletdesk.tickets.services import ticket_reply_add

pytestmark = pytest.mark.django_db


def create_url(category: Category) -> str:
    return reverse("portal:create", args=[category.slug])


def ticket_form(**files) -> dict:
    data = {"subject": "截图：充值未到账", "description": "我从交易所充值 USDT，一直没到账。"}
    data.update(files)
    return data


@pytest.fixture
def category() -> Category:
    # A category that asks no wallet fields, so only subject and description are needed.
    return Category.objects.create(slug="att-other", name_zh="其他", name_en="Other")


def stored_bytes(attachment: Attachment) -> bytes:
    with storages["attachments"].open(attachment.storage_key, "rb") as handle:
        return handle.read()


# --- creating a ticket with files -----------------------------------------------------------


def test_ticket_with_two_screenshots_stores_both_under_random_keys(alice_client, alice, category):
    files = [upload("截图 1.png", corpus.png()), upload("../../截图2.jpg", corpus.jpeg())]

    response = alice_client.post(create_url(category), ticket_form(attachments=files))

    assert response.status_code == 302
    ticket = Ticket.objects.get(requester=alice)
    attachments = list(ticket.attachments.order_by("display_name"))
    assert [a.display_name for a in attachments] == ["截图 1.png", "截图2.jpg"]
    assert all(a.message is None and a.uploader == alice for a in attachments)
    assert all("截图" not in a.storage_key and ".." not in a.storage_key for a in attachments)
    assert ticket.events.filter(kind=TicketEvent.Kind.ATTACHMENT_ADDED).count() == 2


def test_gps_tags_are_gone_from_the_stored_photo(alice_client, alice, category):
    response = alice_client.post(
        create_url(category),
        ticket_form(attachments=[upload("home.jpg", corpus.jpeg_with_gps_and_rotation())]),
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get(ticket__requester=alice)
    raw = stored_bytes(attachment)
    with storages["attachments"].open(attachment.storage_key, "rb") as handle:
        exif = Image.open(handle).getexif()
    assert not exif.get_ifd(IFD.GPSInfo)
    assert b"Home Phone" not in raw
    assert (attachment.width, attachment.height) == (40, 80)


@pytest.mark.parametrize(
    ("name", "data", "code_text"),
    [
        ("cute.svg", corpus.svg_with_script(), "PNG, JPEG, WebP, HEIC"),
        ("receipt.png", corpus.html_page(), "PNG, JPEG, WebP, HEIC"),
        ("photos.zip", corpus.zip_archive(), "PNG, JPEG, WebP, HEIC"),
        ("setup.exe", corpus.windows_executable(), "PNG, JPEG, WebP, HEIC"),
        ("fix.sh", corpus.shell_script(), "PNG, JPEG, WebP, HEIC"),
        ("empty.png", b"", "empty"),
        ("bomb.png", corpus.png_header_bomb(), "too many pixels"),
        ("bank.pdf", corpus.pdf_with_javascript(), "scripts or embedded files"),
        ("bank.pdf", corpus.pdf_with_embedded_file(), "scripts or embedded files"),
    ],
    ids=[
        "svg-script",
        "html-as-png",
        "zip",
        "exe",
        "script",
        "zero-byte",
        "pixel-bomb",
        "pdf-js",
        "pdf-embedded",
    ],
)
def test_attack_corpus_is_refused_and_the_typed_text_kept(
    alice_client, alice, bob, category, name, data, code_text
):
    alice.language = "en"
    alice.save(update_fields=["language"])

    response = alice_client.post(
        create_url(category),
        ticket_form(attachments=[upload(name, data)]),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert code_text in html
    assert "截图：充值未到账" in html
    assert "我从交易所充值 USDT" in html
    assert not Ticket.objects.filter(requester=alice).exists()
    assert not Attachment.objects.exists()


def test_polyglot_is_stored_without_its_html(alice_client, alice, category):
    response = alice_client.post(
        create_url(category),
        ticket_form(attachments=[upload("pic.jpg", corpus.polyglot_jpeg_html())]),
    )

    assert response.status_code == 302
    raw = stored_bytes(Attachment.objects.get())
    assert b"<script" not in raw
    assert b"<html" not in raw


def test_wrong_extension_is_decided_by_content(alice_client, alice, category):
    response = alice_client.post(
        create_url(category),
        ticket_form(attachments=[upload("statement.pdf", corpus.png(), "application/pdf")]),
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.kind == Attachment.Kind.PNG
    assert attachment.display_name == "statement_pdf.png"


def test_control_characters_and_paths_are_stripped_from_names(alice_client, category):
    name = "..\\..\\windows\\sys\u202etem\u200b32\x07.png"

    alice_client.post(create_url(category), ticket_form(attachments=[upload(name, corpus.png())]))

    assert Attachment.objects.get().display_name == "system32.png"


def test_a_recovery_phrase_in_a_file_name_is_refused(alice_client, alice, category):
    phrase = "abandon_" * 11 + "about.png"

    response = alice_client.post(
        create_url(category), ticket_form(attachments=[upload(phrase, corpus.png())])
    )

    assert response.status_code == 400
    assert "abandon" not in response.content.decode().split("<textarea")[0].split("<main")[-1]
    assert not Ticket.objects.exists()


def test_oversized_file_is_stopped_while_it_arrives(alice_client, alice, category):
    AttachmentLimits.objects.create(max_file_bytes=50_000)
    big = corpus.png() + b"\0" * 200_000  # a valid start, then far too many bytes
    alice.language = "en"  # a signed-in user's saved language wins over the browser's
    alice.save(update_fields=["language"])

    response = alice_client.post(
        create_url(category), ticket_form(attachments=[upload("huge.png", big)])
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "huge.png is larger than 48.8" in html
    assert "截图：充值未到账" in html
    assert not Ticket.objects.exists()


def test_too_many_files_per_message_is_refused(alice_client, alice, category):
    AttachmentLimits.objects.create(max_files_per_message=2)
    files = [upload(f"{i}.png", corpus.png()) for i in range(3)]

    response = alice_client.post(create_url(category), ticket_form(attachments=files))

    assert response.status_code == 400
    assert not Ticket.objects.exists()


def test_the_ticket_total_is_enforced_on_replies(alice_client, alice, alice_ticket):
    AttachmentLimits.objects.create(max_files_per_ticket=1)
    url = reverse("portal:reply", args=[alice_ticket.reference])
    alice_client.post(url, {"body": "第一张", "attachments": [upload("1.png", corpus.png())]})

    response = alice_client.post(
        url, {"body": "第二张", "attachments": [upload("2.png", corpus.png())]}
    )

    assert response.status_code == 400
    assert "第二张" in response.content.decode()
    assert alice_ticket.attachments.count() == 1
    assert alice_ticket.messages.count() == 1


# --- replies and internal notes -------------------------------------------------------------


def test_customer_reply_with_a_file_is_attached_to_the_message(alice_client, alice, alice_ticket):
    url = reverse("portal:reply", args=[alice_ticket.reference])

    response = alice_client.post(
        url, {"body": "付款凭证见附件", "attachments": [upload("proof.pdf", corpus.pdf_clean())]}
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.message == alice_ticket.messages.get()
    assert attachment.kind == "pdf"
    assert not attachment.is_internal


def test_internal_note_files_never_reach_the_customer(
    carol_client, alice_client, carol, alice_ticket
):
    url = reverse("console:reply", args=[alice_ticket.reference])
    carol_client.post(
        url,
        {"body": "风控截图", "internal": "on", "attachments": [upload("risk.png", corpus.png())]},
    )
    attachment = Attachment.objects.get()

    portal = alice_client.get(reverse("portal:detail", args=[alice_ticket.reference]))
    download = alice_client.get(reverse("attachments:download", args=[attachment.pk]))
    console = carol_client.get(reverse("console:detail", args=[alice_ticket.reference]))

    assert attachment.is_internal
    assert "risk.png" not in portal.content.decode()
    assert download.status_code == 404
    assert "risk.png" in console.content.decode()


def test_agent_sees_images_inline_and_pdfs_as_links(carol_client, alice, alice_ticket):
    message = ticket_reply_add(ticket=alice_ticket, author=alice, body="见附件")
    image = Attachment.objects.create(
        ticket=alice_ticket,
        message=message,
        uploader=alice,
        kind="png",
        display_name="a.png",
        storage_key="attachments/aa/a.png",
        size=1,
        sha256="0" * 64,
    )
    pdf = Attachment.objects.create(
        ticket=alice_ticket,
        message=message,
        uploader=alice,
        kind="pdf",
        display_name="b.pdf",
        storage_key="attachments/bb/b.pdf",
        size=1,
        sha256="0" * 64,
    )

    html = carol_client.get(reverse("console:detail", args=[alice_ticket.reference]))

    page = html.content.decode()
    assert f'<img src="{reverse("attachments:view", args=[image.pk])}"' in page
    assert f'<img src="{reverse("attachments:view", args=[pdf.pk])}"' not in page
    assert reverse("attachments:download", args=[pdf.pk]) in page


# --- downloads ------------------------------------------------------------------------------


@pytest.fixture
def alice_file(alice_client, alice, alice_ticket) -> Attachment:
    url = reverse("portal:reply", args=[alice_ticket.reference])
    alice_client.post(url, {"body": "截图", "attachments": [upload("付款.png", corpus.png())]})
    return Attachment.objects.get()


def test_requester_downloads_with_safe_headers(alice_client, alice_file):
    response = alice_client.get(reverse("attachments:download", args=[alice_file.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''%E4%BB%98%E6%AC%BE.png" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == stored_bytes(alice_file)


def test_reencoded_images_may_show_inline_but_pdfs_never(alice_client, alice, alice_ticket):
    url = reverse("portal:reply", args=[alice_ticket.reference])
    alice_client.post(
        url,
        {
            "body": "两份",
            "attachments": [upload("a.png", corpus.png()), upload("b.pdf", corpus.pdf_clean())],
        },
    )
    image = Attachment.objects.get(kind="png")
    pdf = Attachment.objects.get(kind="pdf")

    image_view = alice_client.get(reverse("attachments:view", args=[image.pk]))
    pdf_view = alice_client.get(reverse("attachments:view", args=[pdf.pk]))

    assert image_view["Content-Disposition"].startswith("inline;")
    assert pdf_view["Content-Disposition"].startswith("attachment;")
    assert pdf_view["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_bob_cannot_see_alices_ticket_or_its_files(bob_client, alice_ticket, alice_file):
    detail = bob_client.get(reverse("portal:detail", args=[alice_ticket.reference]))
    download = bob_client.get(reverse("attachments:download", args=[alice_file.pk]))
    view = bob_client.get(reverse("attachments:view", args=[alice_file.pk]))

    assert detail.status_code == 404
    assert download.status_code == 404
    assert view.status_code == 404


def test_agent_may_download_any_ticket_file(carol_client, alice_file):
    response = carol_client.get(reverse("attachments:download", args=[alice_file.pk]))

    assert response.status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client, alice_file):
    response = client.get(reverse("attachments:download", args=[alice_file.pk]))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_unknown_file_is_404(alice_client):
    response = alice_client.get(
        reverse("attachments:download", args=["00000000-0000-0000-0000-000000000000"])
    )

    assert response.status_code == 404


def test_deleting_a_tickets_files_removes_them_from_storage(
    alice_file, alice_ticket, carol, django_capture_on_commit_callbacks
):
    storage = storages["attachments"]
    assert storage.exists(alice_file.storage_key)

    with django_capture_on_commit_callbacks(execute=True):
        deleted = attachment_delete_for_ticket(ticket=alice_ticket, actor=carol)

    assert deleted == 1
    assert not storage.exists(alice_file.storage_key)
    assert not Attachment.objects.exists()
    event = alice_ticket.events.get(kind=TicketEvent.Kind.ATTACHMENTS_DELETED)
    assert event.to_value == "1"
    assert event.actor == carol


def test_detail_pages_query_count_does_not_grow_with_files(
    alice_client, alice, alice_ticket, django_assert_num_queries
):
    url = reverse("portal:detail", args=[alice_ticket.reference])
    reply = reverse("portal:reply", args=[alice_ticket.reference])
    alice_client.post(reply, {"body": "1", "attachments": [upload("1.png", corpus.png())]})
    alice_client.get(url)

    # session, user, ticket, thread, files, mark seen, the bell's unread count, the incident
    # notice (one, linked or matched)
    with django_assert_num_queries(8) as small:
        alice_client.get(url)
    expected = len(small.captured_queries)
    for i in range(5):
        Message.objects.create(
            ticket=alice_ticket, author=alice, author_role="customer", body=str(i)
        )
        alice_client.post(reply, {"body": "n", "attachments": [upload(f"{i}.png", corpus.png())]})
    with django_assert_num_queries(expected):
        alice_client.get(url)
