from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "coach.accounts"
    label = "accounts"
