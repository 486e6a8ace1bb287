from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"

    def ready(self):
        from . import encryption, signals  # noqa: F401  (system check, receivers)
        from .totp import used_codes_remembered_while_accepted

        used_codes_remembered_while_accepted()
