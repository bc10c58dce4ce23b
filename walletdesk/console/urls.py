from django.urls import path

from walletdesk.console import audit_trail, bulk, incidents, teams, views

app_name = "console"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("audit/", audit_trail.audit_log, name="audit"),
    path("availability/", views.availability, name="availability"),
    path("due/", views.due_next, name="due"),
    path("views/save/", bulk.view_save, name="view-save"),
    path("views/<uuid:view_id>/delete/", bulk.view_delete, name="view-delete"),
    path("bulk/", bulk.bulk_start, name="bulk-start"),
    path("bulk/<uuid:job_id>/", bulk.bulk_job, name="bulk-job"),
    path("bulk/<uuid:job_id>/progress/", bulk.bulk_progress, name="bulk-progress"),
    path("incidents/", incidents.incident_list, name="incidents"),
    path("incidents/new/", incidents.incident_new, name="incident-new"),
    path("incidents/<uuid:incident_id>/", incidents.incident_detail, name="incident"),
    path("incidents/<uuid:incident_id>/reply/", incidents.incident_reply, name="incident-reply"),
    path(
        "incidents/<uuid:incident_id>/resolve/",
        incidents.incident_resolve_view,
        name="incident-resolve",
    ),
    path("teams/", teams.team_list, name="teams"),
    path("teams/<slug:slug>/", teams.team_detail, name="team"),
    path("teams/<slug:slug>/reassign/", teams.team_reassign, name="team-reassign"),
    path("teams/<slug:slug>/reassign-many/", teams.team_reassign_bulk, name="team-reassign-bulk"),
    path("tickets/<str:reference>/", views.ticket_detail, name="detail"),
    path("tickets/<str:reference>/onchain/", views.ticket_onchain, name="onchain"),
    path("tickets/<str:reference>/start/", views.ticket_start, name="start"),
    path("tickets/<str:reference>/assign/", views.ticket_assign, name="assign"),
    path("tickets/<str:reference>/reply/", views.ticket_reply, name="reply"),
    path("tickets/<str:reference>/presence/", views.ticket_presence, name="presence"),
    path("tickets/<str:reference>/saved-replies/", views.ticket_macros, name="macros"),
    path("tickets/<str:reference>/request-info/", views.ticket_request_info, name="request-info"),
    path("tickets/<str:reference>/resolve/", views.ticket_resolve, name="resolve"),
    path("tickets/<str:reference>/close/", views.ticket_close, name="close"),
    path("tickets/<str:reference>/merge/", views.ticket_merge, name="merge"),
    path("tickets/<str:reference>/tags/", views.ticket_tag, name="tag"),
    path("tickets/<str:reference>/incident/", views.ticket_incident, name="ticket-incident"),
    path("tickets/<str:reference>/reject/", views.ticket_reject, name="reject"),
    path("tickets/<str:reference>/reopen/", views.ticket_reopen, name="reopen"),
    path("tickets/<str:reference>/priority/", views.ticket_priority, name="priority"),
    path("tickets/<str:reference>/category/", views.ticket_category, name="category"),
    path("tickets/<str:reference>/redact/", views.ticket_redact_view, name="redact"),
    path("tickets/<str:reference>/reveal/", views.ticket_reveal, name="reveal"),
    path(
        "tickets/<str:reference>/messages/<uuid:message_id>/redact/",
        views.message_redact_view,
        name="message-redact",
    ),
    path(
        "tickets/<str:reference>/files/<uuid:attachment_id>/remove/",
        views.attachment_remove_view,
        name="attachment-remove",
    ),
]
