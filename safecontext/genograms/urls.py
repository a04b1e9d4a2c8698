from django.urls import path

from safecontext.genograms import views

app_name = "genograms"
urlpatterns = [
    path("case/<int:case_id>/", views.for_case, name="for_case"),
    path("case/<int:case_id>/print/", views.print_view, name="print"),
    path("case/<int:case_id>/members/new/", views.add_member, name="add_member"),
    path("members/<int:genogram_member_id>/edit/", views.edit_member, name="edit_member"),
    path("members/<int:genogram_member_id>/remove/", views.remove_member, name="remove_member"),
    path("case/<int:case_id>/relationships/new/", views.add_relation, name="add_relation"),
    path("relationships/<int:genogram_relation_id>/remove/", views.remove_relation, name="remove_relation"),
    path("case/<int:case_id>/family-copy/new/", views.upload_copy, name="upload_copy"),
    path("family-copy/<int:family_copy_id>/", views.download_copy, name="download_copy"),
]
