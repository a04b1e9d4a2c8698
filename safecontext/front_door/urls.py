from django.urls import path

from safecontext.front_door.views import intake, linked, queue, screening

app_name = "front_door"
urlpatterns = [
    path("", queue.work_queue, name="queue"),
    path("overdue/", queue.overdue, name="overdue"),
    path("referrals/new/", intake.new_referral, name="new_referral"),
    path("referrals/candidates/", intake.duplicate_candidates, name="duplicate_candidates"),
    path("referrals/<int:referral_id>/", intake.referral_detail, name="referral"),
    path("referrals/<int:referral_id>/screen/", screening.screen, name="screen"),
    path("referrals/<int:referral_id>/indicators/", screening.indicators, name="indicators"),
    path("referrals/<int:referral_id>/linked/", linked.linked_young_people, name="linked"),
    path("proposals/<int:proposal_id>/", linked.decide_proposal, name="decide_proposal"),
]
