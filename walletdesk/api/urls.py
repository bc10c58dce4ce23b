from django.urls import path

from walletdesk.api.v1.help import ArticleSearchApi, DeflectionCreateApi
from walletdesk.api.v1.intake import IntakeCheckApi

app_name = "api"

urlpatterns = [
    path("v1/intake/check", IntakeCheckApi.as_view(), name="v1-intake-check"),
    path("v1/help/articles", ArticleSearchApi.as_view(), name="v1-help-articles"),
    path(
        "v1/help/articles/<slug:slug>/deflections",
        DeflectionCreateApi.as_view(),
        name="v1-help-deflections",
    ),
]
