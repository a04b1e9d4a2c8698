from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "safecontext.network"
    label = "network"
