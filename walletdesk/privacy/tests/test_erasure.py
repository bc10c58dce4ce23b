"""Erasure: what goes, what stays, per model; who may; files gone from local and S3 storage."""

import pytest
from django.contrib.auth import authenticate
from django.core import mail

from walletdesk.accounts.errors import AccountError
from walletdesk.accounts.models import RecoveryCode, TotpDevice, User
from walletdesk.accounts.tests.factories import second_factor_enrol
from walletdesk.attachments.models import Attachment
from walletdesk.attachments.storage import attachment_storage
from walletdesk.audit.models import AuditEvent, Kind
from walletdesk.audit.services import record as audit_record
from walletdesk.devices.models import DeviceToken
from walletdesk.inbound.models import HeldMail, InboundMessage
from walletdesk.notifications.models import Notification, NotificationPreference
from walletdesk.privacy import services
from walletdesk.privacy.errors import PrivacyError
from walletdesk.privacy.models import AnonymisedTicket, DataExport
from walletdesk.privacy.services import REMOVED_MARKER
from walletdesk.privacy.tests.conftest import BUCKET, PASSWORD, stored_file
from walletdesk.siwe.models import WalletAddress
from walletdesk.testing.mail import assert_mail_in
from walletdesk.testing.second_factor import totp_code
from walletdesk.tickets.models import Message, Status, TicketEvent

pytestmark = pytest.mark.django_db


def _erase(user, password=PASSWORD, code="", capture=None):
    return services.user_erase(user=user, password=password, code=code, ip="127.0.0.1")


def test_the_account_keeps_no_personal_data_and_cannot_sign_in(
    alice, case, django_capture_on_commit_callbacks
):
    alice_id = alice.pk

    with django_capture_on_commit_callbacks(execute=True):
        summary = _erase(alice)

    user = User.objects.get(pk=alice_id)
    assert user.email == f"erased-{alice_id.hex}@erased.invalid"
    assert user.display_name == ""
    assert not user.is_active
    assert not user.has_usable_password()
    assert authenticate(username="alice@example.com", password=PASSWORD) is None
    assert authenticate(username=user.email, password=PASSWORD) is None
    assert not WalletAddress.objects.filter(user=user).exists()
    assert not DeviceToken.objects.filter(user=user).exists()
    assert not Notification.objects.filter(recipient=user).exists()
    assert (summary.tickets, summary.files) == (2, 3)


def test_tickets_keep_what_reports_need_and_lose_the_text(alice, case, carol):
    _erase(alice)

    ticket = case.ticket
    ticket.refresh_from_db()
    assert (ticket.subject, ticket.description) == (REMOVED_MARKER, REMOVED_MARKER)
    assert (ticket.address, ticket.tx_hash, ticket.memo, ticket.amount) == ("", "", "", None)
    # What reports read stays.
    assert (ticket.network, ticket.asset) == ("ethereum", "USDT")
    # Nobody is left to answer: the open ticket left the queue, closed by the system.
    assert ticket.status == Status.CLOSED
    closing = TicketEvent.objects.get(ticket=ticket, kind=TicketEvent.Kind.STATUS_CHANGED)
    assert (closing.actor_id, closing.to_value, closing.reason) == (None, "closed", "erasure")
    assert not Notification.objects.filter(ticket=ticket).exists()
    assert ticket.category.slug == "withdrawal"
    assert ticket.created_at is not None
    closed = case.closed
    closed.refresh_from_db()
    assert (closed.rating, closed.rating_comment) == (5, "")
    assert closed.closed_at is not None
    assert set(Message.objects.filter(ticket=ticket).values_list("body", flat=True)) == {
        REMOVED_MARKER
    }
    assert AnonymisedTicket.objects.filter(reason="erasure").count() == 2


def test_files_are_deleted_from_local_storage_and_rows_kept_as_tombstones(alice, case):
    storage = attachment_storage()
    keys = [case.own_file.storage_key, case.agent_file.storage_key, case.internal_file.storage_key]
    assert all(storage.exists(k) for k in keys)

    _erase(alice)

    assert not any(storage.exists(k) for k in keys)
    for row in Attachment.objects.filter(ticket=case.ticket):
        assert row.removed_at is not None
        assert row.removed_reason == Attachment.RemovalReason.ERASURE
        assert row.display_name == REMOVED_MARKER


