"""The export: asked once at a time, built into a ZIP of the user's own data, e-mailed as a
signed link that works once, for its owner, for a short time."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from walletdesk.attachments.storage import attachment_storage
from walletdesk.audit.models import AuditEvent, Kind
from walletdesk.privacy import services
from walletdesk.privacy.errors import PrivacyError
from walletdesk.privacy.models import DataExport
from walletdesk.privacy.tasks import data_export_build_task, data_exports_sweep_task
from walletdesk.testing.mail import assert_mail_in

pytestmark = pytest.mark.django_db


def _built(user) -> DataExport:
    export = services.data_export_request(user=user)
    assert services.data_export_build(export_id=export.pk)
    export.refresh_from_db()
    return export


def _token(message) -> str:
    link = next(w for w in message.body.split() if "/my-data/download/" in w)
    return link.rstrip("/").rsplit("/", 1)[1]


def _zip(download) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(download.file.read()))


def test_the_zip_holds_the_users_own_data_and_nothing_else(alice, case):
    export = _built(alice)

    (message,) = mail.outbox
    download = services.data_export_open(user=alice, token=_token(message))
    archive = _zip(download)

    names = set(archive.namelist())
    assert {
        "README.txt",
        "profile.json",
        "tickets.json",
        "tickets.csv",
        "messages.json",
        "messages.csv",
        "notifications.json",
    } <= names
    profile = json.loads(archive.read("profile.json"))
    assert profile["email"] == "alice@example.com"
    assert [w["address"] for w in profile["wallet_addresses"]] == [case.ticket.address]
    assert [d["name"] for d in profile["devices"]] == ["Alice 的 iPhone"]
    tickets = json.loads(archive.read("tickets.json"))
    assert {t["reference"] for t in tickets} == {case.ticket.reference, case.closed.reference}
    rated = next(t for t in tickets if t["reference"] == case.closed.reference)
    assert (rated["rating"], rated["rating_comment"]) == (5, "谢谢 Carol")
    bodies = [m["body"] for m in json.loads(archive.read("messages.json"))]
    assert "我们在查" in bodies
    assert "内部：可能是钓鱼地址" not in bodies  # never an internal note
    assert "Bob" not in archive.read("tickets.csv").decode()  # never another user's data
    # Staff appear as the portal showed them, and the README is in the user's language.
    senders = {m["from"] for m in json.loads(archive.read("messages.json"))}
    assert senders == {"您", "客服 · Carol"}
    assert "文件内容" in archive.read("README.txt").decode()
    # Only the files the user sent, byte for byte.
    files = sorted(n for n in names if n.startswith("files/"))
    assert files == [f"files/{case.ticket.reference}/付款截图.png"]
    assert archive.read(files[0]) == case.own_bytes
    assert len(json.loads(archive.read("notifications.json"))) == 1
    assert export.state == DataExport.State.READY


def test_the_link_is_mailed_in_the_users_language_and_the_zip_is_private(alice, bob, case):
    export = _built(alice)
    bob_export = _built(bob)

    alice_mail, bob_mail = mail.outbox
    assert alice_mail.to == ["alice@example.com"]
    assert_mail_in(alice_mail, "zh-hans")
    assert_mail_in(bob_mail, "en")
    assert "/my-data/download/" in bob_mail.body
    assert attachment_storage().exists(export.storage_key)
    assert export.storage_key.startswith("exports/")
    assert bob_export.storage_key != export.storage_key


def test_one_export_at_a_time(alice):
    services.data_export_request(user=alice)

    with pytest.raises(PrivacyError) as refused:
        services.data_export_request(user=alice)

    assert refused.value.code == PrivacyError.Code.EXPORT_IN_PROGRESS
    assert DataExport.objects.filter(user=alice).count() == 1


def test_an_expired_export_no_longer_blocks_a_new_one(alice):
    export = _built(alice)

    with time_machine.travel(timezone.now() + timedelta(days=2)):
        again = services.data_export_request(user=alice)

    export.refresh_from_db()
    assert export.state == DataExport.State.EXPIRED
    assert again.state == DataExport.State.PENDING


def test_exports_are_rate_limited_per_account(alice):
    for _ in range(3):
        export = services.data_export_request(user=alice)
        DataExport.objects.filter(pk=export.pk).update(state=DataExport.State.DOWNLOADED)

    with pytest.raises(PrivacyError) as refused:
        services.data_export_request(user=alice)

    assert refused.value.code == PrivacyError.Code.RATE_LIMITED


def test_asking_and_downloading_are_audited(alice, case):
    _built(alice)

    services.data_export_open(user=alice, token=_token(mail.outbox[0]))

    steps = [e.detail["step"] for e in AuditEvent.objects.filter(kind=Kind.EXPORT).order_by("id")]
    assert steps == ["requested", "downloaded"]


def test_the_link_works_once(alice, case):
    _built(alice)
    token = _token(mail.outbox[0])
    services.data_export_open(user=alice, token=token)

    with pytest.raises(PrivacyError) as refused:
        services.data_export_open(user=alice, token=token)

    assert refused.value.code == PrivacyError.Code.LINK_USED


def test_the_link_is_refused_to_another_account(alice, bob, case):
    _built(alice)

    with pytest.raises(PrivacyError) as refused:
        services.data_export_open(user=bob, token=_token(mail.outbox[0]))

    assert refused.value.code == PrivacyError.Code.LINK_OTHER_USER
    assert DataExport.objects.get(user=alice).state == DataExport.State.READY


def test_the_link_expires(alice, settings, case):
    _built(alice)
    token = _token(mail.outbox[0])

    with (
        time_machine.travel(
            timezone.now() + timedelta(seconds=settings.DATA_EXPORT_LINK_VALID_FOR + 5)
        ),
        pytest.raises(PrivacyError) as refused,
    ):
        services.data_export_open(user=alice, token=token)

    assert refused.value.code == PrivacyError.Code.LINK_EXPIRED


@pytest.mark.parametrize("token", ["nonsense", "abc:def:ghi"])
def test_a_tampered_link_is_refused(alice, token):
    with pytest.raises(PrivacyError) as refused:
        services.data_export_open(user=alice, token=token)

    assert refused.value.code == PrivacyError.Code.LINK_INVALID


def test_the_build_runs_once_even_if_queued_twice(alice):
    export = services.data_export_request(user=alice)

    first = data_export_build_task(export_id=str(export.pk))
    second = data_export_build_task(export_id=str(export.pk))

    assert (first, second) == (True, False)
    assert len(mail.outbox) == 1


def test_a_failed_build_is_handed_back_for_a_retry(alice, monkeypatch):
    export = services.data_export_request(user=alice)

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(services, "mail_build", broken)
    with pytest.raises(OSError, match="mail server down"):
        services.data_export_build(export_id=export.pk)

    export.refresh_from_db()
    assert export.state == DataExport.State.PENDING
    monkeypatch.undo()
    assert services.data_export_build(export_id=export.pk)


def test_the_sweep_deletes_fetched_and_expired_zips(alice, bob, case):
    fetched = _built(alice)
    services.data_export_open(user=alice, token=_token(mail.outbox[0]))
    left = _built(bob)
    storage = attachment_storage()

    with time_machine.travel(timezone.now() + timedelta(days=2)):
        deleted = data_exports_sweep_task()

    assert deleted == 2
    assert not storage.exists(fetched.storage_key)
    assert not storage.exists(left.storage_key)
    left.refresh_from_db()
    assert left.state == DataExport.State.EXPIRED
    assert left.file_deleted_at is not None


def test_an_export_built_while_the_account_is_erased_leaves_no_file(alice, monkeypatch):
    export = services.data_export_request(user=alice)
    real_content = services.export_content_for_user
    stored_keys = []

    def erased_meanwhile(*, user):
        content = real_content(user=user)
        services.user_erase(user=alice, password="correct horse battery", code="", ip="")
        return content

    monkeypatch.setattr(services, "export_content_for_user", erased_meanwhile)
    real_save = services.attachment_storage().__class__.save

    def remember(self, name, content, **kwargs):
        stored_keys.append(real_save(self, name, content, **kwargs))
        return stored_keys[-1]

    monkeypatch.setattr(services.attachment_storage().__class__, "save", remember)

    assert services.data_export_build(export_id=export.pk) is False

    assert len(stored_keys) == 1
    assert not attachment_storage().exists(stored_keys[0])
    assert not DataExport.objects.filter(pk=export.pk).exists()
    assert [m.subject for m in mail.outbox if "下载" in m.subject] == []


def test_the_exports_reads_do_not_grow_with_the_tickets(alice, case, django_assert_max_num_queries):
    from walletdesk.privacy.selectors import export_content_for_user
    from walletdesk.tickets.tests.factories import MessageFactory, TicketFactory

    for _ in range(5):
        MessageFactory(ticket=TicketFactory(requester=alice))

    # Eight for the tickets' side, three for the forum (questions, posts, votes).
    with django_assert_max_num_queries(11):
        content = export_content_for_user(user=alice)

    assert len(content.tickets) == 7


def test_on_s3_the_zip_is_a_private_object_deleted_by_the_sweep(alice, case, s3_storage):
    from walletdesk.attachments.tests.corpus import png
    from walletdesk.privacy.tests.conftest import BUCKET, stored_file

    data = png(colour="#10b981")
    stored_file(ticket=case.ticket, uploader=alice, name="s3.png", data=data)
    export = _built(alice)
    listed = s3_storage.list_objects_v2(Bucket=BUCKET, Prefix=export.storage_key)
    assert listed["KeyCount"] == 1

    archive = _zip(services.data_export_open(user=alice, token=_token(mail.outbox[0])))
    assert archive.read(f"files/{case.ticket.reference}/s3.png") == data
    data_exports_sweep_task()

    listed = s3_storage.list_objects_v2(Bucket=BUCKET, Prefix=export.storage_key)
    assert listed.get("KeyCount", 0) == 0


def test_beat_runs_the_sweeps(settings):
    from config.celery import app

    app.loader.import_default_modules()
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert "walletdesk.privacy.tasks.data_exports_sweep_task" in tasks
    assert "walletdesk.privacy.tasks.retention_sweep_task" in tasks
    assert tasks <= set(app.tasks)


def test_a_file_missing_from_storage_is_listed_not_fatal(alice, case):
    attachment_storage().delete(case.own_file.storage_key)

    export = _built(alice)

    archive = _zip(services.data_export_open(user=alice, token=_token(mail.outbox[0])))
    assert export.state == DataExport.State.READY
    assert not [n for n in archive.namelist() if n.startswith("files/")]
    readme = archive.read("README.txt").decode()
    assert "以下文件无法从存储中读取" in readme
    assert f"files/{case.ticket.reference}/付款截图.png" in readme


def test_the_zip_holds_the_users_forum_questions_answers_and_votes(alice, bob, case):
    from walletdesk.community.models import Visibility, Vote
    from walletdesk.community.tests.factories import PostFactory, TopicFactory

    question = TopicFactory(author=alice, title="提现卡住了", body="两个小时没到账")
    bobs_answer = PostFactory(topic=question, author=bob, body="Bob 的回答：换网络")
    own_answer = PostFactory(
        topic=TopicFactory(author=bob, title="Bob 的问题"),
        author=alice,
        body="我的回答",
        visibility=Visibility.HELD,
    )
    Vote.objects.create(post=bobs_answer, user=alice, value=1)
    _built(alice)

    (message,) = mail.outbox
    archive = _zip(services.data_export_open(user=alice, token=_token(message)))

    forum = json.loads(archive.read("forum.json"))
    assert [(t["title"], t["question"]) for t in forum["topics"]] == [
        ("提现卡住了", "两个小时没到账")
    ]
    assert [(p["id"], p["text"], p["state"]) for p in forum["posts"]] == [
        (str(own_answer.pk), "我的回答", "待审核")
    ]
    assert [(v["post"], v["value"]) for v in forum["votes"]] == [(str(bobs_answer.pk), 1)]
    # Never another user's words: Bob's question and answer are named by id only.
    assert "Bob" not in archive.read("forum.json").decode()
    assert "社区论坛" in archive.read("README.txt").decode()


def test_the_forum_reads_do_not_grow_with_the_posts(alice, django_assert_max_num_queries):
    from walletdesk.community.models import Vote
    from walletdesk.community.selectors import forum_data_for_user
    from walletdesk.community.tests.factories import PostFactory, TopicFactory

    for _ in range(4):
        topic = TopicFactory(author=alice)
        PostFactory(topic=topic, author=alice)
        Vote.objects.create(post=PostFactory(topic=topic), user=alice, value=-1)

    with django_assert_max_num_queries(3):
        forum = forum_data_for_user(user=alice)

    assert (len(forum["topics"]), len(forum["posts"]), len(forum["votes"])) == (4, 4, 4)
