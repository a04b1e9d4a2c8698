from django.urls import URLPattern

app_name = "genograms"
urlpatterns: list[URLPattern] = []
