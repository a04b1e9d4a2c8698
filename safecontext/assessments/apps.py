from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "safecontext.assessments"
    label = "assessments"
