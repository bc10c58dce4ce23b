from django.urls import path

from walletdesk.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/read-all/", views.notification_read_all, name="read-all"),
    path("notifications/settings/", views.notification_preferences, name="preferences"),
    path(
        "notifications/unsubscribe/<str:token>/",
        views.notification_unsubscribe,
        name="unsubscribe",
    ),
    path("notifications/<uuid:notification_id>/", views.notification_open, name="open"),
]
