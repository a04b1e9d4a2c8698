from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "safecontext.meetings"
    label = "meetings"
