"""Account views (being built)."""

from django.http import Http404, HttpRequest, HttpResponse


def register(request: HttpRequest) -> HttpResponse:
    raise Http404


def login(request: HttpRequest) -> HttpResponse:
    raise Http404


def logout(request: HttpRequest) -> HttpResponse:
    raise Http404


def language(request: HttpRequest) -> HttpResponse:
    raise Http404
