"""What the ticket form needs before sign-in: categories with their fields, networks, assets."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from walletdesk.api.base import ApiView
from walletdesk.networks.selectors import network_list_active
from walletdesk.tickets.selectors import category_list_active


class CategorySerializer(serializers.Serializer[Any]):
    slug = serializers.CharField()
    name = serializers.CharField()
    guidance = serializers.CharField()
    example = serializers.CharField()
    # DRF's serializer metaclass takes declared fields off the class, so this one does not
    # shadow Serializer.fields at run time; the stubs cannot express that.
    fields = serializers.ListField(child=serializers.CharField())  # type: ignore[assignment]
    required_fields = serializers.ListField(child=serializers.CharField())
    reply_days = serializers.IntegerField()


class NetworkSerializer(serializers.Serializer[Any]):
    slug = serializers.CharField()
    name = serializers.CharField()
    family = serializers.CharField()
    chain_id = serializers.IntegerField(allow_null=True)
    native_asset = serializers.CharField()
    needs_memo = serializers.BooleanField()
    assets = serializers.ListField(child=serializers.CharField(), source="asset_symbols")


class CategoryListApi(ApiView):
    permission_classes = [AllowAny]

    @extend_schema(operation_id="categories_list", responses=CategorySerializer(many=True))
    def get(self, request: Request) -> Response:
        """Active categories in order, in the caller's language."""
        return Response(CategorySerializer(category_list_active(), many=True).data)


class NetworkListApi(ApiView):
    permission_classes = [AllowAny]

    @extend_schema(operation_id="networks_list", responses=NetworkSerializer(many=True))
    def get(self, request: Request) -> Response:
        """Active networks with the assets offered on each."""
        return Response(NetworkSerializer(network_list_active(), many=True).data)
