from django.urls import path

from safecontext.access import views

app_name = "access"
urlpatterns = [
    path("break-glass/", views.break_glass, name="break_glass"),
    path("break-glass/reviews/", views.break_glass_reviews, name="break_glass_reviews"),
    path("break-glass/reviews/<int:grant_id>/", views.break_glass_review, name="break_glass_review"),
]
