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
    path("cases/", include("safecontext.cases.urls")),
    path("contexts/", include("safecontext.contexts.urls")),
    path("network/", include("safecontext.network.urls")),
    path("context-plans/", include("safecontext.context_plans.urls")),
    path("analytics/", include("safecontext.analytics.urls")),
    path("assessments/", include("safecontext.assessments.urls")),
    path("genograms/", include("safecontext.genograms.urls")),
    path("safety-plans/", include("safecontext.safety_plans.urls")),
    path("supervision/", include("safecontext.supervision.urls")),
    path("sharing/", include("safecontext.sharing.urls")),
    path("api/", api.urls),
]
