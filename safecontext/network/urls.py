from django.urls import path

from safecontext.network import views

app_name = "network"
urlpatterns = [
    path("person/<int:person_id>/", views.person_map, name="person_map"),
    path("person/<int:person_id>/graph.json", views.person_graph, name="person_graph"),
    path("person/<int:person_id>/export.png", views.person_export, name="person_export"),
    path("person/<int:person_id>/links/new/", views.person_add_link, name="person_add_link"),
    path("context/<int:context_id>/", views.context_map, name="context_map"),
    path("context/<int:context_id>/graph.json", views.context_graph, name="context_graph"),
    path("context/<int:context_id>/links/new/", views.context_add_link, name="context_add_link"),
    path("links/<int:link_id>/correct/", views.correct_link, name="correct_link"),
    path("links/<int:link_id>/end/", views.end_link, name="end_link"),
]
