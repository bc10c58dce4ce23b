from django.urls import path

from walletdesk.community.views import moderation, portal

app_name = "community"

urlpatterns = [
    path("", portal.topic_list, name="portal-list"),
    path("search/", portal.topic_search, name="portal-search"),
    path("ask/", portal.topic_ask, name="portal-ask"),
    path("name/", portal.name, name="portal-name"),
    path("t/<uuid:topic_id>/", portal.topic_detail, name="portal-topic"),
    path("t/<uuid:topic_id>/answer/", portal.post_add, name="portal-topic-answer"),
    path("t/<uuid:topic_id>/edit/", portal.topic_edit, name="portal-topic-edit"),
    path("t/<uuid:topic_id>/delete/", portal.topic_delete, name="portal-topic-delete"),
    path("t/<uuid:topic_id>/p/<uuid:post_id>/edit/", portal.post_edit, name="portal-post-edit"),
    path(
        "t/<uuid:topic_id>/p/<uuid:post_id>/delete/",
        portal.post_delete,
        name="portal-post-delete",
    ),
    path(
        "t/<uuid:topic_id>/accept/<uuid:post_id>/",
        portal.answer_accept,
        name="portal-topic-accept",
    ),
    path("t/<uuid:topic_id>/vote/<uuid:post_id>/", portal.vote, name="portal-topic-vote"),
    path("t/<uuid:topic_id>/report/", portal.report, name="portal-topic-report"),
    path("t/<uuid:topic_id>/promote/", portal.promote, name="portal-topic-promote"),
    path("t/<uuid:topic_id>/ticket/", portal.ticket_start, name="portal-topic-ticket"),
    path("moderation/", moderation.queue, name="moderation-queue"),
    path("moderation/t/<uuid:topic_id>/", moderation.act, name="moderation-act"),
]
