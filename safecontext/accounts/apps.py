from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "safecontext.accounts"
    label = "accounts"
