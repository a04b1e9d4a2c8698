from django.apps import AppConfig


class ContextPlansConfig(AppConfig):
    name = "safecontext.context_plans"
    label = "context_plans"
