from django.urls import path

from safecontext.sharing import views

app_name = "sharing"
urlpatterns = [
    path("person/<int:person_id>/", views.for_person, name="for_person"),
    path("person/<int:person_id>/new/", views.new, name="new"),
    path("person/<int:person_id>/who-knows/", views.who_knows, name="who_knows"),
    path("person/<int:person_id>/who-knows/copy/", views.who_knows_pdf, name="who_knows_pdf"),
    path("<int:share_id>/", views.detail, name="detail"),
    path("<int:share_id>/told/", views.told, name="told"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
