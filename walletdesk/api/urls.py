from django.urls import path

from walletdesk.api.v1.intake import IntakeCheckApi

app_name = "api"

urlpatterns = [
    path("v1/intake/check", IntakeCheckApi.as_view(), name="v1-intake-check"),
]
