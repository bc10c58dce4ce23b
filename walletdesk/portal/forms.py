"""Input shapes of the wallet user's pages. Validation only; services do the writing."""

import copy
from collections.abc import Mapping, MutableMapping
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from walletdesk.chain.formats import FormatCheck
from walletdesk.core.forms import editable_data
from walletdesk.networks.checks import FormatChecks
from walletdesk.networks.models import Network
from walletdesk.networks.selectors import asset_symbols_for, network_get, network_list_active
from walletdesk.tickets.drafts import TicketDraft, wallet_values_check
from walletdesk.tickets.models import Category, Ticket, WalletField
from walletdesk.tickets.satisfaction import REASONS

_HELP = {
    WalletField.NETWORK: _("The blockchain the transfer used, e.g. TRON for USDT-TRC20."),
    WalletField.ASSET: _("The coin or token, e.g. USDT."),
    WalletField.TX_HASH: _(
        "Also called TxID. Find it in the transaction details of the sending wallet or exchange."
    ),
    WalletField.ADDRESS: _("The receiving or destination address involved."),
    WalletField.AMOUNT: _("The amount sent, without the asset name."),
    WalletField.OCCURRED_AT: _("Roughly when it happened, in your time zone."),
    WalletField.PHISHING_CONTACT: _(
        "The website address, app, group or account that contacted you or took the funds."
    ),
}

# Marks each field a refused wallet secret was in (the warning above the form says the rest).
SECRET_REMOVED = _("A recovery phrase or private key was here. We removed it.")

# The fields a category may ask for or leave out.
_OPTIONAL_FIELDS = frozenset({*WalletField.values, "memo"})


class _TicketFields(forms.Form):
    """Every field a ticket form may have; a category's form takes the ones it asks for."""

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
    phishing_contact = forms.CharField(
        label=_("Phishing site or contact"), max_length=300, required=False
    )


class TicketForm(forms.Form):
    """The ticket form of one category: it asks exactly the fields the category names.

    The category's fields are built once per catalogue state and language and shared by every
    form of it: nothing changes a field after it is built, so the deep copy Django makes of a
    form's declared fields for each instance (this form declares none) would buy nothing.
    """

    def __init__(self, *args: Any, category: Category, **kwargs: Any) -> None:
        self.category = category
        self.networks = network_list_active()
        super().__init__(*args, **kwargs)
        self.fields = dict(_fields_for(category, self.networks))
        # Notices to show once the ticket is in (an explorer link we took the value out of).
        self.notices: list[str] = []
        # ``data`` once cleaning has rewritten a value: the form's own copy of the request's.
        self._own_data: MutableMapping[str, Any] | None = None
        # The hash and address checks made here, handed on with the submission (see to_draft).
        self.format_checks = FormatChecks()

    @property
    def asset_suggestions(self) -> tuple[str, ...]:
        """The chosen network's assets, or the common ones before a network is chosen."""
        return asset_symbols_for(self._slug())

    @property
    def asset_map(self) -> dict[str, list[str]]:
        """network slug -> its assets, for the script that swaps the suggestions."""
        return {n.slug: list(n.asset_symbols) for n in self.networks}

    @property
    def memo_network(self) -> bool:
        network = self._network()
        return bool(network and network.needs_memo)

    def _slug(self) -> str:
        slug = self.data.get("network") if self.is_bound else self.initial.get("network")
        return str(slug or "")

    def _network(self) -> Network | None:
        slug = self._slug()
        return network_get(slug) if slug else None

    def clean_asset(self) -> str:
        asset: str = self.cleaned_data.get("asset", "")
        return asset.strip().upper()

    def _wallet_value(self, name: str, check: FormatCheck) -> str:
        if not check.ok:
            raise forms.ValidationError(str(check.message), code=str(check.code or "invalid"))
        if check.from_url or check.value != self.data.get(name, ""):
            # Show the cleaned value if the form comes back for another field's sake.
            if self._own_data is None:
                self._own_data = self.data = editable_data(self.data)
            self._own_data[name] = check.value
        if check.message:
            self.notices.append(str(check.message))
        return check.value

    def _wallet_field(self, name: str) -> str:
        text: str = self.cleaned_data.get(name, "")
        checks = wallet_values_check(
            network=self.cleaned_data.get("network") or "",
            values={name: text},
            checks=self.format_checks,
        )
        return self._wallet_value(name, checks[name]) if name in checks else ""

    def clean_tx_hash(self) -> str:
        return self._wallet_field("tx_hash")

    def clean_address(self) -> str:
        return self._wallet_field("address")

    def with_secrets_masked(self, masked: Mapping[str, str]) -> "TicketForm":
        """The same submission after the service refused a wallet secret: each field the secret
        touched (``masked``: field -> its text with the secret replaced, from the refusal) is
        shown masked and marked; the rest of what the user typed stays as typed."""
        data = editable_data(self.data)
        for name, text in masked.items():
            data[name] = text
        form = TicketForm(data, category=self.category)
        form.is_valid()
        for name in masked:
            if name in form.fields:
                form.add_error(name, forms.ValidationError(SECRET_REMOVED, code="secret_detected"))
        return form

    def to_draft(self) -> TicketDraft:
        return TicketDraft.from_values(category=self.category, values=self.cleaned_data)

    @classmethod
    def initial_from(cls, ticket: Ticket) -> dict[str, Any]:
        """Pre-fill a resubmission from the original, so nothing has to be typed again.

        The amount is stored with 18 decimals: it comes back as a person writes it (1250,
        0.5), never with trailing zeros or an exponent."""
        initial = TicketDraft.from_ticket(ticket).as_initial()
        amount = initial.get("amount")
        if isinstance(amount, Decimal):
            initial["amount"] = amount_plain(amount)
        return initial


