from django.utils.translation import gettext_lazy as _

from walletdesk.core.errors import DomainError


class SiweError(DomainError):
    class Code(DomainError.Code):
        MESSAGE_INVALID = "siwe_message_invalid"
        INVALID_ADDRESS = "invalid_address"
        DOMAIN_MISMATCH = "siwe_domain_mismatch"
        URI_MISMATCH = "siwe_uri_mismatch"
        CHAIN_NOT_SUPPORTED = "siwe_chain_not_supported"
        NONCE_INVALID = "siwe_nonce_invalid"
        MESSAGE_EXPIRED = "siwe_message_expired"
        NOT_YET_VALID = "siwe_not_yet_valid"
        SIGNATURE_INVALID = "siwe_signature_invalid"
        EMAIL_REQUIRED = "email_required"
        ADDRESS_TAKEN = "address_taken"
        SIGNUP_INVALID = "signup_invalid"
        CODE_INVALID = "code_invalid"
        STAFF_ACCOUNT = "staff_account"

    messages = {
        Code.MESSAGE_INVALID.value: _(
            "The sign-in message is not a valid Sign-In with Ethereum message."
        ),
        Code.INVALID_ADDRESS.value: _("The address in the message is not a valid address."),
        Code.DOMAIN_MISMATCH.value: _("The message was written for another site."),
        Code.URI_MISMATCH.value: _("The message names another address than this service."),
        Code.CHAIN_NOT_SUPPORTED.value: _("Signing in on this chain is not supported."),
        Code.NONCE_INVALID.value: _(
            "This sign-in request was already used or has expired. Please start again."
        ),
        Code.MESSAGE_EXPIRED.value: _("This sign-in message has expired. Please start again."),
        Code.NOT_YET_VALID.value: _("This sign-in message is not valid yet."),
        Code.SIGNATURE_INVALID.value: _("The signature does not match the address."),
        Code.EMAIL_REQUIRED.value: _(
            "This address is not linked to an account yet. Enter your e-mail address and sign "
            "again: we will send a code to confirm it."
        ),
        Code.ADDRESS_TAKEN.value: _("This address is already linked to another account."),
        Code.SIGNUP_INVALID.value: _("This sign-up has expired. Please start again."),
        Code.CODE_INVALID.value: _("The code is not correct."),
        Code.STAFF_ACCOUNT.value: _(
            "Support staff sign in with their password: a staff account cannot sign in with a "
            "wallet or link one."
        ),
    }
