"""Portal views (being built)."""

from django.http import Http404, HttpRequest, HttpResponse


def contact(request: HttpRequest, reference: str = "", category: str = "") -> HttpResponse:
    raise Http404


def ticket_list(request: HttpRequest, reference: str = "", category: str = "") -> HttpResponse:
    raise Http404


def category_choose(request: HttpRequest, reference: str = "", category: str = "") -> HttpResponse:
    raise Http404


def ticket_create(request: HttpRequest, reference: str = "", category: str = "") -> HttpResponse:
    raise Http404


def ticket_detail(request: HttpRequest, reference: str = "", category: str = "") -> HttpResponse:
    raise Http404


def ticket_submitted(request: HttpRequest, reference: str = "", category: str = "") -> HttpResponse:
    raise Http404


def ticket_reply(request: HttpRequest, reference: str = "", category: str = "") -> HttpResponse:
    raise Http404


def ticket_resolve(request: HttpRequest, reference: str = "", category: str = "") -> HttpResponse:
    raise Http404


def ticket_rate(request: HttpRequest, reference: str = "", category: str = "") -> HttpResponse:
    raise Http404


def ticket_resubmit(request: HttpRequest, reference: str = "", category: str = "") -> HttpResponse:
    raise Http404

