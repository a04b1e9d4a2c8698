from django.urls import path

from safecontext.context_plans import partner_views, plan_views, views

app_name = "context_plans"
urlpatterns = [
    path("people/<int:person_id>/", views.for_person, name="for_person"),
    path("people/<int:person_id>/weightings/new/", views.new_weighting_for_person, name="person_weighting_new"),
    path("context-cases/<int:context_case_id>/", views.for_context_case, name="for_context_case"),
    path(
        "context-cases/<int:context_case_id>/weightings/new/",
        views.new_weighting_for_context_case,
        name="context_case_weighting_new",
    ),
    path(
        "context-cases/<int:context_case_id>/plans/new/",
        plan_views.new_for_context_case,
        name="context_case_plan_new",
    ),
    path("weightings/<int:weighting_id>/", views.weighting_detail, name="weighting_detail"),
    path("weightings/preview/", views.weighting_preview, name="weighting_preview"),
    path("people/<int:person_id>/plans/new/", plan_views.new_for_person, name="person_plan_new"),
    path("plans/<int:plan_id>/", plan_views.detail, name="plan_detail"),
    path("plans/<int:plan_id>/edit/", plan_views.edit, name="plan_edit"),
    path("plans/<int:plan_id>/goals/new/", plan_views.new_goal, name="goal_new"),
    path("goals/<int:goal_id>/edit/", plan_views.edit_goal, name="goal_edit"),
    path("plans/<int:plan_id>/actions/new/", plan_views.new_action, name="plan_action_new"),
    path("plan-actions/<int:plan_action_id>/status/", plan_views.action_status, name="plan_action_status"),
    path("plans/<int:plan_id>/conferences/new/", plan_views.new_conference, name="conference_new"),
    path("conferences/<int:conference_id>/", plan_views.conference_detail, name="conference_detail"),
    path("plans/<int:plan_id>/review/", plan_views.review, name="plan_review"),
    path("partners/", partner_views.register, name="partners"),
    path("partners/new/", partner_views.new_partner, name="partner_new"),
    path("partners/<int:partner_id>/edit/", partner_views.edit_partner, name="partner_edit"),
]
