"""A context case held by Pod A (lead: allocated_worker) on a peer group with Test Child as a member, with a baseline
assessment and a review — the records the context tests and the permission matrix open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from safecontext.contexts import actions
from safecontext.contexts.models import Context, ContextAssessment, ContextCase, ContextCaseMember
from safecontext.core.actions_base import inside_action
from safecontext.front_door.codes import LawfulBasis, ReferralSource
from safecontext.front_door.models import Referral
from tests.conftest import World

GROUP_NAME = "Matrix Close group"

EXPECTED_CAN_SEE_CONTEXT_CASE = {
    "allocated_worker": True,  # leads it
    "same_team_colleague": True,  # Pod A holds it
    "other_team_worker": False,
    "manager": True,
    "partner_agency": False,  # partner agencies do not see context cases
    "no_role": False,
    "front_door": True,  # the service's context cases
    "head_of_service": True,
    "data_officer": False,  # no context-case permission
    "administrator": False,
    "youth_worker": False,  # not the lead
}


@dataclass
class ContextRecords:
    case: ContextCase
    member: ContextCaseMember
    baseline: ContextAssessment
    review: ContextAssessment
    referral: Referral


def peer_group_answers(score: int) -> dict[str, object]:
    return {
        "pg.fn.look_out": score,
        "pg.fn.pressure": 6 - score,
        "pg.gd.trusted_adult": score,
        "pg.env.safe_places": score,
    }


def make_context_records(world: World) -> ContextRecords:
    existing = ContextCase.objects.filter(context__name=GROUP_NAME).first()
    if existing is not None:
        baseline = existing.assessments.get(review_of__isnull=True)
        return ContextRecords(
            existing,
            existing.members.get(),
            baseline,
            baseline.reviews.get(),
            Referral.objects.get(subject_context=existing.context),
        )
    lead = world.users["allocated_worker"]
    assert lead.team is not None
    today = timezone.localdate()
    group = actions.create_context(service=world.child.service, kind=Context.Kind.PEER_GROUP, name=GROUP_NAME, by=lead)
    with inside_action():
        referral = Referral.objects.create(
            service=world.child.service,
            received_at=timezone.now() - dt.timedelta(days=40),
            source=ReferralSource.SCHOOLS,
            referrer_name="Sam Teacher",
            about=Referral.About.CONTEXT,
            subject_context=group,
            concerns="A group of pupils is being recruited to carry drugs",
            lawful_basis=LawfulBasis.PUBLIC_TASK,
            decision_due_at=timezone.now(),
            recorded_by=world.users["front_door"],
        )
    case = actions.open_context_case(
        context=group, team=lead.team, lead_worker=lead, opened_on=today - dt.timedelta(days=30), by=lead
    )
    member = actions.add_member(context_case=case, person=world.child, joined_on=today - dt.timedelta(days=30), by=lead)
    baseline = actions.record_assessment(
        context_case=case,
        answers=peer_group_answers(2),
        assessed_on=today - dt.timedelta(days=29),
        evidence_sources=["young_people", "staff"],
        questionnaire_version="1",
        by=lead,
    )
    review = actions.record_assessment(
        context_case=case,
        answers=peer_group_answers(4),
        assessed_on=today,
        evidence_sources=["young_people"],
        review_of=baseline,
        questionnaire_version="1",
        by=lead,
    )
    return ContextRecords(case, member, baseline, review, referral)
