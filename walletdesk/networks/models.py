"""The networks and assets a ticket can name, kept in the database so admins add chains.

This is the one catalogue: forms, the intake check, the API and explorer-link recognition read
it through selectors.py. An EVM chain is data: a row with family "evm" is checked, linked and
offered like Ethereum (see checks.py). Migration 0002 seeds the networks every WalletDesk
starts with.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from walletdesk.chain.networks import Family
from walletdesk.core.i18n import pick
from walletdesk.core.models import BaseModel

FAMILY_LABELS = {
    Family.EVM: _("EVM (Ethereum-compatible)"),
    Family.BITCOIN: _("Bitcoin"),
    Family.TRON: _("TRON"),
    Family.SOLANA: _("Solana"),
    Family.MEMO: _("Needs a memo or tag (TON, XRP, Cosmos, EOS)"),
    Family.OTHER: _("Other"),
}


def _explorer_template(value: str) -> None:
    if value and value.count("{}") != 1:
        raise ValidationError(_('Put exactly one "{}" where the hash or address goes.'))


class Network(BaseModel):
    slug = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Lower-case, stable: the API and stored tickets use it."),
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    family = models.CharField(
        _("address family"),
        max_length=16,
        choices=[(family.value, label) for family, label in FAMILY_LABELS.items()],
        default=Family.EVM.value,
    )
    chain_id = models.PositiveBigIntegerField(_("chain id (EVM)"), null=True, blank=True)
    native_asset = models.CharField(_("native asset"), max_length=20, blank=True)
    explorer_tx_url = models.CharField(
        _("explorer transaction link"),
        max_length=200,
        blank=True,
        validators=[_explorer_template],
        help_text=_('For example https://etherscan.io/tx/{} ("{}" is the hash).'),
    )
    explorer_address_url = models.CharField(
        _("explorer address link"),
        max_length=200,
        blank=True,
        validators=[_explorer_template],
    )
    needs_memo = models.BooleanField(_("deposits need a memo or tag"), default=False)
    rpc_url = models.URLField(
        _("JSON-RPC endpoint"),
        max_length=300,
        blank=True,
        help_text=_("Used to look transactions up on the chain. Leave empty to skip lookups."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    # Filled by the selectors (not a column): the asset symbols offered, native first.
    asset_symbols: tuple[str, ...] = ()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [
            models.UniqueConstraint(
                fields=["chain_id"],
                condition=models.Q(chain_id__isnull=False),
                name="network_chain_id_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_zh, self.name_en)

    def tx_url(self, tx_hash: str) -> str:
        """The public explorer page of a transaction, or "" when there is none."""
        return self.explorer_tx_url.format(tx_hash) if self.explorer_tx_url and tx_hash else ""

    def address_url(self, address: str) -> str:
        """The public explorer page of an address, or "" when there is none."""
        if not (self.explorer_address_url and address):
            return ""
        return self.explorer_address_url.format(address)


class Asset(BaseModel):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="assets")
    symbol = models.CharField(_("symbol"), max_length=20)
    name = models.CharField(_("name"), max_length=80, blank=True)
    contract = models.CharField(
        _("contract or mint"),
        max_length=120,
        blank=True,
        help_text=_("Empty for the network's native asset."),
    )
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=18)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "symbol"]
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        constraints = [
            models.UniqueConstraint(fields=["network", "symbol"], name="asset_symbol_per_network")
        ]

    def __str__(self) -> str:
        return self.symbol
