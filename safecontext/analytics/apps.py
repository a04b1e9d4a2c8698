from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "safecontext.analytics"
    label = "analytics"
