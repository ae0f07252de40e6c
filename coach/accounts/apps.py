from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "coach.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import language  # noqa: F401  (keeps a person's language at sign-in)
