from django.urls import path

from safecontext.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("triage/", views.next_triage, name="next_triage"),
    path("<int:meeting_id>/", views.meeting_detail, name="detail"),
    path("<int:meeting_id>/attendees/", views.add_attendee, name="add_attendee"),
    path("<int:meeting_id>/items/<int:item_id>/", views.item_decision, name="item_decision"),
    path("<int:meeting_id>/actions/new/", views.add_action, name="add_action"),
    path("<int:meeting_id>/outcome/", views.record_outcome, name="record_outcome"),
]
