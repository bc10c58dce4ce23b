from django.urls import path

from walletdesk.attachments import views

app_name = "attachments"

urlpatterns = [
    path("files/<uuid:attachment_id>/", views.attachment_download, name="download"),
    path("files/<uuid:attachment_id>/view/", views.attachment_view, name="view"),
]
