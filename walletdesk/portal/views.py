"""The wallet user's pages: submit a ticket, follow it, answer, rate, resubmit."""

import contextlib
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from walletdesk.accounts.decorators import SignedInRequest, customer_required
from walletdesk.attachments import selectors as attachment_selectors
from walletdesk.attachments.errors import AttachmentError
from walletdesk.attachments.upload_handlers import refusals_of
from walletdesk.community.errors import CommunityError
from walletdesk.community.models import Topic
from walletdesk.community.selectors import topic_get_for_asker
from walletdesk.community.services import topic_ticket_link
from walletdesk.core import ratelimit
from walletdesk.core.reversing import reverse_with
from walletdesk.guard.models import Channel
from walletdesk.inbound import selectors as inbound_selectors
from walletdesk.inbound import services as inbound_services
from walletdesk.inbound.errors import HeldMailError
from walletdesk.incidents.models import Incident
from walletdesk.incidents.selectors import incident_for_ticket
from walletdesk.notifications.services import notifications_read_for_ticket
from walletdesk.portal.forms import (
    SECRET_REMOVED,
    RatingForm,
    ReplyForm,
    SurveyForm,
    TicketForm,
)
from walletdesk.submissions.drafts import ReplySubmission, TicketSubmission
from walletdesk.submissions.services import ticket_reply_submit, ticket_submit
from walletdesk.tickets import selectors, services
from walletdesk.tickets.closure import ticket_closure, ticket_may_be_rated
from walletdesk.tickets.errors import TicketError
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.satisfaction import survey_ticket
from walletdesk.tickets.workflow import Action, Actor, allowed_actions, may_reply

# A storage outage is not the user's fault: the page says so, and keeps what they typed.
_STATUS_BY_CODE: dict[str, int] = {
    TicketError.Code.UNVERIFIED_EMAIL.value: 403,
    TicketError.Code.TOO_MANY_TICKETS.value: 429,
    TicketError.Code.TRANSITION_NOT_ALLOWED.value: 409,
    AttachmentError.Code.STORAGE_UNAVAILABLE.value: 503,
}


def _told(exc: TicketError | AttachmentError) -> dict[str, Any]:
    """Where a refusal is said: a file's at the file picker (the field it is about), the
    rest above the form."""
    if isinstance(exc, AttachmentError):
        return {"upload_errors": [exc.message]}
    return {"error": exc.message}


def _refusal_status(exc: TicketError | AttachmentError) -> int:
    return _STATUS_BY_CODE.get(exc.code.value, 400)


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
    upload_errors: Sequence[str] = (),
    status: int = 200,
    secret_warning: bool = False,
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "category": form.category,
        "original": original,
        "error": error,
        "upload_errors": upload_errors,
        "secret_warning": secret_warning,
    }
    return render(request, "portal/ticket_form.html", context, status=status)


def _submit(
    request: SignedInRequest,
    form: TicketForm,
    original: Ticket | None = None,
    topic: Topic | None = None,
) -> HttpResponse:
    try:
        if not form.is_valid():
            # A secret in a field that is not valid (an amount, an address) is told as a
            # secret, never shown back as an invalid value.
            services.ticket_typed_check(
                requester=request.user, values=request.POST, category=form.category
            )
            return _form_page(request, form=form, original=original, status=400)
    except TicketError as exc:
        return _secret_refused(request, form, exc, original)
    submission = TicketSubmission(
        channel=Channel.WEB,
        requester=request.user,
        draft=form.to_draft(),
        # As typed: cleaning rewrites the form's data (spaces out of an address or hash).
        typed=request.POST,
        format_checks=form.format_checks,
        resubmission_of=original,
        files=request.FILES.getlist("attachments"),
        refused_in_transit=refusals_of(request),
        client_ip=ratelimit.client_ip(request),
    )
    try:
        outcome = ticket_submit(submission)
    except (TicketError, AttachmentError) as exc:
        if isinstance(exc, TicketError) and exc.code == TicketError.Code.SECRET_DETECTED:
            return _secret_refused(request, form, exc, original)
        return _form_page(
            request, form=form, original=original, status=_refusal_status(exc), **_told(exc)
        )
    if topic is not None:
        # The question the ticket was started from names it; already linked: nothing to do.
        with contextlib.suppress(CommunityError):
            topic_ticket_link(topic=topic, ticket=outcome.ticket, actor=request.user)
    for notice in form.notices:
        messages.info(request, notice)
    return HttpResponseRedirect(
        reverse_with("portal:submitted", "reference", outcome.ticket.reference)
    )


