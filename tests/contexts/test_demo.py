"""The demo council's context cases: seed 000's park, peer group and school, each assessed, and the park reviewed."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from safecontext.contexts.models import ContextCase, YoungPeoplesWords
from safecontext.contexts.queries import assessment_comparison

pytestmark = pytest.mark.django_db


def test_the_demo_opens_context_cases_on_the_case_studys_places() -> None:
    call_command("load_demo", stdout=StringIO())
    cases = {case.context.name: case for case in ContextCase.objects.select_related("context")}
    assert set(cases) == {"Hollowmere Park", "Hollowmere group (Asif and friends)", "Brightside Academy"}
    assert all(case.assessments.filter(review_of__isnull=True).exists() for case in cases.values())
    group = cases["Hollowmere group (Asif and friends)"]
    assert group.members.filter(left_on__isnull=True).count() == 5
    compared = assessment_comparison(cases["Hollowmere Park"])
    assert compared is not None
    assert compared.summary.text == "6 of 10 measures improved; 3 no change, 1 worse"
    assert YoungPeoplesWords.objects.filter(assessment__context_case=cases["Hollowmere Park"]).count() == 2
