from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "safecontext.sharing"
    label = "sharing"
