"""The forum's catalogue never changes another page's words: every app's catalogue is merged
into one, so a plain msgid the forum translates differently would win everywhere."""

from django.utils import translation


def test_the_console_s_reports_link_keeps_its_word_and_the_forum_has_its_own():
    with translation.override("zh-hans"):
        assert translation.gettext("Reports") == "报表"
        assert translation.pgettext("forum moderation", "Reports") == "举报"
