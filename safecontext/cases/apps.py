from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "safecontext.cases"
    label = "cases"
