from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "safecontext.supervision"
    label = "supervision"
