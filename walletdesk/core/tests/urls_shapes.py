"""Addresses whose patterns take some plain text and not other (test_kept_tags.py)."""

from django.http import HttpResponse
from django.urls import path, re_path


def _page(request: object, **values: str) -> HttpResponse:
    return HttpResponse()


urlpatterns = [
    # Nine letters or digits exactly: the first stand-in fits, other texts may not.
    re_path(r"^fixed/(?P<code>[A-Za-z0-9]{9})/$", _page, name="fixed"),
    # Two patterns under one name, in both orders: lower-case words fit one, any text the other.
    re_path(r"^word/(?P<value>[a-z]+)/$", _page, name="either"),
    path("text/<str:value>/", _page, name="either"),
    path("text/<str:value>/", _page, name="or"),
    re_path(r"^word/(?P<value>[a-z]+)/$", _page, name="or"),
    path("mixed/<slug:a>/<int:b>/", _page, name="mixed"),
]
