"""Sign-In with Ethereum (EIP-4361): nonces, addresses proven by a signature, sign-ups."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from walletdesk.core.models import BaseModel


class SiweNonce(BaseModel):
    """A nonce the server issued; a signed message naming it is accepted once, before expiry."""

    nonce = models.CharField(max_length=32, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.nonce


class WalletAddress(BaseModel):
    """An address whose owner proved it by signing in with it; shown to agents by the ticket."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wallet_addresses"
    )
    # EIP-55 checksummed; one account per address, so signing in with it is unambiguous.
    address = models.CharField(_("address"), max_length=42, unique=True)
    chain_id = models.PositiveBigIntegerField(_("chain id"))
    verified_at = models.DateTimeField(_("verified at"))

    class Meta:
        verbose_name = _("wallet address")
        verbose_name_plural = _("wallet addresses")
        ordering = ["verified_at"]
        indexes = [models.Index(fields=["user", "verified_at"], name="walletaddress_user_idx")]

    def __str__(self) -> str:
        return self.address


class WalletSignup(BaseModel):
    """An unknown address that signed in: an account exists only once the e-mail is confirmed."""

    address = models.CharField(max_length=42)
    chain_id = models.PositiveBigIntegerField()
    email = models.EmailField()
    language = models.CharField(max_length=8)
    code_hash = models.CharField(max_length=64)
    attempts = models.PositiveSmallIntegerField(default=0)
    expires_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.address
