from django.urls import path

from walletdesk.portal import data_rights, views

app_name = "portal"

urlpatterns = [
    path("contact/", views.contact, name="contact"),
    path("tickets/", views.ticket_list, name="list"),
    path("tickets/new/", views.category_choose, name="new"),
    path("tickets/new/<slug:category>/", views.ticket_create, name="create"),
    path("tickets/held/<uuid:held_id>/", views.held_ticket, name="held"),
    path("tickets/<str:reference>/", views.ticket_detail, name="detail"),
    path("tickets/<str:reference>/submitted/", views.ticket_submitted, name="submitted"),
    path("tickets/<str:reference>/reply/", views.ticket_reply, name="reply"),
    path("tickets/<str:reference>/resolve/", views.ticket_resolve, name="resolve"),
    path("tickets/<str:reference>/rate/", views.ticket_rate, name="rate"),
    path("tickets/<str:reference>/resubmit/", views.ticket_resubmit, name="resubmit"),
    path("survey/<str:token>/", views.ticket_survey, name="survey"),
    path("my-data/", data_rights.data, name="data"),
    path("my-data/export/", data_rights.data_export, name="data-export"),
    path("my-data/download/<str:token>/", data_rights.data_download, name="data-download"),
    path("my-data/erase/", data_rights.data_erase, name="data-erase"),
    path("my-data/erased/", data_rights.data_erased, name="data-erased"),
]
