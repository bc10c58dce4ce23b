from django.urls import path

from walletdesk.tickets.views import console, portal

app_name = "tickets"

urlpatterns = [
    # Portal: the wallet user's side.
    path("contact/", portal.contact, name="portal-contact"),
    path("tickets/", portal.ticket_list, name="portal-list"),
    path("tickets/new/", portal.category_choose, name="portal-new"),
    path("tickets/new/<slug:category>/", portal.ticket_create, name="portal-create"),
    path("tickets/<str:reference>/", portal.ticket_detail, name="portal-detail"),
    path("tickets/<str:reference>/submitted/", portal.ticket_submitted, name="portal-submitted"),
    path("tickets/<str:reference>/reply/", portal.ticket_reply, name="portal-reply"),
    path("tickets/<str:reference>/resolve/", portal.ticket_resolve, name="portal-resolve"),
    path("tickets/<str:reference>/rate/", portal.ticket_rate, name="portal-rate"),
    path("tickets/<str:reference>/resubmit/", portal.ticket_resubmit, name="portal-resubmit"),
    # Console: the agent's side.
    path("console/", console.queue, name="console-queue"),
    path("console/tickets/<str:reference>/", console.ticket_detail, name="console-detail"),
    path(
        "console/tickets/<str:reference>/onchain/", console.ticket_onchain, name="console-onchain"
    ),
    path("console/tickets/<str:reference>/start/", console.ticket_start, name="console-start"),
    path("console/tickets/<str:reference>/assign/", console.ticket_assign, name="console-assign"),
    path("console/tickets/<str:reference>/reply/", console.ticket_reply, name="console-reply"),
    path(
        "console/tickets/<str:reference>/request-info/",
        console.ticket_request_info,
        name="console-request-info",
    ),
    path(
        "console/tickets/<str:reference>/resolve/", console.ticket_resolve, name="console-resolve"
    ),
    path("console/tickets/<str:reference>/close/", console.ticket_close, name="console-close"),
    path("console/tickets/<str:reference>/reject/", console.ticket_reject, name="console-reject"),
    path("console/tickets/<str:reference>/reopen/", console.ticket_reopen, name="console-reopen"),
    path(
        "console/tickets/<str:reference>/priority/",
        console.ticket_priority,
        name="console-priority",
    ),
    path(
        "console/tickets/<str:reference>/category/",
        console.ticket_category,
        name="console-category",
    ),
]