def _secret_refused(
    request: SignedInRequest, form: TicketForm, exc: TicketError, original: Ticket | None
) -> HttpResponse:
    # Nothing was stored; the fields the secret was in come back masked and marked.
    return _form_page(
        request,
        form=form.with_secrets_masked(exc.params.get("masked", {})),
        original=original,
        error=exc.message,
        status=_refusal_status(exc),
        secret_warning=True,
    )


@customer_required
def ticket_create(request: SignedInRequest, category: str) -> HttpResponse:
    chosen = selectors.category_get_active(category)
    if chosen is None:
        raise Http404
    topic = _from_topic(request)
    if request.method == "POST":
        return _submit(request, TicketForm(request.POST, category=chosen), topic=topic)
    initial = _follow_up(request)
    if topic is not None:
        # The public question starts the ticket; private details are typed here only.
        initial = {"subject": topic.title[:200], "description": topic.body}
    return _form_page(request, form=TicketForm(initial=initial, category=chosen))


def _from_topic(request: SignedInRequest) -> Topic | None:
    """The forum question a ticket is started from (``?from_topic=<id>``): the user's own
    question without a ticket yet; anything else is ignored."""
    try:
        topic_id = UUID(request.GET.get("from_topic", ""))
    except ValueError:
        return None
    try:
        return topic_get_for_asker(topic_id=topic_id, user=request.user)
    except Http404:
        return None


def _follow_up(request: SignedInRequest) -> dict[str, Any]:
    """A new ticket opened from a closed one (``?follows=<reference>``) starts by naming it,
    so support finds the earlier case; a reference not the user's own is ignored."""
    reference = request.GET.get("follows", "")
    if not reference:
        return {}
    try:
        earlier = selectors.ticket_get_for_customer(user=request.user, reference=reference)
    except Http404:
        return {}
    text = _("Follow-up to ticket %(reference)s: ") % {"reference": earlier.reference}
    return {"description": text}


@customer_required
def ticket_resubmit(request: SignedInRequest, reference: str) -> HttpResponse:
    """Supplement a rejected ticket: the form starts from the original, linked to it."""
    original = selectors.ticket_get_for_customer(user=request.user, reference=reference)
    if request.method == "POST":
        return _submit(request, TicketForm(request.POST, category=original.category), original)
    if not original.can_be_resubmitted or hasattr(original, "resubmission"):
        messages.error(request, TicketError(TicketError.Code.NOT_RESUBMITTABLE).message)
        return redirect("portal:detail", reference=original.reference)
    form = TicketForm(initial=TicketForm.initial_from(original), category=original.category)
    return _form_page(request, form=form, original=original)


@customer_required
def ticket_submitted(request: SignedInRequest, reference: str) -> HttpResponse:
    ticket = selectors.ticket_get_for_customer(user=request.user, reference=reference)
    context = {"ticket": ticket, "incident_notice": _incident_notice(ticket)}
    return render(request, "portal/submitted.html", context)


def _incident_notice(ticket: Ticket) -> Incident | None:
    """The open incident behind the user's ticket (linked, or one it matches): the page tells
    them support knows about it, with the incident's public description."""
    found = incident_for_ticket(ticket=ticket)
    if found is None or not found.incident.is_open:
        return None
    return found.incident


@customer_required
def ticket_list(request: SignedInRequest) -> HttpResponse:
    tickets = selectors.ticket_list_for_customer(user=request.user)[:100]
    held = inbound_selectors.held_tickets_pending_list(request.user)
    return render(request, "portal/list.html", {"tickets": list(tickets), "held": held})


