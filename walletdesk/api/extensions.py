"""drf-spectacular extensions: how our authentication reads in the OpenAPI schema."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiViewExtension
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from walletdesk.api.v1.help import ArticleSearchApi, DeflectionCreateApi

# drf-spectacular registers an extension in an unannotated __init_subclass__, which strict
# checking refuses to call from a typed class: hence the one ignore on each class line.


class DeviceTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "walletdesk.devices.authentication.DeviceTokenAuthentication"
    name = "deviceToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "bearerFormat": "wdt_..."}


class ArticleSearchSchema(OpenApiViewExtension):  # type: ignore[no-untyped-call]
    """The Help Center views live in their app's file; their schema is described here."""

    target_class = "walletdesk.api.v1.help.ArticleSearchApi"

    def view_replacement(self) -> type[ArticleSearchApi]:
        class Fixed(ArticleSearchApi):  # the target class itself
            @extend_schema(
                operation_id="help_articles_search",
                parameters=[type("ArticleSearchInput", (ArticleSearchApi.Input,), {})],
                responses=inline_serializer(
                    "ArticleSearchResult",
                    {
                        "query": serializers.CharField(),
                        "results": ArticleSearchApi.Output(many=True),
                    },
                ),
            )
            def get(self, request: Request) -> Response:
                return super().get(request)

        return Fixed


class DeflectionCreateSchema(OpenApiViewExtension):  # type: ignore[no-untyped-call]
    target_class = "walletdesk.api.v1.help.DeflectionCreateApi"

    def view_replacement(self) -> type[DeflectionCreateApi]:
        class Fixed(DeflectionCreateApi):  # the target class itself
            @extend_schema(
                operation_id="help_deflections_create",
                request=type("DeflectionInput", (DeflectionCreateApi.Input,), {}),
                responses={
                    201: inline_serializer(
                        "DeflectionRecorded",
                        {"recorded": serializers.BooleanField(), "next": serializers.CharField()},
                    )
                },
            )
            def post(self, request: Request, slug: str) -> Response:
                return super().post(request, slug)

        return Fixed
