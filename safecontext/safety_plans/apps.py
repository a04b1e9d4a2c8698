from django.apps import AppConfig


class SafetyPlansConfig(AppConfig):
    name = "safecontext.safety_plans"
    label = "safety_plans"
