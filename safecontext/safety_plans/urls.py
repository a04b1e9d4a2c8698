from django.urls import URLPattern

app_name = "safety_plans"
urlpatterns: list[URLPattern] = []
