"""drf-spectacular extensions: how our authentication reads in the OpenAPI schema."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiViewExtension
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers


class DeviceTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "walletdesk.devices.authentication.DeviceTokenAuthentication"
    name = "deviceToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "bearerFormat": "wdt_..."}


class ArticleSearchSchema(OpenApiViewExtension):  # type: ignore[no-untyped-call]
    """The Help Center views live in their app's file; their schema is described here."""

    target_class = "walletdesk.api.v1.help.ArticleSearchApi"

    def view_replacement(self) -> Any:
        view = self.target

        class Fixed(view):  # type: ignore[misc, valid-type]
            @extend_schema(
                operation_id="help_articles_search",
                parameters=[type("ArticleSearchInput", (view.Input,), {})],
                responses=inline_serializer(
                    "ArticleSearchResult",
                    {"query": serializers.CharField(), "results": view.Output(many=True)},
                ),
            )
            def get(self, request: Any) -> Any:
                return super().get(request)

        return Fixed


class DeflectionCreateSchema(OpenApiViewExtension):  # type: ignore[no-untyped-call]
    target_class = "walletdesk.api.v1.help.DeflectionCreateApi"

    def view_replacement(self) -> Any:
        view = self.target

        class Fixed(view):  # type: ignore[misc, valid-type]
            @extend_schema(
                operation_id="help_deflections_create",
                request=type("DeflectionInput", (view.Input,), {}),
                responses={
                    201: inline_serializer(
                        "DeflectionRecorded",
                        {"recorded": serializers.BooleanField(), "next": serializers.CharField()},
                    )
                },
            )
            def post(self, request: Any, slug: str) -> Any:
                return super().post(request, slug)

        return Fixed