def test_files_are_deleted_from_the_s3_bucket(alice, s3_storage):
    from walletdesk.attachments.tests.corpus import png
    from walletdesk.tickets.tests.factories import TicketFactory

    ticket = TicketFactory(requester=alice)
    file = stored_file(ticket=ticket, uploader=alice, name="proof.png", data=png())
    listed = s3_storage.list_objects_v2(Bucket=BUCKET, Prefix=file.storage_key)
    assert listed["KeyCount"] == 1

    _erase(alice)

    listed = s3_storage.list_objects_v2(Bucket=BUCKET, Prefix=file.storage_key)
    assert listed.get("KeyCount", 0) == 0
    file.refresh_from_db()
    assert file.removed_reason == Attachment.RemovalReason.ERASURE


def test_other_users_data_is_untouched(alice, bob, case):
    _erase(alice)

    case.bobs.refresh_from_db()
    assert case.bobs.subject == "Bob's own problem"
    assert attachment_storage().exists(case.bobs_file.storage_key)
    assert Notification.objects.filter(recipient=bob).count() == 1
    bob.refresh_from_db()
    assert bob.is_active
    assert bob.email == "bob@example.com"


def test_the_audit_trail_and_ticket_events_are_kept(alice, case):
    audit_record(Kind.SIGN_IN_SUCCEEDED, actor=alice)
    TicketEvent.objects.create(ticket=case.ticket, actor=alice, kind=TicketEvent.Kind.CREATED)
    before = AuditEvent.objects.count()

    _erase(alice)

    assert AuditEvent.objects.filter(kind=Kind.SIGN_IN_SUCCEEDED, actor_id=alice.pk).exists()
    erasure = AuditEvent.objects.get(kind=Kind.ERASURE)
    assert erasure.actor_id == alice.pk
    assert "alice@example.com" not in erasure.actor_label
    assert erasure.detail == {"tickets": 2, "files": 3}
    assert AuditEvent.objects.count() == before + 1
    assert TicketEvent.objects.filter(ticket=case.ticket, kind="created").exists()


def test_everything_else_of_the_account_is_gone(alice, case):
    second_factor_enrol(alice)
    RecoveryCode.objects.create(user=alice, code_hash="x" * 64)
    NotificationPreference.objects.create(user=alice, kind="agent_replied", channel="email")
    inbound = InboundMessage.objects.create(
        message_id="<1@example.com>", source="smtp", sender="alice@example.com", user=alice
    )
    HeldMail.objects.create(
        inbound=inbound, kind="new_ticket", state="pending", user=alice, subject="提现", raw=b"x"
    )
    export = DataExport.objects.create(user=alice, language="zh-hans")

    _erase(alice, code=totp_code(alice))

    assert not TotpDevice.objects.filter(user=alice).exists()
    assert not RecoveryCode.objects.filter(user=alice).exists()
    assert not NotificationPreference.objects.filter(user=alice).exists()
    assert not HeldMail.objects.filter(user=alice).exists()
    inbound.refresh_from_db()
    assert inbound.sender == ""
    assert not DataExport.objects.filter(pk=export.pk).exists()


