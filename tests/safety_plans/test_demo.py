"""The demo council's Asif (seed 000): a safety plan with a curfew and a missing-episode contingency, in two versions;
sharing records including one he was not told about and a decision not to share; his "who knows" page populated;
the family copy linked to its share."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from safecontext.people.models import Person
from safecontext.safety_plans.models import SafetyPlan
from safecontext.sharing.models import OutboundDocument, SharingRecord
from safecontext.sharing.queries import who_knows_lines

pytestmark = pytest.mark.django_db


def test_asifs_safety_plan_sharing_and_who_knows() -> None:
    call_command("load_demo", stdout=StringIO())
    asif = Person.objects.get(names__given_name="Asif", names__family_name="Rahimi", names__kind="legal")
    plan = SafetyPlan.objects.get(case__subject=asif)
    assert plan.version == 2
    assert "home by 9pm" in plan.safety_goals
    assert any("missing" in row["then"] for row in plan.contingencies)
    assert plan.versions.count() == 2

    records = SharingRecord.objects.filter(subject_links__person=asif)
    assert records.filter(decision="not_shared").count() == 1
    assert records.filter(decision="shared", young_person_told=False).count() == 1
    lines = who_knows_lines(asif)
    assert len(lines) == 3
    assert any("Brightside Police" in line for line in lines)
    assert not any("DC Leon Harris" in line or "Samira" in line for line in lines)
    family_copy = OutboundDocument.objects.get(person=asif, kind="safety_plan_pdf")
    assert family_copy.sharing_record.agency == "your family"
