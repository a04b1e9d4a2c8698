from django.urls import path

from safecontext.cases import note_views, team_views, views

app_name = "cases"
urlpatterns = [
    path("<int:case_id>/", views.detail, name="detail"),
    path("open/<int:person_id>/", views.open_case, name="open"),
    path("<int:case_id>/allocate/", views.allocate, name="allocate"),
    path("<int:case_id>/level/", views.change_level, name="level"),
    path("<int:case_id>/close/", views.close, name="close"),
    path("<int:case_id>/notes/new/", note_views.add_note, name="add_note"),
    path("notes/<int:note_id>/", note_views.note, name="note"),
    path("notes/<int:note_id>/edit/", note_views.edit_note, name="edit_note"),
    path("notes/<int:note_id>/history/", note_views.note_history, name="note_history"),
    path("suggestions/<int:suggestion_id>/", note_views.suggestion, name="suggestion"),
    path("<int:case_id>/relationships/new/", note_views.add_relationship, name="add_relationship"),
    path("relationships/<int:relationship_id>/stage/", note_views.stage, name="stage"),
    path("relationships/<int:relationship_id>/ending/", note_views.ending, name="ending"),
    path("relationships/<int:relationship_id>/ending-letter/", note_views.ending_letter, name="ending_letter"),
    path("visits-due/", team_views.my_visits, name="my_visits"),
    path("team/overdue-visits/", team_views.team_overdue, name="team_overdue"),
    path("team/continuity/", team_views.team_continuity, name="team_continuity"),
]
