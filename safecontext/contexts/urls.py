from django.urls import path

from safecontext.contexts import assessment_views, views

app_name = "contexts"
urlpatterns = [
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.open_case, name="open_case"),
    path("cases/from-referral/<int:context_referral_id>/", views.open_from_referral, name="open_from_referral"),
    path("cases/<int:context_case_id>/", views.case_detail, name="case_detail"),
    path("cases/<int:context_case_id>/edit/", views.edit_case, name="edit_case"),
    path("cases/<int:context_case_id>/lead/", views.allocate_lead, name="allocate_lead"),
    path("cases/<int:context_case_id>/close/", views.close_case, name="close_case"),
    path("cases/<int:context_case_id>/members/new/", views.add_member, name="add_member"),
    path("cases/<int:context_case_id>/members/<int:context_member_id>/end/", views.end_member, name="end_member"),
    path("cases/<int:context_case_id>/assessments/new/", assessment_views.new_assessment, name="new_assessment"),
    path("cases/<int:context_case_id>/review/", assessment_views.review, name="review"),
    path("cases/<int:context_case_id>/comparison/", assessment_views.comparison, name="comparison"),
    path("assessments/<int:context_assessment_id>/", assessment_views.assessment_detail, name="assessment_detail"),
    path("assessments/<int:context_assessment_id>/words/new/", assessment_views.add_words, name="add_words"),
]
