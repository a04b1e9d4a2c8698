from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "safecontext.access"
    label = "access"