@customer_required
def held_ticket(request: SignedInRequest, held_id: UUID) -> HttpResponse:
    """A new ticket sent by e-mail that no mail server vouched for: the account holder sees
    what arrived in their name and confirms it (it is then submitted like any other) or
    declines it (it is discarded)."""
    held = inbound_selectors.held_ticket_get(request.user, str(held_id))
    if held is None:
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "decline":
                inbound_services.held_ticket_decline(held=held, user=request.user)
                messages.success(request, _("The e-mail was discarded. No ticket was opened."))
                return redirect("portal:list")
            if request.POST.get("decision") == "confirm":
                outcome = inbound_services.held_ticket_confirm(held=held, user=request.user)
                if outcome.refused_files:
                    names = ", ".join(item.name for item in outcome.refused_files)
                    messages.info(
                        request, _("These files were left out: %(names)s") % {"names": names}
                    )
                return HttpResponseRedirect(
                    reverse_with("portal:submitted", "reference", outcome.ticket.reference)
                )
            error = _("Choose whether to open the ticket or discard the e-mail.")
        except (TicketError, AttachmentError, HeldMailError) as exc:
            error = exc.message
    mail = inbound_selectors.held_mail_read(held)
    context = {
        "held": held,
        "mail": mail,
        "files": [f.filename for f in mail.files],
        "error": error,
    }
    return render(request, "portal/held.html", context, status=400 if error else 200)


def _detail_page(
    request: HttpRequest,
    ticket: Ticket,
    *,
    reply_form: ReplyForm | None = None,
    rating_form: RatingForm | None = None,
    error: str = "",
    upload_errors: Sequence[str] = (),
    status: int = 200,
    secret_warning: bool = False,
    notifications_unread: int | None = None,
) -> HttpResponse:
    actions = allowed_actions(status=ticket.status, actor=Actor.CUSTOMER)
    attachments, earlier_attachments = attachment_selectors.attachments_split_by_ticket(
        attachment_selectors.attachment_list_for_customer(ticket=ticket, with_checking=True),
        ticket=ticket,
    )
    context = {
        "ticket": ticket,
        "thread": selectors.message_list_for_customer(ticket=ticket),
        "earlier_thread": selectors.earlier_thread_for_customer(ticket=ticket),
        "attachments": attachments,
        "earlier_attachments": earlier_attachments,
        "reply_form": reply_form or ReplyForm(),
        "rating_form": rating_form or RatingForm(),
        "may_reply": may_reply(
            status=ticket.status, actor=Actor.CUSTOMER, in_reopen_grace=ticket.in_reopen_grace
        ),
        "may_resolve": Action.RESOLVE in actions,
        "resubmission": getattr(ticket, "resubmission", None),
        "closure": ticket_closure(ticket),
        "may_rate": ticket_may_be_rated(ticket),
        "error": error,
        "upload_errors": upload_errors,
        "secret_warning": secret_warning,
        "incident_notice": _incident_notice(ticket) if ticket.is_active else None,
    }
    if notifications_unread is not None:
        # The bell counted after this page marked its notifications read, not before.
        context["notifications_unread"] = notifications_unread
    return render(request, "portal/detail.html", context, status=status)


@customer_required
def ticket_detail(request: SignedInRequest, reference: str) -> HttpResponse:
    ticket = selectors.ticket_get_for_customer(user=request.user, reference=reference)
    unread = notifications_read_for_ticket(user=request.user, ticket=ticket)
    response = _detail_page(request, ticket, notifications_unread=unread)
    services.ticket_mark_seen(ticket=ticket, customer=request.user)
    return response


def _refused(
    request: SignedInRequest, ticket: Ticket, exc: TicketError | AttachmentError, **forms: Any
) -> HttpResponse:
    status = _refusal_status(exc)
    fresh = selectors.ticket_get_for_customer(user=request.user, reference=ticket.reference)
    secret = exc.code == TicketError.Code.SECRET_DETECTED
    if secret and isinstance(forms.get("reply_form"), ReplyForm):
        # Nothing was stored; the reply box comes back with the secret masked (the part of it
        # in this reply, when it continues what was sent before).
        body = exc.params.get("masked", {}).get("body", forms["reply_form"].data["body"])
        forms["reply_form"] = ReplyForm({"body": body})
        forms["reply_form"].add_error(
            "body", ValidationError(SECRET_REMOVED, code=TicketError.Code.SECRET_DETECTED.value)
        )
    return _detail_page(request, fresh, status=status, secret_warning=secret, **_told(exc), **forms)


