"""The case page's figure for `make bench` (issue 5): a case with 2,000 notes and 100 links, server p95 ≤ 150 ms,
and database queries that do not grow with the number of notes (≤ 15).

Untimed setup, idempotent: the city's first case gets 2,000 synthetic notes (and a few suggested links on them), and
its young person 100 current links; a manager in the case's team is the viewer (a case page needs VIEW_CASES, which
the bench front-door user lacks). Then `GET /cases/<id>/` through Django's test client — scope, AccessEvents,
queries, template — over pages 1, 2, 10 and 100 of the notes. The queries are counted on page 1 of that case and of
a case with one note, so a count that grows with the notes shows as a difference. Hook for measure.py:
`measurements(...)`.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from safecontext.accounts.models import User
from safecontext.accounts.roles import Role
from safecontext.cases.models import Case, CaseNote, SuggestedLink
from safecontext.core.actions_base import inside_action
from safecontext.network.models import Link, Node

if TYPE_CHECKING:
    from safecontext.bench.measure import Figure

NOTES = 2_000
LINKS = 100
REQUESTS = 60
PAGES = (1, 2, 10, 100)
QUERY_TARGET = 15
VIEWER_USERNAME = "bench-case-manager"


def _note(case: Case, author: User, day: dt.date, index: int) -> CaseNote:
    return CaseNote(
        case=case,
        kind="home_visit" if index % 3 else "activity",
        happened_on=day,
        who_was_seen="The young person",
        child_seen=True,
        seen_alone=index % 2 == 0,
        summary=f"Synthetic visit {index}: talked about school, friends and the week ahead. " * 3,
        own_words="Synthetic words, as the young person said them." if index % 4 == 0 else "",
        author=author,
        stage=1 + index % 2,
    )


def prepare(case: Case, *, author: User, seed: int) -> None:
    """Give the case NOTES notes and its young person LINKS current links (once)."""
    rng = random.Random(f"{seed}:case-page")  # noqa: S311 - repeatable synthetic inputs
    with inside_action():
        have = case.notes.count()
        if have < NOTES:
            start = case.opened_on
            span = max((dt.date.today() - start).days, 1)
            notes = CaseNote.objects.bulk_create(
                [
                    _note(case, author, start + dt.timedelta(days=index * span // NOTES), index)
                    for index in range(have, NOTES)
                ],
                batch_size=500,
            )
            people = list(case.involvements.exclude(person_id=case.subject_id).values_list("person_id", flat=True))
            if people:
                SuggestedLink.objects.bulk_create(
                    [
                        SuggestedLink(note=note, person_id=people[0], mentioned_as="Synthetic parent")
                        for note in notes[::100]
                    ]
                )
        child, _ = Node.objects.get_or_create(person_id=case.subject_id, defaults={"kind": Node.Kind.PERSON})
        current = Link.objects.filter(a=child, valid_to__isnull=True).count()
        current += Link.objects.filter(b=child, valid_to__isnull=True).count()
        if current < LINKS:
            top = Node.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            candidates = Node.objects.filter(pk__in=[rng.randrange(1, top + 1) for _ in range(LINKS * 4)]).exclude(
                pk=child.pk
            )
            Link.objects.bulk_create(
                [
                    Link(
                        a=child,
                        b=node,
                        type="associates" if node.kind == Node.Kind.PERSON else "frequents",
                        source_kind="direct",
                        valid_from=case.opened_on,
                        purpose="Benchmark",
                    )
                    for node in list(candidates)[: LINKS - current]
                ]
            )


def _viewer(case: Case) -> User:
    """The bench's team manager for the case's team (the benchmark database only; nobody signs in to it)."""
    with inside_action():
        viewer, _ = User.objects.get_or_create(
            username=VIEWER_USERNAME,
            defaults={"role": Role.TEAM_MANAGER, "team_id": case.team_id, "first_name": "Bench"},
        )
        if viewer.team_id != case.team_id:
            viewer.team_id = case.team_id
            viewer.save(update_fields=["team"])
    return viewer


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def statements(sqls: list[str]) -> list[str]:
    """The statements that read or write: transaction control (SQLite logs BEGIN IMMEDIATE and COMMIT, tests log
    SAVEPOINTs) is not a query against the data."""
    return [sql for sql in sqls if not sql.lstrip().upper().startswith(TRANSACTION_CONTROL)]


def _queries(client: object, url: str) -> int:
    get: Callable[[str], object] = client.get  # type: ignore[attr-defined]
    with CaptureQueriesContext(connection) as captured:
        get(url)
    return len(statements([query["sql"] for query in captured.captured_queries]))


def measure_case_page(*, people: int, seed: int) -> list[Figure]:
    from django.test import Client
    from django.urls import reverse

    from safecontext.bench.measure import WARM_UP_CALLS, Figure, _timed, database_label

    case = Case.objects.select_related("allocated_worker").order_by("pk").first()
    if case is None or case.allocated_worker is None:
        figure = Figure("Case page, 2,000 notes and 100 links", people, database_label(), timings_ms=[0.0])
        figure.notes = ["no allocated case in the bench city: nothing measured"]
        return [figure]
    prepare(case, author=case.allocated_worker, seed=seed)
    small = Case.objects.exclude(pk=case.pk).filter(team_id=case.team_id).order_by("pk").first()
    client = Client()
    client.force_login(_viewer(case))
    url = reverse("cases:detail", kwargs={"case_id": case.pk})

    def page(number: int) -> int:
        return int(client.get(f"{url}?page={number}").status_code)

    for number in PAGES[:WARM_UP_CALLS]:
        page(number)
    figure = Figure("Case page, 2,000 notes and 100 links", people, database_label(), target_p95_ms=150)
    statuses: set[int] = set()
    for index in range(REQUESTS):
        ms, status = _timed(functools.partial(page, PAGES[index % len(PAGES)]))
        figure.timings_ms.append(ms)
        statuses.add(status)
    busy = _queries(client, url)
    quiet = None
    if small is not None:
        with inside_action():
            if not small.notes.exists():
                CaseNote.objects.bulk_create([_note(small, case.allocated_worker, small.opened_on, 0)])
        quiet = _queries(client, reverse("cases:detail", kwargs={"case_id": small.pk}))
    notes = case.notes.count()
    either_end = Q(a__person_id=case.subject_id) | Q(b__person_id=case.subject_id)
    links = Link.objects.filter(either_end, valid_to__isnull=True).count()
    verdict = "MET" if busy <= QUERY_TARGET and (quiet is None or busy <= quiet) else "NOT MET"
    figure.notes = [
        f"measured: GET /cases/<id>/?page=1,2,10,100 through django.test.Client as a team manager (scope, "
        f"AccessEvents, template), {REQUESTS} requests after {WARM_UP_CALLS} untimed warm-up calls; statuses "
        f"{sorted(statuses)}",
        f"the case: {notes:,} notes, {links} current links; database queries for its page: {busy} (a case with "
        f"one note: {quiet if quiet is not None else 'none found'}) — target ≤ {QUERY_TARGET}, not growing with "
        f"notes: {verdict}",
    ]
    return [figure]


def measurements(*, user: User, people: int, seed: int) -> list[Callable[[], list[Figure]]]:
    return [functools.partial(measure_case_page, people=people, seed=seed)]
