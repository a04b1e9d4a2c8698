from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "safecontext.core"
    label = "core"
