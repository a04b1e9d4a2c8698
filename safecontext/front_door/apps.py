from django.apps import AppConfig


class FrontDoorConfig(AppConfig):
    name = "safecontext.front_door"
    label = "front_door"
