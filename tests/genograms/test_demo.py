"""The demo writers for this area run on a small world: Test Child stands in for Asif, his mother for Samira."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from safecontext.assessments.models import Participation, SingleAssessment
from safecontext.core.actions_base import inside_action
from safecontext.demo.practice import PracticeDemo
from safecontext.demo.practice import assessments as assessments_demo
from safecontext.demo.practice import genograms as genograms_demo
from safecontext.genograms.models import GenogramMember, GenogramRelation, IdentityAnnotation
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _demo(world: World) -> PracticeDemo:
    return PracticeDemo(
        service=world.child.service,
        users={"ali": world.users["allocated_worker"], "tm": world.users["manager"]},
        people={"asif": world.child, "asif.mother": world.mother},
        today=timezone.localdate(),
        now=timezone.now(),
    )


def test_asifs_assessment_participation_and_genogram(world: World) -> None:
    demo = _demo(world)
    with inside_action():
        counts = assessments_demo.write(demo) | genograms_demo.write(demo)
    assert counts == {
        "single assessments": 1,
        "participation entries": 4,
        "genogram members": 7,
        "genogram relationships": 10,
    }
    assessment = SingleAssessment.objects.get()
    assert set(assessment.factors.values_list("code", flat=True)) == {"10A", "24A", "13A"}
    assert assessment.authorised_on is not None and assessment.authorised_on <= timezone.localdate()
    assert (
        assessment.authorised_by == world.users["manager"] and assessment.created_by == world.users["allocated_worker"]
    )
    assert set(Participation.objects.values_list("kind", flat=True)) == {"inform", "involve", "invest", "influence"}
    subject = GenogramMember.objects.get(is_subject=True)
    assert subject.person == world.child
    assert GenogramMember.objects.get(person=world.mother).name == "Tessa Child"
    assert GenogramMember.objects.filter(person__isnull=True).count() == 5  # not on this small world's case
    assert GenogramRelation.objects.filter(kind="parent").count() == 8
    assert IdentityAnnotation.objects.filter(member=subject, aspect="education").exists()
    assert all(entry.occurred_on <= timezone.localdate() for entry in Participation.objects.all())
    assert assessment.started_on > dt.date(2000, 1, 1)


def test_nothing_is_written_without_asif(world: World) -> None:
    demo = PracticeDemo(
        service=world.child.service, users={}, people={}, today=timezone.localdate(), now=timezone.now()
    )
    with inside_action():
        assert assessments_demo.write(demo) == {} and genograms_demo.write(demo) == {}
