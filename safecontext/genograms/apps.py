from django.apps import AppConfig


class GenogramsConfig(AppConfig):
    name = "safecontext.genograms"
    label = "genograms"
