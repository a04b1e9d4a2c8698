"""The case-page benchmark (safecontext/bench/case_probes.py) on a small city: it prepares a case with 2,000 notes and
100 links, measures the page, and finds the query count within the target and not growing with notes."""

from __future__ import annotations

import pytest
from django.db.models import Q
from django.utils import timezone

from safecontext.bench import case_probes
from safecontext.bench.city import City
from safecontext.bench.load import load_city
from safecontext.bench.population import Scale
from safecontext.cases.models import Case
from safecontext.network.models import Link

PEOPLE = 2_000


@pytest.mark.django_db(transaction=True)
def test_the_case_page_probe_prepares_its_case_and_meets_the_query_target() -> None:
    load_city(City(Scale(PEOPLE), seed=7, today=timezone.localdate()), fast=False)
    figure = case_probes.measure_case_page(people=PEOPLE, seed=7)[0]
    case = Case.objects.order_by("pk").first()
    assert case is not None and case.notes.count() == case_probes.NOTES
    either_end = Q(a__person_id=case.subject_id) | Q(b__person_id=case.subject_id)
    assert Link.objects.filter(either_end, valid_to__isnull=True).count() >= case_probes.LINKS
    assert len(figure.timings_ms) == case_probes.REQUESTS
    assert "statuses [200]" in figure.notes[0]
    assert "not growing with notes: MET" in figure.notes[1], figure.notes[1]
