"""Agent console views (being built)."""

from django.http import Http404, HttpRequest, HttpResponse


def queue(request: HttpRequest, reference: str = "") -> HttpResponse:
    raise Http404


def ticket_detail(request: HttpRequest, reference: str = "") -> HttpResponse:
    raise Http404


def ticket_start(request: HttpRequest, reference: str = "") -> HttpResponse:
    raise Http404


def ticket_assign(request: HttpRequest, reference: str = "") -> HttpResponse:
    raise Http404


def ticket_reply(request: HttpRequest, reference: str = "") -> HttpResponse:
    raise Http404


def ticket_request_info(request: HttpRequest, reference: str = "") -> HttpResponse:
    raise Http404


def ticket_resolve(request: HttpRequest, reference: str = "") -> HttpResponse:
    raise Http404


def ticket_close(request: HttpRequest, reference: str = "") -> HttpResponse:
    raise Http404


def ticket_reject(request: HttpRequest, reference: str = "") -> HttpResponse:
    raise Http404


def ticket_reopen(request: HttpRequest, reference: str = "") -> HttpResponse:
    raise Http404


def ticket_priority(request: HttpRequest, reference: str = "") -> HttpResponse:
    raise Http404


def ticket_category(request: HttpRequest, reference: str = "") -> HttpResponse:
    raise Http404

