from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "walletdesk.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from walletdesk.accounts import auditing
        from walletdesk.accounts.middleware import session_signed_in_mark

        user_logged_in.connect(session_signed_in_mark, dispatch_uid="accounts-signed-in-at")
        auditing.connect()
