from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "safecontext.audit"
    label = "audit"
