"""The wallet user's pages: submit a ticket, follow it, answer, rate, resubmit."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from walletdesk.accounts.decorators import customer_required
from walletdesk.attachments import selectors as attachment_selectors
from walletdesk.attachments import services as attachment_services
from walletdesk.attachments.errors import AttachmentError
from walletdesk.attachments.upload_handlers import refusals_of
from walletdesk.chain.secret_guard import mask_secrets
from walletdesk.core import ratelimit
from walletdesk.portal.forms import RatingForm, ReplyForm, TicketForm
from walletdesk.tickets import selectors, services
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.workflow import Action, Actor, allowed_actions, may_reply

# Enough for a user with several real problems; stops a script filling the queue.
TICKET_CREATE_LIMIT = ratelimit.Limit("ticket-create", count=10, window_for=60 * 60)


def contact(request: HttpRequest) -> HttpResponse:
    """'联系客服 / Contact support' is the same door as 'Submit a ticket'."""
    return redirect("portal:new")


def category_choose(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/category_choose.html",
        {"categories": selectors.category_list_active()},
    )


def _form_page(
    request: HttpRequest,
    *,
    form: TicketForm,
    original: Ticket | None = None,
    error: str = "",
    status: int = 200,
    secret_warning: bool = False,
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "category": form.category,
        "original": original,
        "error": error,
        "secret_warning": secret_warning,
    }
    return render(request, "portal/ticket_form.html", context, status=status)


def _submit(request: HttpRequest, form: TicketForm, original: Ticket | None = None) -> HttpResponse:
    if not form.is_valid():
        return _form_page(request, form=form, original=original, status=400)
    verdict = ratelimit.hit(TICKET_CREATE_LIMIT, str(request.user.pk))
    if not verdict.allowed:
        error = TicketError(TicketError.Code.TOO_MANY_TICKETS).message
        return _form_page(request, form=form, original=original, error=error, status=429)
    try:
        # Files are checked before the ticket is written: a refused file costs no typed text.
        uploads = attachment_services.attachment_uploads_check(
            uploads=request.FILES.getlist("attachments"),
            uploader=request.user,  # type: ignore[arg-type]
            refusals=refusals_of(request),
        )
    except AttachmentError as exc:
        return _form_page(request, form=form, original=original, error=exc.message, status=400)
    try:
        ticket = services.ticket_open(
            requester=request.user,  # type: ignore[arg-type]
            draft=form.to_draft(),
            resubmission_of=original,
        )
    except TicketError as exc:
        if exc.code == TicketError.Code.SECRET_DETECTED:
            # Nothing was stored; show the rest of the form back with the secret masked.
            return _form_page(
                request,
                form=form.with_secrets_masked(),
                original=original,
                error=exc.message,
                status=400,
                secret_warning=True,
            )
        status = 403 if exc.code == TicketError.Code.UNVERIFIED_EMAIL else 400
        return _form_page(request, form=form, original=original, error=exc.message, status=status)
    for notice in form.notices:
        messages.info(request, notice)
    attachment_services.attachment_accept_all(
        ticket=ticket,
        uploader=request.user,  # type: ignore[arg-type]
        uploads=uploads,
    )
    return redirect("portal:submitted", reference=ticket.reference)


@customer_required
def ticket_create(request: HttpRequest, category: str) -> HttpResponse:
    chosen = selectors.category_get_active(category)
    if chosen is None:
        raise Http404
    if request.method == "POST":
        return _submit(request, TicketForm(request.POST, category=chosen))
    return _form_page(request, form=TicketForm(category=chosen))


@customer_required
def ticket_resubmit(request: HttpRequest, reference: str) -> HttpResponse:
    """Supplement a rejected ticket: the form starts from the original, linked to it."""
    original = selectors.ticket_get_for_customer(user=request.user, reference=reference)  # type: ignore[arg-type]
    if request.method == "POST":
        return _submit(request, TicketForm(request.POST, category=original.category), original)
    if not original.can_be_resubmitted or hasattr(original, "resubmission"):
        messages.error(request, TicketError(TicketError.Code.NOT_RESUBMITTABLE).message)
        return redirect("portal:detail", reference=original.reference)
    form = TicketForm(initial=TicketForm.initial_from(original), category=original.category)
    return _form_page(request, form=form, original=original)


@customer_required
def ticket_submitted(request: HttpRequest, reference: str) -> HttpResponse:
    ticket = selectors.ticket_get_for_customer(user=request.user, reference=reference)  # type: ignore[arg-type]
    return render(request, "portal/submitted.html", {"ticket": ticket})


@customer_required
def ticket_list(request: HttpRequest) -> HttpResponse:
    tickets = selectors.ticket_list_for_customer(user=request.user)[:100]  # type: ignore[arg-type]
    return render(request, "portal/list.html", {"tickets": list(tickets)})


def _detail_page(
    request: HttpRequest,
    ticket: Ticket,
    *,
    reply_form: ReplyForm | None = None,
    rating_form: RatingForm | None = None,
    error: str = "",
    status: int = 200,
    secret_warning: bool = False,
) -> HttpResponse:
    actions = allowed_actions(status=ticket.status, actor=Actor.CUSTOMER)
    context = {
        "ticket": ticket,
        "thread": selectors.message_list_for_customer(ticket=ticket),
        "attachments": attachment_selectors.attachment_list_for_customer(ticket=ticket),
        "reply_form": reply_form or ReplyForm(),
        "rating_form": rating_form or RatingForm(),
        "may_reply": may_reply(
            status=ticket.status, actor=Actor.CUSTOMER, in_reopen_grace=ticket.in_reopen_grace
        ),
        "may_resolve": Action.RESOLVE in actions,
        "resubmission": getattr(ticket, "resubmission", None),
        "error": error,
        "secret_warning": secret_warning,
    }
    return render(request, "portal/detail.html", context, status=status)


@customer_required
def ticket_detail(request: HttpRequest, reference: str) -> HttpResponse:
    ticket = selectors.ticket_get_for_customer(user=request.user, reference=reference)  # type: ignore[arg-type]
    response = _detail_page(request, ticket)
    services.ticket_mark_seen(ticket=ticket, customer=request.user)  # type: ignore[arg-type]
    return response


def _refused(
    request: HttpRequest, ticket: Ticket, exc: TicketError | AttachmentError, **forms: Any
) -> HttpResponse:
    status = 409 if exc.code == TicketError.Code.TRANSITION_NOT_ALLOWED else 400
    fresh = selectors.ticket_get_for_customer(user=request.user, reference=ticket.reference)  # type: ignore[arg-type]
    secret = exc.code == TicketError.Code.SECRET_DETECTED
    if secret and isinstance(forms.get("reply_form"), ReplyForm):
        # Nothing was stored; the reply box comes back with the secret masked.
        forms["reply_form"] = ReplyForm({"body": mask_secrets(forms["reply_form"].data["body"])})
    return _detail_page(
        request, fresh, error=exc.message, status=status, secret_warning=secret, **forms
    )


@customer_required
@require_POST
def ticket_reply(request: HttpRequest, reference: str) -> HttpResponse:
    ticket = selectors.ticket_get_for_customer(user=request.user, reference=reference)  # type: ignore[arg-type]
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, ticket, reply_form=form, status=400)
    try:
        uploads = attachment_services.attachment_uploads_check(
            uploads=request.FILES.getlist("attachments"),
            uploader=request.user,  # type: ignore[arg-type]
            ticket=ticket,
            refusals=refusals_of(request),
        )
        message = services.ticket_reply_add(
            ticket=ticket,
            author=request.user,  # type: ignore[arg-type]
            body=form.cleaned_data["body"],
        )
    except (TicketError, AttachmentError) as exc:
        return _refused(request, ticket, exc, reply_form=form)
    attachment_services.attachment_accept_all(
        ticket=ticket,
        uploader=request.user,  # type: ignore[arg-type]
        uploads=uploads,
        message=message,
    )
    messages.success(request, _("Your reply was sent."))
    return redirect(reverse("portal:detail", args=[ticket.reference]) + "#latest")


@customer_required
@require_POST
def ticket_resolve(request: HttpRequest, reference: str) -> HttpResponse:
    ticket = selectors.ticket_get_for_customer(user=request.user, reference=reference)  # type: ignore[arg-type]
    try:
        services.ticket_resolve(ticket=ticket, actor=request.user)  # type: ignore[arg-type]
    except TicketError as exc:
        return _refused(request, ticket, exc)
    messages.success(request, _("Glad it is solved. Tell us how we did below."))
    return redirect(reverse("portal:detail", args=[ticket.reference]) + "#rate")


@customer_required
@require_POST
def ticket_rate(request: HttpRequest, reference: str) -> HttpResponse:
    ticket = selectors.ticket_get_for_customer(user=request.user, reference=reference)  # type: ignore[arg-type]
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, ticket, rating_form=form, status=400)
    try:
        services.ticket_rate(
            ticket=ticket,
            customer=request.user,  # type: ignore[arg-type]
            score=form.cleaned_data["score"],
            comment=form.cleaned_data["comment"],
        )
    except TicketError as exc:
        return _refused(request, ticket, exc, rating_form=form)
    messages.success(request, _("Thank you for your rating."))
    return redirect("portal:detail", reference=ticket.reference)
