from django.urls import URLPattern

app_name = "contexts"
urlpatterns: list[URLPattern] = []
