from django.urls import path

from safecontext.supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.index, name="index"),
    path("sessions/new/", views.new_session, name="new_session"),
    path("sessions/<int:supervision_session_id>/", views.session_detail, name="session"),
    path("sessions/<int:supervision_session_id>/cases/new/", views.add_discussion, name="add_discussion"),
    path("case/<int:case_id>/oversight/", views.case_oversight, name="case_oversight"),
    path("actions/", views.my_actions, name="my_actions"),
    path("actions/<int:supervision_action_id>/done/", views.action_done, name="action_done"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("people/<int:supervisee_id>/cadence/", views.cadence, name="cadence"),
]
