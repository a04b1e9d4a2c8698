from django.urls import path

from safecontext.analytics import views

app_name = "analytics"
urlpatterns = [
    path("", views.index, name="index"),
    path("shared/", views.shared, name="shared"),
    path("clusters/", views.clusters, name="clusters"),
    path("clusters/recompute/", views.recompute, name="recompute"),
    path("clusters/<int:cluster_run_id>/", views.cluster_run, name="cluster_run"),
    path("hotspots/", views.hotspots, name="hotspots"),
    path("around/", views.around, name="around"),
]
