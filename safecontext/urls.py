"""Every URL is classified in access/url_policy.py; a test fails the suite when one is not."""

from django.urls import include, path

from safecontext.api import api

urlpatterns = [
    path("", include("safecontext.core.urls")),
    path("account/", include("safecontext.accounts.urls")),
    path("people/", include("safecontext.people.urls")),
    path("access/", include("safecontext.access.urls")),
    path("front-door/", include("safecontext.front_door.urls")),
    path("meetings/", include("safecontext.meetings.urls")),
    path("api/", api.urls),
]
