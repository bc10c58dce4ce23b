from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from walletdesk.tickets.selectors import category_list_active


def home(request: HttpRequest) -> HttpResponse:
    """The Help Center landing: categories, FAQ answers (later), contact channels."""
    return render(request, "kb/portal/home.html", {"categories": category_list_active()})
