from django.urls import path

from walletdesk.kb.views import portal

app_name = "kb"

urlpatterns = [
    path("", portal.home, name="portal-home"),
    path("help/", portal.home, name="portal-help"),
]
