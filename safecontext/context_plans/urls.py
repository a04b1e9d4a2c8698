from django.urls import URLPattern

app_name = "context_plans"
urlpatterns: list[URLPattern] = []
