"""Input shapes of the wallet user's pages. Validation only; services do the writing."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from walletdesk.chain.networks import COMMON_ASSETS, network_choices
from walletdesk.tickets.models import Category, Ticket, WalletField
from walletdesk.tickets.services import TicketDraft

_HELP = {
    WalletField.NETWORK: _("The blockchain the transfer used, e.g. TRON for USDT-TRC20."),
    WalletField.ASSET: _("The coin or token, e.g. USDT."),
    WalletField.TX_HASH: _(
        "Also called TxID. Find it in the transaction details of the sending wallet or exchange."
    ),
    WalletField.ADDRESS: _("The receiving or destination address involved."),
    WalletField.AMOUNT: _("The amount sent, without the asset name."),
    WalletField.OCCURRED_AT: _("Roughly when it happened, in your time zone."),
}


class TicketForm(forms.Form):
    """The ticket form of one category: it asks exactly the fields the category names."""

    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        help_text=_("One line, e.g. 'USDT deposit from exchange not arrived'."),
    )
    description = forms.CharField(
        label=_("What happened"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_(
            "Describe what you did, what you expected and what you see. Never include your "
            "recovery phrase or private key."
        ),
    )
    network = forms.ChoiceField(label=_("Network"), required=False)
    asset = forms.CharField(label=_("Asset"), max_length=40, required=False)
    tx_hash = forms.CharField(label=_("Transaction hash"), max_length=200, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    memo = forms.CharField(label=_("Memo / tag"), max_length=120, required=False)
    amount = forms.DecimalField(
        label=_("Amount"),
        required=False,
        min_value=Decimal(0),
        max_digits=38,
        decimal_places=18,
        localize=False,
    )
    occurred_at = forms.DateTimeField(
        label=_("When it happened"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args: Any, category: Category, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.category = category
        self.fields["network"].choices = [("", _("Choose a network")), *network_choices()]
        # The memo goes with the network: it is shown wherever the network is asked.
        asked = set(category.fields) | ({"memo"} if "network" in category.fields else set())
        for name in [n for n in list(self.fields) if n in {*WalletField.values, "memo"}]:
            if name not in asked:
                del self.fields[name]
                continue
            field = self.fields[name]
            field.required = category.requires(name)
            if name in _HELP:
                field.help_text = _HELP[WalletField(name)]
        if "memo" in self.fields:
            self.fields["memo"].help_text = _(
                "Only for networks and exchanges that ask for a memo or destination tag."
            )
        if "asset" in self.fields:
            self.fields["asset"].widget.attrs["list"] = "asset-suggestions"
        for name in ("tx_hash", "address", "memo"):
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {
                        "autocomplete": "off",
                        "spellcheck": "false",
                        "autocapitalize": "off",
                        "class": "mono",
                    }
                )
        self.fields["subject"].widget.attrs["autocomplete"] = "off"
        if "amount" in self.fields:
            self.fields["amount"].widget.attrs["inputmode"] = "decimal"

    asset_suggestions = COMMON_ASSETS

    def clean_asset(self) -> str:
        return self.cleaned_data.get("asset", "").strip().upper()

    def to_draft(self) -> TicketDraft:
        data = self.cleaned_data
        return TicketDraft(
            category=self.category,
            subject=data["subject"],
            description=data["description"],
            network=data.get("network") or "",
            asset=data.get("asset") or "",
            tx_hash=data.get("tx_hash") or "",
            address=data.get("address") or "",
            memo=data.get("memo") or "",
            amount=data.get("amount"),
            occurred_at=data.get("occurred_at"),
        )

    @classmethod
    def initial_from(cls, ticket: Ticket) -> dict[str, Any]:
        """Pre-fill a resubmission from the original, so nothing has to be typed again."""
        return {
            "subject": ticket.subject,
            "description": ticket.description,
            "network": ticket.network,
            "asset": ticket.asset,
            "tx_hash": ticket.tx_hash,
            "address": ticket.address,
            "memo": ticket.memo,
            "amount": ticket.amount,
            "occurred_at": ticket.occurred_at,
        }


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How did we do?"),
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
