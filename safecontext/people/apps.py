from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "safecontext.people"
    label = "people"
