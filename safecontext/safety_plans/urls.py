from django.urls import path

from safecontext.safety_plans import views

app_name = "safety_plans"
urlpatterns = [
    path("case/<int:case_id>/", views.for_case, name="for_case"),
    path("case/<int:case_id>/edit/", views.edit, name="edit"),
    path("case/<int:case_id>/versions/<int:safety_plan_version_id>/", views.version, name="version"),
    path("case/<int:case_id>/family-copy/", views.family_pdf, name="family_pdf"),
]