# (category, its field settings, the networks, the language) -> the form's fields, ready.
_FIELDS_BUILT: dict[tuple[Any, ...], dict[str, forms.Field]] = {}
_FIELDS_BUILT_MAX = 64


def _fields_for(category: Category, networks: list[Network]) -> dict[str, forms.Field]:
    key = (
        category.pk,
        tuple(category.fields),
        tuple(category.required_fields),
        tuple((n.slug, n.name_zh, n.name_en, n.needs_memo) for n in networks),
        translation.get_language(),
    )
    fields = _FIELDS_BUILT.get(key)
    if fields is None:
        if len(_FIELDS_BUILT) >= _FIELDS_BUILT_MAX:
            _FIELDS_BUILT.clear()
        fields = _FIELDS_BUILT[key] = _fields_build(category, networks)
    return fields


def _fields_build(category: Category, networks: list[Network]) -> dict[str, forms.Field]:
    """The fields ``category`` asks for, with their choices, help and input hints."""
    fields = copy.deepcopy(_TicketFields.base_fields)
    network = fields["network"]
    assert isinstance(network, forms.ChoiceField)  # noqa: S101 -- declared so above
    network.choices = [("", str(_("Choose a network"))), *[(n.slug, n.name) for n in networks]]
    network.widget.attrs["data-memo-networks"] = " ".join(n.slug for n in networks if n.needs_memo)
    for name in [n for n in list(fields) if n in _OPTIONAL_FIELDS]:
        if not category.asks(name):
            del fields[name]
            continue
        field = fields[name]
        field.required = category.requires(name)
        if name in _HELP:
            field.help_text = _HELP[WalletField(name)]
    if "memo" in fields:
        fields["memo"].help_text = _(
            "Only for networks and exchanges that ask for a memo or destination tag."
        )
    if "asset" in fields:
        fields["asset"].widget.attrs["list"] = "asset-suggestions"
    for name in ("tx_hash", "address", "memo"):
        if name in fields:
            fields[name].widget.attrs.update(
                {
                    "autocomplete": "off",
                    "spellcheck": "false",
                    "autocapitalize": "off",
                    "class": "mono",
                }
            )
    fields["subject"].widget.attrs["autocomplete"] = "off"
    if "amount" in fields:
        fields["amount"].widget.attrs["inputmode"] = "decimal"
    # Built for one language: its words are resolved once here, not on every use.
    for field in fields.values():
        field.label = str(field.label)
        field.help_text = str(field.help_text)
    return fields


def amount_plain(amount: Decimal) -> str:
    """``amount`` in plain positional notation without trailing zeros: 1250, 0.5, 0.00001."""
    return format(amount.normalize(), "f")


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


class SurveyForm(RatingForm):
    """The survey a resolution e-mail links to: the score, what made it, a comment."""

    reasons = forms.MultipleChoiceField(
        label=_("What made it so? (optional)"),
        choices=[(reason.code, reason.label) for reason in REASONS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ErasureForm(forms.Form):
    """The erasure request: the password again and, with two-step verification on, a code.
    A confirmation box says the person read what is removed."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("Verification code"),
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        max_length=20,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "maxlength": "20"}
        ),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is closed and this cannot be undone."),
        error_messages={"required": _("Tick the box to confirm.")},
    )
