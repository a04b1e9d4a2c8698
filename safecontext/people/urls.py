from django.urls import path

from safecontext.people import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("new/", views.create, name="create"),
    path("<int:person_id>/", views.detail, name="detail"),
    path("<int:person_id>/edit/", views.edit, name="edit"),
    path("<int:person_id>/names/new/", views.add_name, name="add_name"),
    path("<int:person_id>/addresses/new/", views.add_address, name="add_address"),
    path("<int:person_id>/viewed/", views.who_viewed, name="who_viewed"),
]
