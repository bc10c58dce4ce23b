"""The file picker drawn once per language, id and limits (attachment_tags.attachment_upload_field)
is the one drawn afresh, and follows a change of the limits or of the language."""

import pytest
from django.utils import translation

from walletdesk.attachments.models import AttachmentLimits
from walletdesk.attachments.templatetags.attachment_tags import (
    _upload_field,
    attachment_upload_field,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("field_id", ["id_attachments", "id_reply_attachments"])
def test_the_kept_picker_is_the_one_drawn_afresh(language, field_id):
    with translation.override(language):
        first = attachment_upload_field(field_id)
        again = attachment_upload_field(field_id)
        fresh = _upload_field(field_id, AttachmentLimits.current(), ())

    assert first == again == fresh
    assert f'id="{field_id}"' in first


def test_the_kept_picker_follows_the_limits_and_the_language():
    with translation.override("en"):
        before = attachment_upload_field()
    limits = AttachmentLimits.current()
    limits.pk = 1
    limits.max_files_per_message = 3
    limits.save()
    with translation.override("en"):
        after = attachment_upload_field()
    with translation.override("zh-hans"):
        chinese = attachment_upload_field()

    assert 'data-max-files="3"' in after
    assert 'data-max-files="3"' not in before
    assert "3 files" in after
    assert "Attach screenshots or documents" not in chinese


def test_errors_are_drawn_each_time():
    with translation.override("en"):
        drawn = attachment_upload_field("id_attachments", ["Too large."])

    assert "Too large." in drawn
    assert "has-error" in drawn
