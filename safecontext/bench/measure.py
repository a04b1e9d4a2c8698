"""The timed figures of `make bench`, each printed with the scale and the database (docs/adr/0013-benchmarks.md).

Every query runs as the benchmark's front-door user (service scope), through the same query functions the pages use,
so access scoping is part of what is measured. Timings are wall-clock per call, after a few untimed warm-up calls;
p50 and p95 are over the calls listed (n).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import inspect
import random
import resource
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from safecontext.access.scope import get_referral_for_user, referrals_visible_to
from safecontext.accounts.models import User
from safecontext.bench import probes as probe_inputs
from safecontext.bench.load import FRONT_DOOR_USERNAME
from safecontext.bench.probes import Probe
from safecontext.bench.shared import shared_contexts
from safecontext.front_door.models import Referral

WARM_UP_CALLS = 5
TOP = 10  # a candidate list "finds" the child when the true record is in its first 10
STRONG = 0.9  # people.matching.match_strength: "Strong match"


@dataclass
class Figure:
    name: str
    people: int
    database: str
    timings_ms: list[float] = field(default_factory=list)
    target_p95_ms: float | None = None
    target_total_ms: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return statistics.median(self.timings_ms)

    @property
    def p95(self) -> float:
        if len(self.timings_ms) < 2:
            return self.timings_ms[0]
        return statistics.quantiles(self.timings_ms, n=100, method="inclusive")[94]

    def line(self) -> str:
        where = f"({self.people:,} people, {self.database})"
        if self.target_total_ms is not None:
            took = self.p50
            verdict = "MET" if took <= self.target_total_ms else "NOT MET"
            return f"{self.name} {where}: {took:,.0f} ms — target ≤ {self.target_total_ms:,.0f} ms: {verdict}"
        text = f"{self.name} {where}: p50 {self.p50:,.0f} ms, p95 {self.p95:,.0f} ms, n={len(self.timings_ms)}"
        if self.target_p95_ms is not None:
            verdict = "MET" if self.p95 <= self.target_p95_ms else "NOT MET"
            text += f" — target p95 ≤ {self.target_p95_ms:,.0f} ms: {verdict}"
        return text

    def as_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {"name": self.name, "people": self.people, "database": self.database}
        result["line"] = self.line()
        result["notes"] = self.notes
        if self.target_total_ms is None:
            result |= {"p50_ms": round(self.p50, 1), "p95_ms": round(self.p95, 1), "n": len(self.timings_ms)}
        else:
            result |= {"p50_ms": round(self.p50, 1), "max_ms": round(max(self.timings_ms), 1)}
        return result


def _timed[T](call: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def database_label() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def bench_user() -> User:
    return User.objects.select_related("team__service").get(username=FRONT_DOOR_USERNAME)


# --- duplicate candidates ---------------------------------------------------------------------------------------

Candidates = list[tuple[int, float]]  # (person id, score 0..1), best first


def duplicate_finder() -> tuple[str, Callable[[User, Probe], Candidates]]:
    """front_door.queries.intake.duplicate_candidates when it exists, else people.queries.search_people with the
    same inputs. Returns what was measured, and a call that gives (person id, score) pairs, best first."""
    try:
        intake: Any = importlib.import_module("safecontext.front_door.queries.intake")
    except ImportError:
        intake = None
    finder = getattr(intake, "duplicate_candidates", None)
    if finder is not None:
        accepted = set(inspect.signature(finder).parameters)

        def via_intake(user: User, probe: Probe) -> Candidates:
            offered: dict[str, Any] = {
                "user": user,
                "given_name": probe.given_name,
                "family_name": probe.family_name,
                "date_of_birth": probe.date_of_birth,
                "postcode": probe.postcode,
                "text": f"{probe.given_name} {probe.family_name}",
                "limit": TOP,
            }
            found = finder(**{key: value for key, value in offered.items() if key in accepted})
            return [_pair(candidate) for candidate in found]

        return "front_door.queries.intake.duplicate_candidates", via_intake

    from safecontext.people.queries import search_people

    def via_search(user: User, probe: Probe) -> Candidates:
        text = f"{probe.given_name} {probe.family_name}"
        found = search_people(user=user, text=text, date_of_birth=probe.date_of_birth, limit=TOP)
        return [(match.person.pk, match.score) for match in found]

    return "people.queries.search_people (front_door.queries.intake.duplicate_candidates not found)", via_search


def _pair(candidate: Any) -> tuple[int, float]:
    person_id = getattr(candidate, "person_id", None)
    if person_id is None:
        person_id = candidate.person.pk
    return int(person_id), float(candidate.score)


def measure_duplicates(
    *, user: User, people: int, today: dt.date, seed: int, existing: int = 200, new: int = 50
) -> list[Figure]:
    rng = random.Random(f"{seed}:probes")  # noqa: S311 - repeatable synthetic inputs
    service_id = user.team.service_id  # type: ignore[union-attr]
    labelled = probe_inputs.existing_children(service_id=service_id, today=today, count=existing, rng=rng)
    unseen = probe_inputs.new_children(today=today, count=new, rng=rng)
    measured, find = duplicate_finder()
    for probe in (labelled + unseen)[:WARM_UP_CALLS]:
        find(user, probe)
    figure = Figure("duplicate candidates", people, database_label(), target_p95_ms=300)
    found_in_top, first, strong_right, strong_total, returned, new_with_strong = 0, 0, 0, 0, 0, 0
    missed: list[str] = []
    for probe in labelled + unseen:
        ms, candidates = _timed(functools.partial(find, user, probe))
        figure.timings_ms.append(ms)
        top = candidates[:TOP]
        returned += len(top)
        strong = [person_id for person_id, score in top if score >= STRONG]
        strong_total += len(strong)
        strong_right += sum(1 for person_id in strong if person_id == probe.true_person_id)
        if probe.true_person_id is None:
            new_with_strong += bool(strong)
            continue
        ids = [person_id for person_id, _ in top]
        if probe.true_person_id in ids:
            found_in_top += 1
            first += ids[0] == probe.true_person_id
        elif len(missed) < 5:
            missed.append(f"{probe.given_name} {probe.family_name} ({', '.join(probe.slips)})")
    total = len(labelled) + len(unseen)
    figure.notes = [
        f"measured: {measured}",
        f"inputs: {len(labelled)} existing children typed with slips, {len(unseen)} new children, {WARM_UP_CALLS} "
        "untimed warm-up calls",
        f"recall (true record in the top {TOP}): {found_in_top}/{len(labelled)} = {found_in_top / len(labelled):.1%}",
        f"true record first: {first}/{len(labelled)} = {first / len(labelled):.1%}",
        f"precision of 'strong match' (score ≥ {STRONG}): {strong_right}/{strong_total} = "
        f"{strong_right / strong_total if strong_total else 0:.1%} of strong candidates are the true record",
        f"precision of the whole list: {found_in_top}/{returned} = {found_in_top / returned if returned else 0:.1%} "
        f"of returned candidates are the true record (mean {returned / total:.1f} candidates a list)",
        f"new children shown a strong match: {new_with_strong}/{len(unseen)}",
    ]
    if missed:
        figure.notes.append("examples missed: " + "; ".join(missed))
    return [figure]


# --- linked young people ----------------------------------------------------------------------------------------


def measure_linked(*, user: User, people: int, seed: int, count: int = 200) -> list[Figure]:
    from safecontext.front_door.queries.linked import linked_young_people_for_referral

    rng = random.Random(f"{seed}:referrals")  # noqa: S311 - repeatable synthetic inputs
    referral_ids = list(
        referrals_visible_to(user)
        .filter(status=Referral.Status.AWAITING_SCREENING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = rng.sample(referral_ids, min(count, len(referral_ids)))

    def check(referral_id: int) -> Any:
        referral = get_referral_for_user(user, referral_id)
        return linked_young_people_for_referral(user=user, referral=referral)

    for referral_id in chosen[:WARM_UP_CALLS]:
        check(referral_id)
    figure = Figure("linked young people for one referral", people, database_label(), target_p95_ms=100)
    linked_counts, busy, incomplete, suggestions = [], 0, 0, 0
    for referral_id in chosen:
        ms, result = _timed(functools.partial(check, referral_id))
        figure.timings_ms.append(ms)
        linked_counts.append(len(result.young_people))
        busy += bool(result.busy_contexts)
        incomplete += bool(result.incomplete)
        suggestions += bool(result.suggestions)
    figure.notes = [
        "measured: front_door.queries.linked.linked_young_people_for_referral, with get_referral_for_user "
        f"(access-scoped), over {len(chosen)} random open referrals, {WARM_UP_CALLS} untimed warm-up calls",
        f"linked young people a referral: median {statistics.median(linked_counts):.0f}, max {max(linked_counts)}; "
        f"{busy} with a busy context summarised, {suggestions} with a complex strategy meeting suggested, "
        f"{incomplete} marked incomplete",
    ]
    return [figure]


# --- all shared contexts at once --------------------------------------------------------------------------------


def measure_shared_contexts(*, user: User, people: int, now: dt.datetime, runs: int = 5) -> list[Figure]:
    shared_contexts(user=user, now=now)  # warm-up
    figure = Figure(
        "full recompute of shared contexts across open cases", people, database_label(), target_total_ms=1000
    )
    rows: list[tuple[int, int]] = []
    for _ in range(runs):
        ms, rows = _timed(functools.partial(shared_contexts, user=user, now=now))
        figure.timings_ms.append(ms)
    figure.notes = [
        "measured: one SQL statement (bench/shared.py shared_contexts), open referrals and cases scoped through "
        f"referrals_visible_to / cases_visible_to; median of {runs} runs after one untimed warm-up run "
        f"(slowest {max(figure.timings_ms):,.0f} ms)",
        f"contexts with ≥ 2 open young people: {sum(1 for _, n in rows if n >= 2):,}; "
        f"with ≥ 3: {sum(1 for _, n in rows if n >= 3):,}; largest: {max((n for _, n in rows), default=0):,}",
    ]
    return [figure]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def run_all(
    *, people: int, today: dt.date, now: dt.datetime, seed: int, report: Callable[[Figure], None]
) -> Sequence[Figure]:
    user = bench_user()
    figures: list[Figure] = []
    measurements: list[Callable[[], list[Figure]]] = [
        functools.partial(measure_duplicates, user=user, people=people, today=today, seed=seed),
        functools.partial(measure_linked, user=user, people=people, seed=seed),
        functools.partial(measure_shared_contexts, user=user, people=people, now=now),
    ]
    from safecontext.bench import network_probes  # issue 4: the network's figures

    measurements += network_probes.measurements(user=user, people=people, seed=seed)
    from safecontext.bench import case_probes  # issue 5: the case page

    measurements += case_probes.measurements(user=user, people=people, seed=seed)
    from safecontext.bench import analytics_probes  # issue 4: clusters on demand and over the whole city

    measurements += analytics_probes.measurements(user=user, people=people, today=today, seed=seed)
    from safecontext.bench import pdf_probes  # issue 5: the family's safety plan PDF

    measurements += pdf_probes.measurements(user=user, people=people, seed=seed)
    for measure in measurements:  # one at a time, each printed as soon as it is known
        for figure in measure():
            figures.append(figure)
            report(figure)
    return figures