@customer_required
@require_POST
def ticket_reply(request: SignedInRequest, reference: str) -> HttpResponse:
    ticket = selectors.ticket_get_for_customer(user=request.user, reference=reference)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, ticket, reply_form=form, status=400)
    submission = ReplySubmission(
        channel=Channel.WEB,
        ticket=ticket,
        author=request.user,
        body=form.cleaned_data["body"],
        files=request.FILES.getlist("attachments"),
        refused_in_transit=refusals_of(request),
    )
    try:
        ticket_reply_submit(submission)
    except (TicketError, AttachmentError) as exc:
        return _refused(request, ticket, exc, reply_form=form)
    messages.success(request, _("Your reply was sent."))
    return redirect(reverse("portal:detail", args=[ticket.reference]) + "#latest")


@customer_required
@require_POST
def ticket_resolve(request: SignedInRequest, reference: str) -> HttpResponse:
    ticket = selectors.ticket_get_for_customer(user=request.user, reference=reference)
    try:
        services.ticket_resolve(ticket=ticket, actor=request.user)
    except TicketError as exc:
        return _refused(request, ticket, exc)
    messages.success(request, _("Glad it is solved. Tell us how we did below."))
    return redirect(reverse("portal:detail", args=[ticket.reference]) + "#rate")


@customer_required
@require_POST
def ticket_rate(request: SignedInRequest, reference: str) -> HttpResponse:
    ticket = selectors.ticket_get_for_customer(user=request.user, reference=reference)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, ticket, rating_form=form, status=400)
    try:
        services.ticket_rate(
            ticket=ticket,
            customer=request.user,
            score=form.cleaned_data["score"],
            comment=form.cleaned_data["comment"],
        )
    except TicketError as exc:
        return _refused(request, ticket, exc, rating_form=form)
    messages.success(request, _("Thank you for your rating."))
    return redirect("portal:detail", reference=ticket.reference)


# --- the satisfaction survey of a resolution e-mail -----------------------------------------


def ticket_survey(request: HttpRequest, token: str) -> HttpResponse:
    """The page a survey link in a resolution e-mail opens, without signing in.

    Opening it records nothing (mail scanners open every link): the score the link carries is
    ticked and the requester sends it, with reasons and a comment if they like. The link is
    good once: a rated ticket says so. The page speaks the requester's language, as the
    e-mail did.
    """
    try:
        ticket = survey_ticket(token)
    except TicketError as exc:
        return render(request, "portal/survey.html", {"invalid": exc.message}, status=404)
    with translation.override(ticket.requester.language):
        return _survey_page(request, ticket, token)


def _survey_page(request: HttpRequest, ticket: Ticket, token: str) -> HttpResponse:
    status = 200
    if request.method != "POST":
        score = request.GET.get("score", "")
        form = SurveyForm(initial={"score": int(score)} if score in _SCORES else {})
    elif not ticket.can_be_rated:
        form, status = SurveyForm(), 409  # rated already (or open again): said on the page
    else:
        form = SurveyForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.ticket_rate(
                    ticket=ticket,
                    customer=ticket.requester,
                    score=form.cleaned_data["score"],
                    comment=form.cleaned_data["comment"],
                    reasons=form.cleaned_data["reasons"],
                )
            except TicketError as exc:
                status = _refusal_status(exc)
                if exc.code == TicketError.Code.SECRET_DETECTED:
                    # Nothing was stored; the comment comes back empty and says why.
                    form = SurveyForm({**request.POST.dict(), "comment": ""})
                    form.is_valid()
                    form.add_error("comment", SECRET_REMOVED)
                else:
                    ticket.refresh_from_db()
            else:
                return redirect("portal:survey", token=token)
    return render(
        request,
        "portal/survey.html",
        {"ticket": ticket, "form": form, "open": ticket.can_be_rated},
        status=status,
    )


_SCORES = {"1", "2", "3", "4", "5"}
