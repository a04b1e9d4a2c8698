from django.apps import AppConfig


class ContextsConfig(AppConfig):
    name = "safecontext.contexts"
    label = "contexts"
