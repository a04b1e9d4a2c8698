from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "safecontext.demo"
    label = "demo"
