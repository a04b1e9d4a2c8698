from django.urls import path

from safecontext.assessments import views

app_name = "assessments"
urlpatterns = [
    path("case/<int:case_id>/", views.for_case, name="for_case"),
    path("case/<int:case_id>/new/", views.start, name="start"),
    path("<int:assessment_id>/edit/", views.edit, name="edit"),
    path("case/<int:case_id>/participation/", views.participation, name="participation"),
    path("case/<int:case_id>/participation/new/", views.add_participation, name="add_participation"),
]