def test_the_confirmation_goes_to_the_old_address_in_the_users_language(
    alice, case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _erase(alice)

    (message,) = mail.outbox
    assert message.to == ["alice@example.com"]
    assert_mail_in(message, "zh-hans")


def test_a_wrong_password_erases_nothing(alice, case):
    with pytest.raises(PrivacyError) as refused:
        _erase(alice, password="not it")

    assert refused.value.code == PrivacyError.Code.PASSWORD_INVALID
    alice.refresh_from_db()
    assert alice.is_active
    assert alice.email == "alice@example.com"
    case.ticket.refresh_from_db()
    assert case.ticket.subject == "提现一直显示处理中"
    assert attachment_storage().exists(case.own_file.storage_key)
    assert not AuditEvent.objects.filter(kind=Kind.ERASURE).exists()


def test_with_two_step_verification_a_code_is_needed(alice, case):
    second_factor_enrol(alice)

    with pytest.raises(PrivacyError) as missing:
        _erase(alice)
    with pytest.raises(AccountError) as wrong:
        _erase(alice, code="000000")

    assert missing.value.code == PrivacyError.Code.CODE_REQUIRED
    assert wrong.value.code == AccountError.Code.SECOND_FACTOR_INVALID
    alice.refresh_from_db()
    assert alice.is_active


@pytest.mark.parametrize("who", ["carol", "dave"])
def test_staff_cannot_erase_themselves(request, who):
    staff = request.getfixturevalue(who)

    with pytest.raises(PrivacyError) as refused:
        _erase(staff)

    assert refused.value.code == PrivacyError.Code.STAFF_CANNOT_ERASE
    staff.refresh_from_db()
    assert staff.is_active


def test_password_guesses_are_limited(alice):
    for _ in range(5):
        with pytest.raises(PrivacyError):
            _erase(alice, password="guess")

    with pytest.raises(PrivacyError) as refused:
        _erase(alice)

    assert refused.value.code == PrivacyError.Code.RATE_LIMITED
    alice.refresh_from_db()
    assert alice.is_active


def test_a_storage_failure_rolls_everything_back(alice, case, monkeypatch):
    def down(keys):
        raise OSError("storage down")

    monkeypatch.setattr(services, "_storage_delete", down)

    with pytest.raises(PrivacyError) as refused:
        _erase(alice)

    assert refused.value.code == PrivacyError.Code.STORAGE_UNAVAILABLE
    alice.refresh_from_db()
    assert alice.is_active
    assert alice.email == "alice@example.com"
    case.ticket.refresh_from_db()
    assert case.ticket.subject == "提现一直显示处理中"
    assert not AnonymisedTicket.objects.exists()


def test_forum_posts_keep_their_thread_and_lose_their_text_and_author(alice, bob, client):
    from django.urls import reverse

    from walletdesk.community.models import Post, Topic, Vote
    from walletdesk.community.selectors import topic_search
    from walletdesk.community.tests.factories import PostFactory, TopicFactory
    from walletdesk.kb import search

    question = TopicFactory(
        author=alice,
        title="冷钱包导入失败",
        body="Alice 的钱包导入报错",
        search_text=search.document("冷钱包导入失败\nAlice 的钱包导入报错"),
    )
    bobs_answer = PostFactory(topic=question, author=bob, body="Bob：换个节点再试")
    alices_answer = PostFactory(topic=TopicFactory(author=bob), author=alice, body="Alice 的回答")
    Topic.objects.filter(pk=alices_answer.topic_id).update(accepted_answer=alices_answer)
    Vote.objects.create(post=bobs_answer, user=alice, value=1)
    assert topic_search(text="冷钱包").topics == [question]

    _erase(alice)

    question.refresh_from_db()
    assert (question.title, question.body, question.search_text) == (
        REMOVED_MARKER,
        REMOVED_MARKER,
        "",
    )
    assert Post.objects.get(pk=alices_answer.pk).body == REMOVED_MARKER
    # The thread keeps its shape: Bob's answer, the accepted answer and the vote stay.
    assert Post.objects.get(pk=bobs_answer.pk).body == "Bob：换个节点再试"
    assert Topic.objects.get(pk=alices_answer.topic_id).accepted_answer_id == alices_answer.pk
    assert Vote.objects.filter(post=bobs_answer).count() == 1
    assert topic_search(text="冷钱包").topics == []
    for language, label in (("zh-hans", "已注销用户"), ("en", "Deleted user")):
        page = client.get(
            reverse("community:portal-topic", args=[question.pk]),
            HTTP_ACCEPT_LANGUAGE=language,
        ).content.decode()
        assert label in page
        assert "Bob：换个节点再试" in page
        assert "Alice" not in page
        assert alice.pk.hex not in page


def test_the_confirmation_says_what_became_of_the_forum_posts(
    alice, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _erase(alice)
        services.user_erase(user=bob, password=PASSWORD, code="", ip="127.0.0.1")

    chinese, english = mail.outbox
    assert "社区论坛的提问和回答仍保留在原讨论中" in chinese.body
    assert "shown as by a deleted user" in english.body
